#!/usr/bin/python3
"""Checks the container image's and Kubernetes' deployment files agree.

Neither podman nor a Kubernetes cluster runs in CTest, so this test reads
what they would read and checks it against the real ranker_server:

  * every deploy/k8s/*.yaml file is well-formed YAML (python3-yaml) whose
    documents have apiVersion, kind and metadata.name; the kinds are there
    (StatefulSet, Service, ConfigMap, PodDisruptionBudget) and
    kustomization.yaml lists every manifest;
  * the StatefulSet's selector, the Services' and the PodDisruptionBudget's
    select its pod labels; its serviceName is a headless Service;
  * the startup, liveness and readiness probes are native gRPC probes
    (grpc.health.v1) on the container port named grpc;
  * the container ports are the Dockerfile's EXPOSE ports, the Service
    targets them by name, and the Prometheus annotations name the metrics
    port;
  * resources have requests and limits, requests no larger than limits;
  * the ConfigMap's flag file is mounted where the container's --flagfile
    reads it, its --state_dir is where the volume claim is mounted and the
    image's VOLUME; the pod runs as the Dockerfile's USER;
  * every flag in the ConfigMap's and the image's flag file is one the
    server accepts (ranker_server --helpfull), and the real server starts
    with each file (--listen and --state_dir overridden to a free port and a
    temporary directory) and stops cleanly on SIGTERM;
  * --metrics_listen: while the server lacks it, both flag files carry it
    commented out on the metrics port; once the server has it, both must set
    it (so the EXPOSEd and scraped port is really served);
  * deploy/ghz's configs call the host port deploy/container-smoke.sh
    publishes the container's gRPC port on.

Usage (as registered in CTest):

  /usr/bin/python3 tests/e2e/python/deploy_manifests_test.py \\
      --server build/server/ranker_server --repo_root . \\
      [unittest arguments, e.g. -v]

Needs Debian 12's /usr/bin/python3 with python3-yaml
(scripts/install_deps.sh installs it); without it the test fails saying so.
"""

import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

# The server-process helpers are shared with the Python client test.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# pylint: disable=wrong-import-position
from ranker_client_test import read_text, stop_process, wait_for_port_file

PORT_FILE_TIMEOUT_S = 30.0
SHUTDOWN_TIMEOUT_S = 30.0
HELP_TIMEOUT_S = 30.0
METRICS_FLAG = "metrics_listen"

# Filled in by main() before unittest runs.
ARGS = None  # argparse.Namespace: server, repo_root.
yaml = None  # The yaml module (python3-yaml), imported in main().


