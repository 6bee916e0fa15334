#!/usr/bin/env python3
"""The metrics configs of deploy/ are well formed and use real metrics.

deploy/grafana/interest-ranker.json must parse as a Grafana dashboard (unique
panel ids, a data source on every query, a grid position on every panel),
every metric its queries name must be one docs/operations/metrics.md lists
(the end-to-end test checks that list against a real server's scrape), and
it must show what issue 7 asks for. deploy/prometheus/prometheus.yml must
parse and scrape /metrics on port 9464.

Run: metrics_configs_test.py --repo_root <checkout>
"""

import argparse
import json
import os
import re
import sys
import unittest

import yaml

REPO_ROOT = None

# A metric name inside a PromQL expression: ours, gRPC's and the process's.
METRIC_IN_QUERY = re.compile(
    r"\b((?:ranker|grpc_server|process|exposer)_[a-z_]+)\b")
# The first cell of a table row of the metrics page.
DOCUMENTED_ROW = re.compile(r"^\| `([a-z_]+)` \|", re.MULTILINE)

# What the dashboard must show (issue 7): requests and latency per RPC and
# status code, latency per stage, events by type, catalog size, profiles,
# fsync latency, snapshot age.
REQUIRED_METRICS = {
    "grpc_server_handled_total",
    "grpc_server_handling_seconds",
    "ranker_pipeline_stage_seconds",
    "ranker_events_total",
    "ranker_catalog_products",
    "ranker_profiles",
    "ranker_wal_fsync_seconds",
    "ranker_snapshot_age_seconds",
}


def read(path):
    with open(os.path.join(REPO_ROOT, path), encoding="utf-8") as f:
        return f.read()


def documented_metrics():
    return set(DOCUMENTED_ROW.findall(read("docs/operations/metrics.md")))


def family(name):
    """A histogram's series carry its name with a suffix."""
    for suffix in ("_bucket", "_count", "_sum"):
        if name.endswith(suffix) and name[: -len(suffix)].endswith("_seconds"):
            return name[: -len(suffix)]
    return name


class DashboardTest(unittest.TestCase):
    def setUp(self):
        self.dashboard = json.loads(read("deploy/grafana/interest-ranker.json"))
        self.panels = self.dashboard["panels"]
        self.queries = [
            target["expr"]
            for panel in self.panels
            for target in panel.get("targets", [])
        ]

    def test_is_a_dashboard_with_unique_panels(self):
        self.assertEqual(self.dashboard["uid"], "interest-ranker")
        self.assertTrue(self.dashboard["title"])
        ids = [panel["id"] for panel in self.panels]
        self.assertEqual(len(ids), len(set(ids)), "panel ids must be unique")
        for panel in self.panels:
            self.assertIn("gridPos", panel, panel["title"])
            for key in ("h", "w", "x", "y"):
                self.assertIn(key, panel["gridPos"], panel["title"])
            self.assertLessEqual(
                panel["gridPos"]["x"] + panel["gridPos"]["w"], 24,
                panel["title"])
            if panel["type"] == "row":
                continue
            self.assertTrue(panel.get("targets"), panel["title"])
            for target in panel["targets"]:
                self.assertEqual(target["datasource"]["uid"], "${datasource}")
                self.assertTrue(target["expr"].strip(), panel["title"])

    def test_has_the_variables_its_queries_use(self):
        names = {v["name"] for v in self.dashboard["templating"]["list"]}
        self.assertEqual(names, {"datasource", "instance"})
        for query in self.queries:
            self.assertIn('instance=~"$instance"', query)

    def test_uses_only_documented_metrics(self):
        documented = documented_metrics()
        self.assertGreater(len(documented), 20)
        used = set()
        for query in self.queries:
            used |= {family(m) for m in METRIC_IN_QUERY.findall(query)}
        self.assertTrue(used)
        self.assertEqual(used - documented, set(),
                         "used by the dashboard, not in metrics.md")

    def test_shows_what_the_issue_asks_for(self):
        used = set()
        for query in self.queries:
            used |= {family(m) for m in METRIC_IN_QUERY.findall(query)}
        self.assertEqual(REQUIRED_METRICS - used, set())

    def test_queries_have_balanced_brackets(self):
        for query in self.queries:
            for opening, closing in ("()", "{}", "[]"):
                self.assertEqual(query.count(opening), query.count(closing),
                                 query)


class ScrapeConfigTest(unittest.TestCase):
    def test_scrapes_the_metrics_port(self):
        config = yaml.safe_load(read("deploy/prometheus/prometheus.yml"))
        jobs = {job["job_name"]: job for job in config["scrape_configs"]}
        job = jobs["interest-ranker"]
        self.assertEqual(job.get("metrics_path", "/metrics"), "/metrics")
        targets = [
            target
            for static in job["static_configs"]
            for target in static["targets"]
        ]
        self.assertTrue(targets)
        for target in targets:
            self.assertTrue(target.endswith(":9464"), target)


def main():
    global REPO_ROOT
    parser = argparse.ArgumentParser()
    parser.add_argument("--repo_root", required=True)
    args, rest = parser.parse_known_args()
    REPO_ROOT = args.repo_root
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
