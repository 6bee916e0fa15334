#!/usr/bin/python3
"""End-to-end test of ranker_server through an independent second client.

This client is written in Python and shares no code with the C++ client
library or the C++ server: its stubs are generated at test start from
proto/ranker/v1/ranker.proto with protoc and Debian's grpc_python_plugin, so
it checks the wire contract as any third-party caller would see it.

The test starts the real server binary on a free port with an empty catalog
(--catalog=none), loads a small crafted catalog through UpsertProducts, and
then checks:

  * the standard gRPC health service answers SERVING;
  * a new user gets exactly `count` unique, ranked, sourced items;
  * clicks on travel products move the user's next list towards travel, and
    debug explanations show the matched instant-interest tags;
  * a banned product is never returned afterwards;
  * invalid requests get the documented status code and a message naming the
    offending field;
  * DescribeUser and DescribeProduct count logged events exactly;
  * server reflection lists ranker.v1.Ranker;
  * SIGTERM stops the server with exit status 0.

Usage (as registered in CTest):

  /usr/bin/python3 tests/e2e/python/ranker_client_test.py \\
      --server build/server/ranker_server --proto_dir proto \\
      --protoc /usr/bin/protoc --grpc_python_plugin /usr/bin/grpc_python_plugin \\
      [unittest arguments, e.g. -v or RankerClientTest.test_health]

Requirements: Debian 12's /usr/bin/python3 with the Debian packages
python3-grpcio and python3-protobuf, plus protobuf-compiler and
protobuf-compiler-grpc for protoc and grpc_python_plugin.
"""

import argparse
import math
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

# Filled in by main() before unittest runs.
ARGS = None  # argparse.Namespace with server, proto_dir, protoc, plugin paths.
grpc = None  # The grpc module, imported in main() with a clear error if absent.
pb = None  # ranker_pb2, generated at test start.
pb_grpc = None  # ranker_pb2_grpc, generated at test start.

RPC_TIMEOUT_S = 10.0
PORT_FILE_TIMEOUT_S = 20.0
SHUTDOWN_TIMEOUT_S = 20.0

TRAVEL_TAGS = ("travel", "business-travel", "portable")


# --------------------------------------------------------------------------
# Set-up helpers: dependencies, stub generation.
# --------------------------------------------------------------------------


