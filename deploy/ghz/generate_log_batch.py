#!/usr/bin/env python3
"""Generates the batched LogEvent request data for ghz.

Writes one ranker.v1.LogEventRequest in the protobuf JSON mapping (original
proto field names, enums by name), as ghz's --data-file expects: a feed
backend's batch of events from a few users' sessions over the bundled demo
catalog. Every product is an active product of the catalog; every content tag
is one of that product's own topic tags, the way a video showing a product is
tagged with its topics; a creator is one the catalog says features the product.

The event mix follows ranker_load's feed funnel (client/load/workload.cc):
impression 55%, click 20%, dwell 10% (1..60 s), like 5%, add to cart 4%,
favorite 2%, purchase 1.5%, not interested 1.5%, share 1%; through short
videos 60%, live streams 25% or product cards 15%, limited to the forms the
product is shown through. Timestamps are left at 0, which the server reads as
"now", so the data never goes stale.

The output is deterministic byte for byte (one random.Random with a fixed
seed). Run with --check to verify that a committed file is up to date.

Usage (from the repository root):
  python3 deploy/ghz/generate_log_batch.py \\
      --output deploy/ghz/data/log_event_batch_100.json
  python3 deploy/ghz/generate_log_batch.py --events 1000 \\
      --output /tmp/log_event_batch_1000.json
  python3 deploy/ghz/generate_log_batch.py \\
      --check deploy/ghz/data/log_event_batch_100.json
"""

import argparse
import json
import pathlib
import random
import sys

SEED = 20261203
DEFAULT_EVENTS = 100
MAX_EVENTS = 10000  # LogEvent takes at most 10,000 events per call.
USERS = 10  # Distinct users in one batch: ghz-batch-u0 .. u9.
MAX_CONTENT_TAGS = 3
MAX_DWELL_MS = 60000

FUNNEL = (
    ("EVENT_TYPE_IMPRESSION", 0.55),
    ("EVENT_TYPE_CLICK", 0.20),
    ("EVENT_TYPE_DWELL", 0.10),
    ("EVENT_TYPE_LIKE", 0.05),
    ("EVENT_TYPE_ADD_TO_CART", 0.04),
    ("EVENT_TYPE_FAVORITE", 0.02),
    ("EVENT_TYPE_PURCHASE", 0.015),
    ("EVENT_TYPE_NOT_INTERESTED", 0.015),
    ("EVENT_TYPE_SHARE", 0.01),
)
FORMS = (
    ("short_video", "CONTENT_FORM_SHORT_VIDEO", 0.60),
    ("live_stream", "CONTENT_FORM_LIVE_STREAM", 0.25),
    ("product_card", "CONTENT_FORM_PRODUCT_CARD", 0.15),
)

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
DEFAULT_CATALOG = REPO_ROOT / "deploy" / "demo" / "catalog.jsonl"


def read_active_products(catalog_path):
    """The catalog's active products, in file order."""
    products = []
    with open(catalog_path, encoding="utf-8") as catalog:
        for line in catalog:
            if line.strip():
                product = json.loads(line)
                if product["status"] == "active":
                    products.append(product)
    if not products:
        raise ValueError(f"{catalog_path}: no active product")
    return products


def topic_tags(product):
    """The product's tags that name a topic (not its price, style or
    audience): what a video showing it is about."""
    return [tag for tag in product["tags"]
            if not tag.startswith(("price:", "style:", "audience:"))]


def make_event(rng, products):
    """One event of one user's session, as a JSON-mapping dict."""
    user = rng.randrange(USERS)
    product = rng.choice(products)
    event_type = rng.choices([t for t, _ in FUNNEL],
                             weights=[w for _, w in FUNNEL])[0]
    shown = [(form, name, weight) for form, name, weight in FORMS
             if form in product["forms"]]
    form, form_name, _ = rng.choices(shown,
                                     weights=[w for _, _, w in shown])[0]
    event = {
        "user_id": f"ghz-batch-u{user}",
        "session_id": f"ghz-batch-s{user}",
        "product_id": product["id"],
        "type": event_type,
    }
    if event_type == "EVENT_TYPE_DWELL":
        event["dwell_ms"] = rng.randint(1000, MAX_DWELL_MS)
    event["content_form"] = form_name
    tags = topic_tags(product)
    count = rng.randint(0, min(MAX_CONTENT_TAGS, len(tags)))
    if count:
        event["content_tags"] = rng.sample(tags, count)
    creators = product.get("creators", [])
    if creators and form != "product_card":
        event["creator_id"] = rng.choice(creators)
    return event


def generate(events, catalog_path):
    """The request as text: one event per line, so diffs stay readable."""
    rng = random.Random(SEED)
    products = read_active_products(catalog_path)
    lines = [json.dumps(make_event(rng, products), separators=(", ", ": "))
             for _ in range(events)]
    return '{"events": [\n  ' + ",\n  ".join(lines) + "\n]}\n"


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n", 1)[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=DEFAULT_EVENTS,
                        help=f"events in the request, 1..{MAX_EVENTS} "
                        f"(default {DEFAULT_EVENTS})")
    parser.add_argument("--catalog", default=str(DEFAULT_CATALOG),
                        help="JSONL catalog to draw products from (default: "
                        "the demo catalog)")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--output", help="file to write ('-' for stdout)")
    target.add_argument("--check", metavar="FILE",
                        help="exit 1 unless FILE is what this script writes")
    args = parser.parse_args()
    if not 1 <= args.events <= MAX_EVENTS:
        parser.error(f"--events must be in [1, {MAX_EVENTS}], got "
                     f"{args.events}")

    text = generate(args.events, args.catalog)
    if args.check:
        current = pathlib.Path(args.check).read_text(encoding="utf-8")
        if current != text:
            print(f"{args.check} is out of date; regenerate it with: python3 "
                  f"deploy/ghz/generate_log_batch.py --events {args.events} "
                  f"--output {args.check}", file=sys.stderr)
            return 1
        return 0
    if args.output == "-":
        sys.stdout.write(text)
    else:
        pathlib.Path(args.output).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