def fail_setup(message):
    """Reports a set-up problem and exits with status 1 (a test failure)."""
    print(f"deploy_manifests_test: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def repo_path(*parts):
    return os.path.join(ARGS.repo_root, *parts)


def load_manifests():
    """Returns [(file name, document)] of every deploy/k8s/*.yaml file."""
    documents = []
    for path in sorted(glob.glob(repo_path("deploy", "k8s", "*.yaml"))):
        with open(path, encoding="utf-8") as f:
            for document in yaml.safe_load_all(f):
                if document is not None:
                    documents.append((os.path.basename(path), document))
    return documents


def parse_dockerfile():
    """Returns the Dockerfile's instructions as [(INSTRUCTION, arguments)],
    continuation lines joined, comment lines dropped (as Docker does, inside
    a continuation too)."""
    instructions = []
    pending = ""
    with open(repo_path("deploy", "Dockerfile"), encoding="utf-8") as f:
        for line in f:
            stripped = line.strip()
            if stripped.startswith("#") or (not stripped and not pending):
                continue
            if stripped.endswith("\\"):
                pending += stripped[:-1] + " "
                continue
            whole = pending + stripped
            pending = ""
            instruction, _, arguments = whole.partition(" ")
            instructions.append((instruction.upper(), arguments.strip()))
    return instructions


def flag_file_flags(text):
    """Returns {name: value} of an Abseil flag file's active lines, and the
    commented-out flags as a second dict. Fails on a line Abseil rejects."""
    active, commented = {}, {}
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped:
            continue
        flag = r"--([A-Za-z0-9_]+)(?:=(.*))?"
        if stripped.startswith("#"):
            # A commented-out flag is a line of its own; anything else is
            # prose.
            match = re.fullmatch(flag, stripped.lstrip("#").strip())
            if match is not None:
                commented[match.group(1)] = match.group(2)
            continue
        match = re.fullmatch(flag, stripped)
        if match is None:
            raise AssertionError(f"line {number} is not --flag=value: {line!r}")
        active[match.group(1)] = match.group(2)
    return active, commented


def parse_quantity(text):
    """A Kubernetes quantity ('500m', '8Gi', '2') as a float."""
    suffixes = {"m": 1e-3, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12,
                "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40}
    match = re.fullmatch(r"([0-9.]+)([A-Za-z]*)", str(text))
    if match is None or (match.group(2) and match.group(2) not in suffixes):
        raise AssertionError(f"not a Kubernetes quantity: {text!r}")
    return float(match.group(1)) * suffixes.get(match.group(2), 1)


_SERVER_FLAGS = None


def server_flags():
    """The flag names ranker_server accepts, from its --helpfull."""
    global _SERVER_FLAGS  # pylint: disable=global-statement
    if _SERVER_FLAGS is None:
        result = subprocess.run([ARGS.server, "--helpfull"],
                                capture_output=True, text=True,
                                timeout=HELP_TIMEOUT_S, check=False)
        names = set(re.findall(r"^\s+--([A-Za-z0-9_]+) \(",
                               result.stdout + result.stderr, re.MULTILINE))
        if "listen" not in names or "flagfile" not in names:
            raise AssertionError(
                "ranker_server --helpfull did not list --listen and "
                f"--flagfile; it printed:\n{result.stdout}{result.stderr}")
        _SERVER_FLAGS = names
    return _SERVER_FLAGS


class DeployManifestsTest(unittest.TestCase):
    """Reads deploy/Dockerfile, deploy/ranker.flags and deploy/k8s once."""

    @classmethod
    def setUpClass(cls):
        cls.manifests = load_manifests()
        cls.dockerfile = parse_dockerfile()
        cls.statefulset = cls.only("StatefulSet")
        cls.configmap = cls.only("ConfigMap")
        cls.pod = cls.statefulset["spec"]["template"]["spec"]
        containers = cls.pod["containers"]
        assert len(containers) == 1, "the pod runs one container"
        cls.container = containers[0]
        cls.container_ports = {
            port["name"]: port["containerPort"]
            for port in cls.container.get("ports", [])}
        cls.k8s_flags_text = cls.configmap["data"]["ranker.flags"]
        cls.k8s_flags, cls.k8s_commented = flag_file_flags(cls.k8s_flags_text)
        with open(repo_path("deploy", "ranker.flags"), encoding="utf-8") as f:
            cls.image_flags_text = f.read()
        cls.image_flags, cls.image_commented = flag_file_flags(
            cls.image_flags_text)

    @classmethod
    def only(cls, kind):
        found = [doc for _, doc in cls.manifests if doc.get("kind") == kind]
        assert len(found) == 1, f"expected one {kind}, found {len(found)}"
        return found[0]

    def of_kind(self, kind):
        return [doc for _, doc in self.manifests if doc.get("kind") == kind]

    def docker_args(self, instruction):
        return [args for name, args in self.dockerfile if name == instruction]

    def exposed_ports(self):
        ports = set()
        for args in self.docker_args("EXPOSE"):
            ports.update(int(port.split("/")[0]) for port in args.split())
        return ports

    def pod_labels(self):
        return self.statefulset["spec"]["template"]["metadata"]["labels"]

    # -- Well-formed, complete -----------------------------------------------

    def test_every_document_has_api_version_kind_and_name(self):
        self.assertTrue(self.manifests, "no documents in deploy/k8s/*.yaml")
        for file_name, document in self.manifests:
            with self.subTest(file=file_name, kind=document.get("kind")):
                self.assertIsInstance(document, dict)
                self.assertTrue(document.get("apiVersion"))
                self.assertTrue(document.get("kind"))
                if document["kind"] != "Kustomization":
                    self.assertTrue(document.get("metadata", {}).get("name"))

    def test_the_kinds_are_present_with_their_api_versions(self):
        expected = {"StatefulSet": "apps/v1", "Service": "v1",
                    "ConfigMap": "v1", "PodDisruptionBudget": "policy/v1"}
        for kind, api_version in expected.items():
            with self.subTest(kind=kind):
                documents = self.of_kind(kind)
                self.assertTrue(documents, f"no {kind} in deploy/k8s")
                for document in documents:
                    self.assertEqual(document["apiVersion"], api_version)

    def test_kustomization_lists_every_manifest(self):
        kustomization = self.only("Kustomization")
        files = {name for name, doc in self.manifests
                 if doc.get("kind") != "Kustomization"}
        self.assertEqual(set(kustomization["resources"]), files)

    # -- Selectors ------------------------------------------------------------

    def test_selectors_select_the_pods(self):
        labels = self.pod_labels()
        selectors = [("StatefulSet",
                      self.statefulset["spec"]["selector"]["matchLabels"]),
                     ("PodDisruptionBudget",
                      self.only("PodDisruptionBudget")["spec"]["selector"]
                      ["matchLabels"])]
        selectors += [(f"Service {s['metadata']['name']}", s["spec"]["selector"])
                      for s in self.of_kind("Service")]
        for what, selector in selectors:
            with self.subTest(what=what):
                self.assertTrue(selector)
                for key, value in selector.items():
                    self.assertEqual(labels.get(key), value)

    def test_service_name_is_a_headless_service(self):
        name = self.statefulset["spec"]["serviceName"]
        services = {s["metadata"]["name"]: s for s in self.of_kind("Service")}
        self.assertIn(name, services)
        self.assertEqual(services[name]["spec"].get("clusterIP"), "None")

    # -- Probes ---------------------------------------------------------------

    def test_probes_are_native_grpc_on_the_grpc_port(self):
        for probe_name in ("startupProbe", "livenessProbe", "readinessProbe"):
            with self.subTest(probe=probe_name):
                probe = self.container.get(probe_name)
                self.assertIsNotNone(probe, f"{probe_name} missing")
                handlers = {"grpc", "exec", "httpGet", "tcpSocket"} & set(probe)
                self.assertEqual(handlers, {"grpc"})
                port = probe["grpc"]["port"]
                self.assertEqual(port, self.container_ports["grpc"])
                # No service name: the server's overall status, the one
                # ranker_server sets (to NOT_SERVING at SIGTERM).
                self.assertEqual(probe["grpc"].get("service", ""), "")

    # -- Ports ----------------------------------------------------------------

    def test_container_ports_are_the_dockerfile_expose_ports(self):
        self.assertEqual(set(self.container_ports), {"grpc", "metrics"})
        self.assertEqual(set(self.container_ports.values()),
                         self.exposed_ports())
        self.assertEqual(self.container_ports["metrics"], 9464)

    def test_the_service_targets_the_container_ports_by_name(self):
        services = {s["metadata"]["name"]: s for s in self.of_kind("Service")}
        ports = {p["name"]: p for p in
                 services["interest-ranker"]["spec"]["ports"]}
        self.assertEqual(set(ports), {"grpc", "metrics"})
        for name, port in ports.items():
            with self.subTest(port=name):
                self.assertEqual(port["targetPort"], name)
                self.assertEqual(port["port"], self.container_ports[name])
        for service in services.values():
            for port in service["spec"]["ports"]:
                self.assertIn(port["targetPort"], self.container_ports)

    def test_prometheus_annotations_name_the_metrics_port(self):
        annotations = self.statefulset["spec"]["template"]["metadata"].get(
            "annotations", {})
        self.assertEqual(annotations.get("prometheus.io/scrape"), "true")
        self.assertEqual(annotations.get("prometheus.io/port"),
                         str(self.container_ports["metrics"]))
        self.assertTrue(annotations.get("prometheus.io/path", "").startswith(
            "/"))

    # -- Resources and security -----------------------------------------------

    def test_requests_and_limits_are_set_and_consistent(self):
        resources = self.container["resources"]
        for resource in ("cpu", "memory"):
            with self.subTest(resource=resource):
                request = parse_quantity(resources["requests"][resource])
                limit = parse_quantity(resources["limits"][resource])
                self.assertGreater(request, 0)
                self.assertLessEqual(request, limit)
        # The sizing comment's arithmetic (1M products and 1M users, about
        # 7.7 GiB) must fit under the request.
        self.assertGreaterEqual(
            parse_quantity(resources["requests"]["memory"]), 7.7 * 2**30)
        self.assertEqual(self.k8s_flags.get("max_users"), "1000000")

    def test_the_pod_runs_as_the_image_user(self):
        users = self.docker_args("USER")
        self.assertTrue(users, "the Dockerfile sets no USER")
        uid, _, gid = users[-1].partition(":")
        self.assertNotIn(uid, ("0", "root"))
        security = self.pod["securityContext"]
        self.assertTrue(security["runAsNonRoot"])
        self.assertEqual(str(security["runAsUser"]), uid)
        self.assertEqual(str(security["fsGroup"]), gid or uid)

    # -- Files and volumes ----------------------------------------------------

    def test_the_config_map_is_mounted_where_the_flagfile_is_read(self):
        args = self.container.get("args", [])
        flagfiles = [a.split("=", 1)[1] for a in args
                     if a.startswith("--flagfile=")]
        self.assertEqual(len(flagfiles), 1, args)
        directory, key = os.path.split(flagfiles[0])
        volumes = {v["name"]: v for v in self.pod["volumes"]}
        mounts = {m["mountPath"]: m for m in self.container["volumeMounts"]}
        self.assertIn(directory, mounts)
        volume = volumes[mounts[directory]["name"]]
        self.assertEqual(volume["configMap"]["name"],
                         self.configmap["metadata"]["name"])
        self.assertIn(key, self.configmap["data"])
        # The image reads its own flag file at the same path.
        self.assertIn(f'"--flagfile={flagfiles[0]}"',
                      self.docker_args("CMD")[-1])
        copies = [a for a in self.docker_args("COPY")
                  if a.startswith("deploy/ranker.flags ")]
        self.assertEqual(copies, [f"deploy/ranker.flags {flagfiles[0]}"])

    def test_the_state_dir_is_the_claimed_volume_and_the_image_volume(self):
        state_dir = self.k8s_flags["state_dir"]
        self.assertEqual(self.image_flags["state_dir"], state_dir)
        mounts = {m["mountPath"]: m["name"]
                  for m in self.container["volumeMounts"]}
        self.assertIn(state_dir, mounts)
        claims = [c["metadata"]["name"]
                  for c in self.statefulset["spec"]["volumeClaimTemplates"]]
        self.assertIn(mounts[state_dir], claims)
        self.assertIn(state_dir, json.loads(self.docker_args("VOLUME")[-1]))

    # -- Flags ----------------------------------------------------------------

    def test_the_flag_files_name_only_flags_the_server_accepts(self):
        known = server_flags()
        for what, flags in (("deploy/k8s/configmap.yaml", self.k8s_flags),
                            ("deploy/ranker.flags", self.image_flags)):
            with self.subTest(file=what):
                self.assertTrue(flags)
                unknown = sorted(set(flags) - known)
                self.assertEqual(unknown, [],
                                 f"{what}: ranker_server has no such flags")
                self.assertEqual(flags.get("listen"),
                                 f"0.0.0.0:{self.container_ports['grpc']}")

    def test_metrics_listen_is_set_once_the_server_has_it(self):
        metrics = f"0.0.0.0:{self.container_ports['metrics']}"
        has_flag = METRICS_FLAG in server_flags()
        for what, active, commented in (
                ("deploy/k8s/configmap.yaml", self.k8s_flags,
                 self.k8s_commented),
                ("deploy/ranker.flags", self.image_flags,
                 self.image_commented)):
            with self.subTest(file=what):
                if has_flag:
                    self.assertEqual(
                        active.get(METRICS_FLAG), metrics,
                        f"ranker_server now has --{METRICS_FLAG}: uncomment "
                        f"'--{METRICS_FLAG}={metrics}' in {what}")
                else:
                    self.assertEqual(commented.get(METRICS_FLAG), metrics)

    def check_server_starts_with(self, flags_text, *extra):
        with tempfile.TemporaryDirectory(prefix="ranker-deploy-") as scratch:
            flag_file = os.path.join(scratch, "ranker.flags")
            with open(flag_file, "w", encoding="utf-8") as f:
                f.write(flags_text)
            port_file = os.path.join(scratch, "port")
            stderr_path = os.path.join(scratch, "stderr")
            state_dir = os.path.join(scratch, "state")
            # Flags after --flagfile override the file's: a free loopback
            # port and a temporary state directory instead of the pod's.
            command = [ARGS.server, f"--flagfile={flag_file}",
                       "--listen=127.0.0.1:0", f"--port_file={port_file}",
                       f"--state_dir={state_dir}", *extra]
            with open(stderr_path, "w", encoding="utf-8") as stderr:
                process = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                           stderr=stderr)
            try:
                wait_for_port_file(process, port_file, stderr_path,
                                   PORT_FILE_TIMEOUT_S)
            finally:
                status = stop_process(process, SHUTDOWN_TIMEOUT_S)
            self.assertEqual(status, 0, read_text(stderr_path))
            self.assertTrue(os.listdir(state_dir), "nothing in --state_dir")

    def test_the_server_starts_with_the_config_map_flags(self):
        self.check_server_starts_with(self.k8s_flags_text)

    def test_the_server_starts_with_the_image_flags(self):
        self.check_server_starts_with(self.image_flags_text)

    # -- Dockerfile, smoke script, ghz ----------------------------------------

    def test_the_dockerfile_builds_on_bookworm_and_runs_on_slim(self):
        froms = self.docker_args("FROM")
        self.assertEqual(len(froms), 2, froms)
        self.assertTrue(froms[0].startswith("debian:bookworm AS "), froms[0])
        self.assertEqual(froms[1], "debian:bookworm-slim")
        self.assertEqual(len(self.docker_args("HEALTHCHECK")), 1)
        self.assertIn("ranker_cli", self.docker_args("HEALTHCHECK")[0])
        entrypoint = json.loads(self.docker_args("ENTRYPOINT")[-1])
        self.assertEqual(os.path.basename(entrypoint[0]), "ranker_server")

    def test_ghz_configs_call_the_port_the_smoke_script_publishes(self):
        script = read_text(repo_path("deploy", "container-smoke.sh"))
        default = re.search(r"RANKER_GRPC_PORT:-([0-9]+)", script)
        self.assertIsNotNone(default)
        published = re.search(
            r'--publish "127\.0\.0\.1:\$\{GRPC_PORT\}:([0-9]+)"', script)
        self.assertIsNotNone(published)
        self.assertEqual(int(published.group(1)),
                         self.container_ports["grpc"])
        configs = sorted(glob.glob(repo_path("deploy", "ghz", "*.json")))
        self.assertTrue(configs)
        for path in configs:
            with self.subTest(config=os.path.basename(path)):
                with open(path, encoding="utf-8") as f:
                    host = json.load(f).get("host")
                self.assertEqual(host, f"127.0.0.1:{default.group(1)}")


def main():
    """Parses our options, imports yaml, runs unittest with the rest."""
    global ARGS, yaml  # pylint: disable=global-statement
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n", 1)[0],
        epilog="Arguments not listed here are passed to unittest.")
    parser.add_argument("--server", required=True,
                        help="path of the ranker_server binary")
    parser.add_argument("--repo_root", required=True,
                        help="the repository root")
    ARGS, unittest_args = parser.parse_known_args()

    try:
        import yaml as yaml_module  # pylint: disable=import-outside-toplevel
    except ImportError:
        fail_setup("python3-yaml is missing: apt-get install python3-yaml "
                   "(scripts/install_deps.sh installs it)")
    yaml = yaml_module
    if not (os.path.isfile(ARGS.server) and os.access(ARGS.server, os.X_OK)):
        fail_setup(f"ranker_server not found or not executable: {ARGS.server!r}")
    if not os.path.isdir(repo_path("deploy", "k8s")):
        fail_setup(f"no deploy/k8s under --repo_root {ARGS.repo_root!r}")

    program = unittest.main(argv=[sys.argv[0]] + unittest_args, exit=False)
    result = program.result
    ok = result.wasSuccessful() and result.testsRun > 0
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