def fail_setup(message):
    """Reports a set-up problem and exits with status 1 (a test failure)."""
    print(f"ranker_client_test: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def import_grpc():
    """Imports grpc and protobuf, failing with the Debian package to install."""
    try:
        import grpc as grpc_module  # pylint: disable=import-outside-toplevel
    except ImportError as error:
        fail_setup(
            f"cannot import grpc ({error}); install the Debian package "
            "python3-grpcio (apt-get install python3-grpcio) and run with "
            "/usr/bin/python3")
    try:
        import google.protobuf  # pylint: disable=import-outside-toplevel,unused-import
    except ImportError as error:
        fail_setup(
            f"cannot import google.protobuf ({error}); install the Debian "
            "package python3-protobuf (apt-get install python3-protobuf)")
    return grpc_module


def check_file(path, what, executable=False):
    """Fails set-up unless `path` is an existing (executable) file."""
    if not os.path.isfile(path):
        fail_setup(f"{what} not found: {path!r}")
    if executable and not os.access(path, os.X_OK):
        fail_setup(f"{what} is not executable: {path!r}")


def generate_stubs(out_dir):
    """Generates ranker/v1/ranker_pb2{,_grpc}.py into out_dir and imports them."""
    command = [
        ARGS.protoc,
        f"-I{ARGS.proto_dir}",
        f"--python_out={out_dir}",
        f"--grpc_python_out={out_dir}",
        f"--plugin=protoc-gen-grpc_python={ARGS.grpc_python_plugin}",
        "ranker/v1/ranker.proto",
    ]
    result = subprocess.run(command, capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        fail_setup(f"stub generation failed (exit {result.returncode}): "
                   f"{' '.join(command)}\n{result.stderr}")
    sys.path.insert(0, out_dir)
    # pylint: disable=import-outside-toplevel
    from ranker.v1 import ranker_pb2, ranker_pb2_grpc
    return ranker_pb2, ranker_pb2_grpc


# --------------------------------------------------------------------------
# The crafted catalog.
# --------------------------------------------------------------------------


def make_product(product_id, title, category_path, shop_id, tags, price,
                 status=None, **extra):
    """Builds a ranker.v1.Product; `tags` is a list of (tag, weight)."""
    return pb.Product(
        product_id=product_id,
        title=title,
        category_path=list(category_path),
        shop_id=shop_id,
        tags=[pb.WeightedTag(tag=t, weight=w) for t, w in tags],
        price=price,
        status=pb.PRODUCT_STATUS_ACTIVE if status is None else status,
        content_forms=[pb.CONTENT_FORM_SHORT_VIDEO,
                       pb.CONTENT_FORM_PRODUCT_CARD],
        **extra)


def crafted_catalog():
    """Returns 40 products: 12 travel products, 28 kitchen/fitness/beauty.

    Travel products carry the tags travel, business-travel and portable and
    spread over 3 categories and 4 shops, so that the rerank caps (a share of
    the list per category and per shop) still leave room for up to 8 travel
    items in a top 10. The other products use their own tags and shops and
    come first, so that no tie-break by insertion order favours travel.
    """
    travel = []
    travel_categories = (["travel", "luggage"], ["travel", "accessories"],
                         ["travel", "electronics"])
    for i in range(12):
        travel.append(make_product(
            product_id=f"py-travel-{i:02d}",
            title=f"Travel item {i}",
            category_path=travel_categories[i % 3],
            shop_id=f"py-shop-travel-{i % 4}",
            tags=[("travel", 1.0), ("business-travel", 0.5 + 0.04 * i),
                  ("portable", 0.3 + 0.05 * (i % 5))],
            price=20.0 + 5 * i))
    themes = (
        ("kitchen", ["home", "kitchen"], ("kitchen", "cooking", "home")),
        ("fitness", ["sports", "fitness"], ("fitness", "workout", "sport")),
        ("beauty", ["beauty", "skincare"], ("beauty", "skincare", "cosmetics")),
    )
    others = []
    for i in range(28):
        name, category, tags = themes[i % 3]
        others.append(make_product(
            product_id=f"py-{name}-{i:02d}",
            title=f"{name.capitalize()} item {i}",
            category_path=category,
            shop_id=f"py-shop-{name}-{i % 4}",
            tags=[(tags[0], 1.0), (tags[1], 0.7), (tags[2], 0.4)],
            price=10.0 + i))
    return others + travel


def crowd_events(catalog):
    """Background traffic: three crowd users click 16 non-travel products.

    This makes those products popular, so that a fresh user's list starts
    mostly outside travel and the interest test has room to move towards it,
    whatever the server's tie-breaking among products without evidence.
    """
    popular = [p for p in catalog if not is_travel(p)][:16]
    return [pb.Event(user_id=f"py-crowd-{u}", product_id=product_id,
                     type=pb.EVENT_TYPE_CLICK,
                     content_form=pb.CONTENT_FORM_PRODUCT_CARD)
            for u in range(3) for product_id in popular]


def is_travel(product_id):
    """True for the crafted travel products."""
    return product_id.startswith("py-travel-")


# --------------------------------------------------------------------------
# Server process helpers.
# --------------------------------------------------------------------------


def read_text(path):
    """Returns a file's text, or '' if it cannot be read."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def wait_for_port_file(process, port_file, stderr_path, timeout_s):
    """Waits until the server wrote its port; fails if it dies or times out."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(
                f"ranker_server exited with status {process.returncode} before "
                f"serving; its stderr:\n{read_text(stderr_path)}")
        text = read_text(port_file).strip()
        if text:
            return int(text)
        time.sleep(0.05)
    raise AssertionError(
        f"ranker_server did not write {port_file} within {timeout_s} s; its "
        f"stderr:\n{read_text(stderr_path)}")


def stop_process(process, timeout_s):
    """Sends SIGTERM and waits; kills it if it does not stop. Returns status."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return None


# --------------------------------------------------------------------------
# The tests.
# --------------------------------------------------------------------------


class RankerClientTest(unittest.TestCase):
    """Talks to one real ranker_server, started once for the whole class."""

    @classmethod
    def setUpClass(cls):
        cls.work_dir = tempfile.TemporaryDirectory(prefix="ranker_py_e2e_")
        cls.stderr_path = os.path.join(cls.work_dir.name, "server.stderr")
        port_file = os.path.join(cls.work_dir.name, "port")
        cls.process = None
        cls.channel = None
        try:
            with open(cls.stderr_path, "wb") as stderr:
                cls.process = subprocess.Popen(
                    [ARGS.server, "--listen=127.0.0.1:0",
                     f"--port_file={port_file}", "--catalog=none",
                     "--log_level=warn"],
                    stdin=subprocess.DEVNULL, stdout=stderr, stderr=stderr)
            port = wait_for_port_file(cls.process, port_file, cls.stderr_path,
                                      PORT_FILE_TIMEOUT_S)
            cls.channel = grpc.insecure_channel(f"127.0.0.1:{port}")
            grpc.channel_ready_future(cls.channel).result(timeout=10)
            cls.stub = pb_grpc.RankerStub(cls.channel)
            cls.catalog = {p.product_id: p for p in crafted_catalog()}
            reply = cls.stub.UpsertProducts(
                pb.UpsertProductsRequest(products=list(cls.catalog.values())),
                timeout=RPC_TIMEOUT_S)
            if (reply.inserted, reply.updated) != (len(cls.catalog), 0):
                raise AssertionError(
                    f"UpsertProducts of the crafted catalog: expected inserted="
                    f"{len(cls.catalog)} updated=0, got inserted="
                    f"{reply.inserted} updated={reply.updated}")
            cls.stub.LogEvent(
                pb.LogEventRequest(events=crowd_events(cls.catalog)),
                timeout=RPC_TIMEOUT_S)
        except BaseException:
            cls._cleanup()
            raise

    @classmethod
    def _cleanup(cls):
        """Closes the channel, stops the server, returns its exit status."""
        if cls.channel is not None:
            cls.channel.close()
            cls.channel = None
        status = None
        if cls.process is not None:
            status = stop_process(cls.process, SHUTDOWN_TIMEOUT_S)
            cls.process = None
        return status

    @classmethod
    def tearDownClass(cls):
        status = cls._cleanup()
        stderr = read_text(cls.stderr_path)
        cls.work_dir.cleanup()
        if status != 0:
            raise AssertionError(
                "ranker_server should exit 0 on SIGTERM, got "
                f"{'no exit (killed)' if status is None else status}; its "
                f"stderr:\n{stderr}")

    # ---- small helpers -----------------------------------------------------

    def recommend(self, user_id, count=10, scene=None, **fields):
        """Calls RecommendProducts; returns the response. Fields given as
        None are left unset."""
        fields = {k: v for k, v in fields.items() if v is not None}
        request = pb.RecommendProductsRequest(
            user_id=user_id, count=count,
            scene=pb.SCENE_FEED if scene is None else scene, **fields)
        return self.stub.RecommendProducts(request, timeout=RPC_TIMEOUT_S)

    @staticmethod
    def ids(response):
        """The product ids of a RecommendProductsResponse, in order."""
        return [item.product_id for item in response.items]

    def click_events(self, user_id, product_ids, content_tags):
        """CLICK events through a short video with the given content tags."""
        return [pb.Event(user_id=user_id, product_id=product_id,
                         type=pb.EVENT_TYPE_CLICK,
                         content_form=pb.CONTENT_FORM_SHORT_VIDEO,
                         content_tags=list(content_tags))
                for product_id in product_ids]

    def assert_rpc_error(self, rpc, request, code, *mentions):
        """Asserts `rpc(request)` fails with `code` and a message naming each
        of `mentions`."""
        with self.assertRaises(grpc.RpcError) as raised:
            rpc(request, timeout=RPC_TIMEOUT_S)
        error = raised.exception
        details = error.details() or ""
        self.assertEqual(error.code(), code,
                         f"expected {code.name}, got {error.code().name}: "
                         f"{details!r}")
        for mention in mentions:
            self.assertIn(mention, details,
                          f"the {code.name} message should name {mention!r}")

    # ---- test cases --------------------------------------------------------

    def test_health_service_reports_serving(self):
        """grpc.health.v1.Health/Check with an empty service name: SERVING."""
        try:
            # pylint: disable=import-outside-toplevel
            from grpc_health.v1 import health_pb2, health_pb2_grpc
        except ImportError:
            # Debian's python3-grpcio has no grpc_health: call it by hand. An
            # empty HealthCheckRequest is b''; SERVING (1) in field 1 is
            # b'\x08\x01'.
            check = self.channel.unary_unary(
                "/grpc.health.v1.Health/Check",
                request_serializer=lambda _: b"",
                response_deserializer=lambda data: data)
            self.assertEqual(check(None, timeout=RPC_TIMEOUT_S), b"\x08\x01")
            return
        reply = health_pb2_grpc.HealthStub(self.channel).Check(
            health_pb2.HealthCheckRequest(service=""), timeout=RPC_TIMEOUT_S)
        self.assertEqual(reply.status, health_pb2.HealthCheckResponse.SERVING)

    def test_new_user_gets_count_unique_ranked_items(self):
        """A user without history gets a full, well-formed list."""
        response = self.recommend("py-new-user", count=10)
        ids = self.ids(response)
        self.assertEqual(len(ids), 10, f"items: {ids}")
        self.assertEqual(len(set(ids)), len(ids), f"duplicate ids: {ids}")
        for product_id in ids:
            self.assertIn(product_id, self.catalog)
        scores = [item.score for item in response.items]
        for rank in range(1, len(scores)):
            self.assertGreaterEqual(
                scores[rank - 1], scores[rank],
                f"scores must not increase: rank {rank - 1} has "
                f"{scores[rank - 1]}, rank {rank} has {scores[rank]}")
        for item in response.items:
            self.assertTrue(math.isfinite(item.score), item)
            self.assertTrue(item.source, f"item without a source: {item}")
        self.assertTrue(response.request_id, "request_id must not be empty")
        again = self.recommend("py-new-user", count=10)
        self.assertNotEqual(response.request_id, again.request_id,
                            "request ids must be unique per response")

    def test_clicks_move_interest_towards_travel(self):
        """Clicks on travel products raise travel's share in the next list."""
        user = "py-u1"
        before = self.ids(self.recommend(user, count=10))
        travel_before = sum(map(is_travel, before))

        clicked = ["py-travel-00", "py-travel-01", "py-travel-02"]
        reply = self.stub.LogEvent(
            pb.LogEventRequest(events=self.click_events(
                user, clicked, content_tags=["business-travel"])),
            timeout=RPC_TIMEOUT_S)
        self.assertEqual(reply.accepted, len(clicked))

        after = self.ids(self.recommend(user, count=10))
        travel_after = sum(map(is_travel, after))
        self.assertGreater(
            travel_after, travel_before,
            f"travel items in the top 10: {travel_before} before the clicks "
            f"({before}), {travel_after} after ({after})")

        explained = self.recommend(user, count=10, debug=True)
        travel_items = [i for i in explained.items if is_travel(i.product_id)]
        self.assertTrue(travel_items, "no travel item in the debug list")
        for item in explained.items:
            self.assertTrue(item.HasField("explanation"),
                            f"debug=true but no explanation: {item}")
        for item in travel_items:
            matched = set(item.explanation.matched_instant_tags)
            self.assertTrue(
                matched & set(TRAVEL_TAGS),
                f"{item.product_id} should match the instant interest in "
                f"{TRAVEL_TAGS}, matched_instant_tags={sorted(matched)}")

    def test_banned_product_is_never_returned(self):
        """After a product is upserted as BANNED it disappears everywhere."""
        first = self.ids(self.recommend("py-ban-u1", count=10))
        # A non-travel victim keeps the travel test independent of this one.
        victim_id = next(p for p in first if not is_travel(p))
        victim = self.catalog[victim_id]
        # Give one user a strong interest in the victim before the ban.
        self.stub.LogEvent(
            pb.LogEventRequest(events=self.click_events(
                "py-ban-u2", [victim_id] * 3,
                content_tags=[t.tag for t in victim.tags])),
            timeout=RPC_TIMEOUT_S)

        banned = pb.Product()
        banned.CopyFrom(victim)
        banned.status = pb.PRODUCT_STATUS_BANNED
        reply = self.stub.UpsertProducts(
            pb.UpsertProductsRequest(products=[banned]), timeout=RPC_TIMEOUT_S)
        self.assertEqual((reply.inserted, reply.updated), (0, 1))

        context = pb.RecommendContext(
            content_tags=[t.tag for t in victim.tags],
            recent_product_ids=[victim_id])
        storefront = pb.RecommendContext(shop_id=victim.shop_id)
        for user in ("py-ban-u1", "py-ban-u2", "py-ban-u3", "py-u1"):
            for scene, ctx in ((pb.SCENE_FEED, None),
                               (pb.SCENE_FEED, context),
                               (pb.SCENE_STOREFRONT, storefront)):
                with self.subTest(user=user, scene=pb.Scene.Name(scene),
                                  context=str(ctx)):
                    ids = self.ids(self.recommend(user, count=200, scene=scene,
                                                  context=ctx, debug=True))
                    self.assertTrue(ids, "empty list")
                    self.assertNotIn(victim_id, ids)

    def test_feed_commerce_density_follows_the_users_tolerance(self):
        """Products take at most a share of a feed page's content slots,
        fewer for a user who scrolls past them; the storefront has no cap."""
        travel = [p for p in self.catalog if is_travel(p)]
        for user in ("py-density-keen", "py-density-skipper"):
            self.stub.LogEvent(pb.LogEventRequest(events=self.click_events(
                user, travel[:2], content_tags=["travel"])),
                timeout=RPC_TIMEOUT_S)
        skips = [pb.Event(user_id="py-density-skipper", product_id=p,
                          type=pb.EVENT_TYPE_IMPRESSION)
                 for p in list(self.catalog)[:40] * 2]
        self.stub.LogEvent(pb.LogEventRequest(events=skips),
                           timeout=RPC_TIMEOUT_S)

        keen = self.recommend("py-density-keen", count=20, content_slots=20)
        skipper = self.recommend("py-density-skipper", count=20,
                                 content_slots=20)
        # 20 slots x 0.25 = 5 products for a user without skips.
        self.assertEqual(keen.commerce_density.max_products, 5)
        self.assertEqual(len(keen.items), 5)
        self.assertLess(skipper.commerce_density.commerce_tolerance, 1.0)
        self.assertLess(len(skipper.items), len(keen.items))

        shelf = self.recommend("py-density-skipper", count=20,
                               scene=pb.SCENE_STOREFRONT, content_slots=20)
        self.assertEqual(len(shelf.items), 20)
        self.assertFalse(shelf.HasField("commerce_density"))
    def test_banned_shop_is_never_returned_until_reinstated(self):
        """UpsertShops: a banned shop's products vanish from every scene on
        the next request and come back when the shop is active again."""
        shop = "py-shop-beauty-1"
        products = {pid for pid, p in self.catalog.items()
                    if p.shop_id == shop}
        self.assertTrue(products)
        storefront = pb.RecommendContext(shop_id=shop)

        reply = self.stub.UpsertShops(
            pb.UpsertShopsRequest(shops=[pb.Shop(
                shop_id=shop, status=pb.SHOP_STATUS_BANNED,
                quality_score=0.4)]),
            timeout=RPC_TIMEOUT_S)
        self.assertEqual((reply.inserted, reply.updated), (1, 0))
        feed = self.ids(self.recommend("py-shop-u1", count=200))
        self.assertTrue(feed)
        self.assertFalse(products & set(feed))
        self.assertEqual(self.ids(self.recommend(
            "py-shop-u1", count=200, scene=pb.SCENE_STOREFRONT,
            context=storefront)), [])

        # A bad score is rejected by field and changes nothing.
        self.assert_rpc_error(
            self.stub.UpsertShops,
            pb.UpsertShopsRequest(shops=[
                pb.Shop(shop_id=shop, status=pb.SHOP_STATUS_ACTIVE),
                pb.Shop(shop_id="py-other", status=pb.SHOP_STATUS_ACTIVE,
                        quality_score=2.0)]),
            grpc.StatusCode.INVALID_ARGUMENT, "shops[1].quality_score")
        self.assertEqual(self.ids(self.recommend(
            "py-shop-u1", count=200, scene=pb.SCENE_STOREFRONT,
            context=storefront)), [])

        # Reinstated with its score unset (kept at 0.4): back, and the
        # explanation shows the demotion.
        reinstate = pb.Shop(shop_id=shop, status=pb.SHOP_STATUS_ACTIVE)
        self.assertFalse(reinstate.HasField("quality_score"))
        reply = self.stub.UpsertShops(
            pb.UpsertShopsRequest(shops=[reinstate]), timeout=RPC_TIMEOUT_S)
        self.assertEqual((reply.inserted, reply.updated), (0, 1))
        items = self.recommend("py-shop-u1", count=200,
                               scene=pb.SCENE_STOREFRONT, context=storefront,
                               debug=True).items
        self.assertEqual({item.product_id for item in items}, products)
        for item in items:
            self.assertAlmostEqual(
                item.explanation.score_parts["shop_quality"], 2.0 * (0.4 - 1))
        # Back to full quality, so other tests see the shop as before.
        self.stub.UpsertShops(
            pb.UpsertShopsRequest(shops=[pb.Shop(
                shop_id=shop, status=pb.SHOP_STATUS_ACTIVE,
                quality_score=1.0)]),
            timeout=RPC_TIMEOUT_S)

    def test_invalid_requests_get_precise_status(self):
        """Each invalid request: the documented code, the field named."""
        invalid_argument = grpc.StatusCode.INVALID_ARGUMENT
        recommend = self.stub.RecommendProducts

        def recommend_request(**overrides):
            fields = {"user_id": "py-invalid", "scene": pb.SCENE_FEED,
                      "count": 10}
            fields.update(overrides)
            return pb.RecommendProductsRequest(**fields)

        with self.subTest("count=0"):
            self.assert_rpc_error(recommend, recommend_request(count=0),
                                  invalid_argument, "count")
        with self.subTest("empty user_id"):
            self.assert_rpc_error(recommend, recommend_request(user_id=""),
                                  invalid_argument, "user_id")
        with self.subTest("scene unset"):
            self.assert_rpc_error(
                recommend, recommend_request(scene=pb.SCENE_UNSPECIFIED),
                invalid_argument, "scene")
        with self.subTest("unknown weight override"):
            self.assert_rpc_error(
                recommend,
                recommend_request(weight_overrides={"no_such_knob": 1.0}),
                invalid_argument, "no_such_knob")
        with self.subTest("NaN weight override"):
            self.assert_rpc_error(
                recommend,
                recommend_request(weight_overrides={"instant_match":
                                                    float("nan")}),
                invalid_argument, "instant_match")

        log = self.stub.LogEvent
        with self.subTest("event for an unknown product"):
            self.assert_rpc_error(
                log,
                pb.LogEventRequest(events=self.click_events(
                    "py-invalid", ["py-no-such-product"], [])),
                grpc.StatusCode.NOT_FOUND, "py-no-such-product")
        with self.subTest("event type unset"):
            event = pb.Event(user_id="py-invalid", product_id="py-travel-00")
            self.assert_rpc_error(log, pb.LogEventRequest(events=[event]),
                                  invalid_argument, "events[0].type")

        with self.subTest("tag weight 2.0"):
            bad = make_product("py-bad-weight", "Bad", ["misc"], "py-shop-x",
                               [("odd", 2.0)], 1.0)
            good = make_product("py-good-in-bad-call", "Good", ["misc"],
                                "py-shop-x", [("fine", 1.0)], 1.0)
            self.assert_rpc_error(
                self.stub.UpsertProducts,
                pb.UpsertProductsRequest(products=[bad, good]),
                invalid_argument, "products[0].tags[0].weight")
            # "A call that fails changes nothing": the valid product of the
            # failed call must not have been added.
            self.assert_rpc_error(
                log,
                pb.LogEventRequest(events=self.click_events(
                    "py-invalid", ["py-good-in-bad-call"], [])),
                grpc.StatusCode.NOT_FOUND, "py-good-in-bad-call")

    def test_describe_user_and_product_show_exact_counts(self):
        """DescribeUser / DescribeProduct count exactly what was logged; an
        unknown user is known=False, an unknown product NOT_FOUND."""
        product_id = "py-travel-05"
        before = self.stub.DescribeProduct(
            pb.DescribeProductRequest(product_id=product_id),
            timeout=RPC_TIMEOUT_S)
        events = self.click_events("py-describe-u", [product_id] * 2,
                                   content_tags=["business-travel"])
        events.append(pb.Event(user_id="py-describe-u", product_id=product_id,
                               type=pb.EVENT_TYPE_ADD_TO_CART))
        self.stub.LogEvent(pb.LogEventRequest(events=events),
                           timeout=RPC_TIMEOUT_S)

        user = self.stub.DescribeUser(
            pb.DescribeUserRequest(user_id="py-describe-u", top_tags=3),
            timeout=RPC_TIMEOUT_S)
        self.assertTrue(user.known)
        self.assertEqual(user.event_counts.click, 2)
        self.assertEqual(user.event_counts.add_to_cart, 1)
        self.assertEqual(user.event_counts.total, 3)
        self.assertGreater(user.last_event_ms, 0)
        self.assertLessEqual(len(user.long_term_interest), 3)
        self.assertIn("business-travel",
                      [t.tag for t in user.instant_interest])
        self.assertEqual(list(user.recent_product_ids), [product_id])

        product = self.stub.DescribeProduct(
            pb.DescribeProductRequest(product_id=product_id),
            timeout=RPC_TIMEOUT_S)
        self.assertEqual(product.product_id, product_id)
        self.assertEqual(product.title, self.catalog[product_id].title)
        self.assertEqual(product.event_counts.click,
                         before.event_counts.click + 2)
        self.assertEqual(product.event_counts.total,
                         before.event_counts.total + 3)
        self.assertGreater(product.statistics.carts,
                           before.statistics.carts + 0.99)

        unknown = self.stub.DescribeUser(
            pb.DescribeUserRequest(user_id="py-nobody"), timeout=RPC_TIMEOUT_S)
        self.assertFalse(unknown.known)
        self.assert_rpc_error(self.stub.DescribeProduct,
                              pb.DescribeProductRequest(product_id="py-none"),
                              grpc.StatusCode.NOT_FOUND, "product_id")
        self.assert_rpc_error(self.stub.DescribeUser,
                              pb.DescribeUserRequest(user_id="u", top_tags=-1),
                              grpc.StatusCode.INVALID_ARGUMENT, "top_tags")

    def test_server_reflection_lists_ranker_service(self):
        """Reflection v1alpha list_services names ranker.v1.Ranker."""
        reflect = self.channel.stream_stream(
            "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
            request_serializer=lambda data: data,
            response_deserializer=lambda data: data)
        # ServerReflectionRequest{list_services: ""}: field 7, wire type 2,
        # length 0.
        responses = list(reflect(iter([b"\x3a\x00"]), timeout=RPC_TIMEOUT_S))
        self.assertEqual(len(responses), 1, responses)
        self.assertIn(b"ranker.v1.Ranker", responses[0])
        self.assertIn(b"grpc.health.v1.Health", responses[0])


def main():
    """Parses our options, prepares stubs, runs unittest with the rest."""
    global ARGS, grpc, pb, pb_grpc  # pylint: disable=global-statement
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n", 1)[0],
        epilog="Arguments not listed here are passed to unittest.")
    parser.add_argument("--server", required=True,
                        help="path of the ranker_server binary")
    parser.add_argument("--proto_dir", required=True,
                        help="directory holding ranker/v1/ranker.proto")
    parser.add_argument("--protoc", default="/usr/bin/protoc",
                        help="protoc binary (Debian: protobuf-compiler)")
    parser.add_argument("--grpc_python_plugin",
                        default="/usr/bin/grpc_python_plugin",
                        help="gRPC Python protoc plugin (Debian: "
                        "protobuf-compiler-grpc)")
    ARGS, unittest_args = parser.parse_known_args()

    grpc = import_grpc()
    check_file(ARGS.server, "ranker_server binary (--server)", executable=True)
    check_file(os.path.join(ARGS.proto_dir, "ranker", "v1", "ranker.proto"),
               "ranker.proto under --proto_dir")
    check_file(ARGS.protoc, "protoc (--protoc; Debian: protobuf-compiler)",
               executable=True)
    check_file(ARGS.grpc_python_plugin,
               "grpc_python_plugin (--grpc_python_plugin; Debian: "
               "protobuf-compiler-grpc)", executable=True)

    with tempfile.TemporaryDirectory(prefix="ranker_py_stubs_") as stub_dir:
        pb, pb_grpc = generate_stubs(stub_dir)
        program = unittest.main(argv=[sys.argv[0]] + unittest_args,
                                exit=False)
    result = program.result
    ok = result.wasSuccessful() and result.testsRun > 0
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
