#!/usr/bin/python3
"""Checks that the ghz load-test configs in deploy/ghz/ work as written.

ghz (https://ghz.sh) is not packaged for Debian, so CTest cannot run it. This
test does instead what ghz does with each config, with Python's protobuf and
gRPC, against the real ranker_server (demo catalog, free port):

  * parses the JSON config; every key must be one ghz's config file knows
    (the json tags of ghz's runner.Config);
  * "proto" and "import-paths" must exist relative to the repository root
    (ghz is run from there) and compile with protoc; without "proto" or
    "protoset" the schema comes from the server's reflection service, as ghz
    gets it;
  * "call" must name a method of a service in that schema;
  * the request ("data" inline, or the "data-file") has its ghz template
    actions expanded ({{randomInt a b}}, {{printf `p%05d` (randomInt a b)}},
    {{.RequestNumber}}) at the ends of their ranges and at random, is parsed
    into the method's input message with json_format.ParseDict (an unknown
    field fails), must name only products, tags and creators of the demo
    catalog, and is sent: the call must succeed (RecommendProducts returns
    items, LogEvent accepts every event, the health check says SERVING);
  * deploy/ghz/README.md names every config;
  * deploy/ghz/generate_log_batch.py still writes the committed batch, and a
    1,000-event batch it writes is accepted too.

Usage (as registered in CTest):

  /usr/bin/python3 tests/e2e/python/ghz_configs_test.py \\
      --server build/server/ranker_server --repo_root . \\
      --protoc /usr/bin/protoc \\
      [unittest arguments, e.g. -v]

Needs Debian 12's /usr/bin/python3 with python3-grpcio and python3-protobuf,
and protoc (protobuf-compiler). Without python3-grpcio it prints SKIPPED and
exits 77, which CTest reports as skipped.
"""

import argparse
import json
import os
import pathlib
import random
import re
import subprocess
import sys
import tempfile
import unittest

# The server-process helpers are shared with the Python client test.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# pylint: disable=wrong-import-position
from ranker_client_test import read_text, stop_process, wait_for_port_file

SKIP_EXIT_CODE = 77  # SKIP_RETURN_CODE of the CTest registration.
RPC_TIMEOUT_S = 10.0
PORT_FILE_TIMEOUT_S = 20.0
SHUTDOWN_TIMEOUT_S = 20.0
RANDOM_EXPANSIONS = 3

# Filled in by main() before unittest runs.
ARGS = None  # argparse.Namespace: server, repo_root, protoc.
grpc = None  # The grpc module, imported in main().
descriptor_pb2 = None  # google.protobuf modules, imported in main().
descriptor_pool = None
json_format = None
message_factory = None

# Every key of a ghz JSON config file: the json tags of runner.Config in
# https://github.com/bojand/ghz/blob/master/runner/config.go (read at commit
# 37ed69e00c424407cccf45a177be4a72b2d54e39). A key outside this set is a typo
# or an option this test has not been taught: look it up there, then add it.
GHZ_CONFIG_KEYS = frozenset({
    "proto", "protoset", "call", "import-paths", "host",
    "cacert", "cert", "key", "skipTLS", "cname", "authority", "insecure",
    "total", "async", "concurrency", "connections", "rps",
    "concurrency-schedule", "concurrency-start", "concurrency-end",
    "concurrency-step", "concurrency-step-duration",
    "concurrency-max-duration",
    "load-schedule", "load-start", "load-end", "load-step",
    "load-step-duration", "load-max-duration",
    "duration", "duration-stop", "max-duration", "timeout",
    "data", "data-file", "binary-file", "metadata", "metadata-file",
    "stream-interval", "reflect-metadata",
    "output", "format", "skipFirst", "connect-timeout", "keepalive", "cpus",
    "name", "tags", "debug", "enable-compression",
})
# Keys whose value ghz parses as a Go time.Duration ("10s", "500ms", "1m").
GHZ_DURATION_KEYS = frozenset({
    "duration", "max-duration", "timeout", "connect-timeout", "keepalive",
    "stream-interval", "load-step-duration", "load-max-duration",
    "concurrency-step-duration", "concurrency-max-duration",
})
GO_DURATION = re.compile(r"^(0|(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+)$")

# The ghz template actions the data files use, and how ghz evaluates them
# (https://ghz.sh/docs/calldata: randomInt(min, max) is in [min, max); printf
# is Go text/template's built-in fmt.Sprintf).
TEMPLATE_ACTION = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
REQUEST_NUMBER = re.compile(r"^\s*\.RequestNumber\s*$")
RANDOM_INT = re.compile(r"^\s*randomInt\s+(\d+)\s+(\d+)\s*$")
PRINTF_RANDOM_INT = re.compile(
    r"^\s*printf\s+`([^`%]*%0?\d*d[^`%]*)`\s+"
    r"\(\s*randomInt\s+(\d+)\s+(\d+)\s*\)\s*$")

# Request fields whose values must come from the demo catalog.
PRODUCT_FIELDS = ("product_id", "recent_product_ids", "exclude_product_ids")
TAG_FIELDS = ("content_tags",)
CREATOR_FIELDS = ("creator_id",)


def skip(message):
    """Reports a missing optional dependency; CTest shows the test skipped."""
    print(f"ghz_configs_test: SKIPPED: {message}", file=sys.stderr)
    sys.exit(SKIP_EXIT_CODE)


def fail_setup(message):
    """Reports a set-up problem and exits with status 1 (a test failure)."""
    print(f"ghz_configs_test: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def import_modules():
    """Imports grpc and google.protobuf; skips the test if they are absent."""
    # pylint: disable=global-statement
    global grpc, descriptor_pb2, descriptor_pool, json_format, message_factory
    # pylint: disable=import-outside-toplevel
    try:
        import grpc as grpc_module
    except ImportError as error:
        skip(f"cannot import grpc ({error}); install the Debian package "
             "python3-grpcio and run with /usr/bin/python3")
    try:
        from google.protobuf import descriptor_pb2 as d_pb2
        from google.protobuf import descriptor_pool as d_pool
        from google.protobuf import json_format as j_format
        from google.protobuf import message_factory as m_factory
    except ImportError as error:
        skip(f"cannot import google.protobuf ({error}); install the Debian "
             "package python3-protobuf")
    grpc, descriptor_pb2, descriptor_pool = grpc_module, d_pb2, d_pool
    json_format, message_factory = j_format, m_factory


# --------------------------------------------------------------------------
# What ghz does with a config, step by step.
# --------------------------------------------------------------------------


def parse_call(call):
    """Splits "pkg.Service/Method" or "pkg.Service.Method" as ghz does."""
    call = call[1:] if call.startswith(".") else call
    if call.count("/") == 1:
        service, method = call.split("/")
    elif "/" not in call and "." in call:
        service, method = call.rsplit(".", 1)
    else:
        raise AssertionError(f"call {call!r}: must be package.Service/Method "
                             "or package.Service.Method")
    return service, method


def pool_from_file_protos(file_protos):
    """A DescriptorPool holding the given FileDescriptorProtos."""
    pool = descriptor_pool.DescriptorPool()
    pending = {fdp.name: fdp for fdp in file_protos}
    added = set()
    while pending:  # Dependencies first.
        ready = [name for name, fdp in pending.items()
                 if all(dep in added for dep in fdp.dependency)]
        if not ready:
            raise AssertionError(
                f"descriptors with unresolved imports: {sorted(pending)}")
        for name in ready:
            pool.AddSerializedFile(pending.pop(name).SerializeToString())
            added.add(name)
    return pool


def pool_from_proto(repo_root, proto, import_paths, work_dir):
    """Compiles `proto` the way ghz is told to find it, from the repo root."""
    out = os.path.join(work_dir, "descriptors.pb")
    command = [ARGS.protoc, "--include_imports", f"--descriptor_set_out={out}",
               "-I."]
    command += [f"-I{path}" for path in import_paths]
    command.append(proto)
    result = subprocess.run(command, cwd=repo_root, capture_output=True,
                            text=True, check=False)
    if result.returncode != 0:
        raise AssertionError(f"protoc cannot compile {proto} (exit "
                             f"{result.returncode}): {' '.join(command)}\n"
                             f"{result.stderr}")
    descriptor_set = descriptor_pb2.FileDescriptorSet()
    with open(out, "rb") as f:
        descriptor_set.ParseFromString(f.read())
    return pool_from_file_protos(descriptor_set.file)


def read_varint(data, pos):
    """Decodes a protobuf varint at data[pos:]; returns (value, next pos)."""
    value, shift = 0, 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7


def wire_fields(data):
    """Yields (field number, bytes) of a message's length-delimited fields."""
    pos = 0
    while pos < len(data):
        key, pos = read_varint(data, pos)
        number, wire_type = key >> 3, key & 7
        if wire_type == 0:
            _, pos = read_varint(data, pos)
        elif wire_type == 2:
            length, pos = read_varint(data, pos)
            yield number, data[pos:pos + length]
            pos += length
        elif wire_type == 1:
            pos += 8
        elif wire_type == 5:
            pos += 4
        else:
            raise AssertionError(f"unexpected wire type {wire_type}")


def encode_string_field(number, text):
    """A length-delimited field; `text` shorter than 128 bytes."""
    payload = text.encode("utf-8")
    assert len(payload) < 128, text
    return bytes([number << 3 | 2, len(payload)]) + payload


def pool_from_reflection(channel, symbol):
    """Asks the server's reflection service for the file defining `symbol`.

    ghz does the same (grpcreflect's FileContainingSymbol over
    grpc.reflection.v1alpha). The messages are coded by hand, as in
    ranker_client_test.py, because Debian ships no Python reflection stubs:
    ServerReflectionRequest.file_containing_symbol is field 4; in the
    response, file_descriptor_response is field 4 (its file_descriptor_proto
    field 1, repeated) and error_response field 7.
    """
    reflect = channel.stream_stream(
        "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
        request_serializer=lambda data: data,
        response_deserializer=lambda data: data)
    request = encode_string_field(4, symbol)
    responses = list(reflect(iter([request]), timeout=RPC_TIMEOUT_S))
    if len(responses) != 1:
        raise AssertionError(f"reflection: expected 1 response, got "
                             f"{len(responses)}")
    file_protos = []
    for number, value in wire_fields(responses[0]):
        if number == 7:
            raise AssertionError(f"reflection cannot resolve {symbol!r}: "
                                 f"{value!r}")
        if number == 4:
            for inner, serialized in wire_fields(value):
                if inner == 1:
                    fdp = descriptor_pb2.FileDescriptorProto()
                    fdp.ParseFromString(serialized)
                    file_protos.append(fdp)
    if not file_protos:
        raise AssertionError(f"reflection returned no descriptor for "
                             f"{symbol!r}")
    return pool_from_file_protos(file_protos)


def message_class(pool, descriptor):
    """The Python class of a message type in `pool`."""
    if hasattr(message_factory, "GetMessageClass"):  # protobuf >= 4.22
        return message_factory.GetMessageClass(descriptor)
    return message_factory.MessageFactory(pool).GetPrototype(descriptor)


def find_method(pool, call):
    """The MethodDescriptor `call` names; fails if there is none."""
    service_name, method_name = parse_call(call)
    try:
        service = pool.FindServiceByName(service_name)
    except KeyError:
        raise AssertionError(f"call {call!r}: no service {service_name!r} in "
                             "the schema") from None
    method = service.methods_by_name.get(method_name)
    if method is None:
        raise AssertionError(
            f"call {call!r}: service {service_name} has no method "
            f"{method_name!r}; it has {sorted(service.methods_by_name)}")
    return method


def template_actions(text):
    """The inner text of every {{...}} action in `text`."""
    return TEMPLATE_ACTION.findall(text)


def check_template_action(action):
    """Fails unless `action` is one this test can evaluate like ghz."""
    if REQUEST_NUMBER.match(action):
        return
    for pattern in (RANDOM_INT, PRINTF_RANDOM_INT):
        match = pattern.match(action)
        if match:
            low, high = int(match.groups()[-2]), int(match.groups()[-1])
            if low >= high:
                raise AssertionError(
                    f"{{{{{action}}}}}: randomInt needs min < max (ghz "
                    "draws from [min, max))")
            return
    raise AssertionError(
        f"template action {{{{{action}}}}} is not one this test knows how "
        "ghz evaluates; teach tests/e2e/python/ghz_configs_test.py")


def expand_templates(text, mode, rng):
    """Evaluates the template actions in `text` as ghz would.

    mode "low" takes every randomInt at its minimum, "high" at its maximum
    (max - 1), "random" draws from rng.
    """
    def draw(low, high):
        if mode == "low":
            return low
        if mode == "high":
            return high - 1
        return rng.randrange(low, high)

    def evaluate(match):
        action = match.group(1)
        if REQUEST_NUMBER.match(action):
            return str(draw(1, 1000000))
        found = RANDOM_INT.match(action)
        if found:
            return str(draw(int(found.group(1)), int(found.group(2))))
        found = PRINTF_RANDOM_INT.match(action)
        if found:
            fmt, low, high = found.group(1), found.group(2), found.group(3)
            return fmt % draw(int(low), int(high))
        check_template_action(action)  # Raises with the explanation.
        raise AssertionError(action)

    return TEMPLATE_ACTION.sub(evaluate, text)


def load_catalog(path):
    """The demo catalog's product ids, tags and creators."""
    products, tags, creators = set(), set(), set()
    with open(path, encoding="utf-8") as catalog:
        for line in catalog:
            if line.strip():
                product = json.loads(line)
                products.add(product["id"])
                tags.update(product["tags"])
                creators.update(product.get("creators", []))
    return products, tags, creators


def catalog_violations(message, catalog, path=""):
    """Values of product, tag and creator fields the catalog does not know."""
    products, tags, creators = catalog
    problems = []
    for field, value in message.ListFields():
        where = f"{path}{field.name}"
        if field.message_type is not None:
            if field.message_type.GetOptions().map_entry:
                continue
            if field.label == field.LABEL_REPEATED:
                for i, item in enumerate(value):
                    problems += catalog_violations(item, catalog,
                                                   f"{where}[{i}].")
            else:
                problems += catalog_violations(value, catalog, f"{where}.")
            continue
        values = value if field.label == field.LABEL_REPEATED else [value]
        for known, names in ((products, PRODUCT_FIELDS), (tags, TAG_FIELDS),
                             (creators, CREATOR_FIELDS)):
            if field.name in names:
                problems += [f"{where}={v!r}" for v in values
                             if v not in known]
    return problems


# --------------------------------------------------------------------------
# The tests.
# --------------------------------------------------------------------------


class GhzConfigsTest(unittest.TestCase):
    """One real ranker_server for all configs."""

    @classmethod
    def setUpClass(cls):
        cls.repo_root = os.path.abspath(ARGS.repo_root)
        cls.ghz_dir = os.path.join(cls.repo_root, "deploy", "ghz")
        catalog_path = os.path.join(cls.repo_root, "deploy", "demo",
                                    "catalog.jsonl")
        cls.catalog = load_catalog(catalog_path)
        cls.work_dir = tempfile.TemporaryDirectory(prefix="ranker_ghz_")
        cls.stderr_path = os.path.join(cls.work_dir.name, "server.stderr")
        port_file = os.path.join(cls.work_dir.name, "port")
        cls.process = None
        cls.channel = None
        try:
            with open(cls.stderr_path, "wb") as stderr:
                cls.process = subprocess.Popen(
                    [ARGS.server, "--listen=127.0.0.1:0",
                     f"--port_file={port_file}", f"--catalog={catalog_path}",
                     "--log_level=warn"],
                    stdin=subprocess.DEVNULL, stdout=stderr, stderr=stderr)
            port = wait_for_port_file(cls.process, port_file, cls.stderr_path,
                                      PORT_FILE_TIMEOUT_S)
            cls.channel = grpc.insecure_channel(f"127.0.0.1:{port}")
            grpc.channel_ready_future(cls.channel).result(timeout=10)
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

    def config_paths(self):
        """Every ghz config: the JSON files directly in deploy/ghz/."""
        paths = sorted(pathlib.Path(self.ghz_dir).glob("*.json"))
        self.assertTrue(paths, f"no ghz config in {self.ghz_dir}")
        return paths

    # ---- what one config must satisfy --------------------------------------

    def check_config_keys(self, config):
        """Known keys, sane values, the constraints ghz checks at start."""
        unknown = sorted(set(config) - GHZ_CONFIG_KEYS)
        self.assertFalse(unknown, f"keys ghz's config file does not know: "
                         f"{unknown}")
        self.assertIsInstance(config.get("call"), str, "call is required")
        self.assertIsInstance(config.get("host"), str, "host is required")
        self.assertIs(config.get("insecure"), True,
                      "insecure must be true: the server serves plaintext "
                      "unless started with TLS flags")
        for key in GHZ_DURATION_KEYS & set(config):
            self.assertRegex(str(config[key]), GO_DURATION,
                             f"{key} must be a Go duration such as 10s")
        self.assertEqual(("data" in config) + ("data-file" in config), 1,
                         "exactly one of data and data-file")
        self.assertFalse("proto" in config and "protoset" in config,
                         "proto and protoset exclude each other")
        concurrency = config.get("concurrency", 50)
        self.assertLessEqual(config.get("connections", 1), concurrency,
                             "ghz refuses more connections than concurrency")
        if "duration" not in config and "max-duration" not in config:
            self.assertLessEqual(config.get("skipFirst", 0),
                                 config.get("total", 200),
                                 "ghz refuses to skip more than it sends")

    def schema_pool(self, config, work_dir):
        """The descriptors ghz would use: the .proto, or reflection."""
        if "protoset" in config:
            self.fail("protoset configs are not checked by this test yet")
        if "proto" not in config:
            return pool_from_reflection(self.channel,
                                        config["call"].replace("/", "."))
        proto = config["proto"]
        import_paths = config.get("import-paths", [])
        self.assertTrue(proto.endswith(".proto"), f"proto {proto!r}")
        self.assertFalse(os.path.isabs(proto),
                         "proto must be relative to the repository root")
        self.assertTrue(
            os.path.isfile(os.path.join(self.repo_root, proto)),
            f"proto {proto!r} does not exist relative to the repository root")
        self.assertIsInstance(import_paths, list, "import-paths is a list")
        for path in import_paths:
            self.assertTrue(
                os.path.isdir(os.path.join(self.repo_root, path)),
                f"import path {path!r} does not exist relative to the "
                "repository root")
        return pool_from_proto(self.repo_root, proto, import_paths, work_dir)

    def request_text(self, config):
        """The request JSON text ghz templates: the data file, or the inline
        data marshalled to JSON."""
        if "data-file" in config:
            path = config["data-file"]
            self.assertFalse(os.path.isabs(path),
                             "data-file must be relative to the repository "
                             "root")
            full = os.path.join(self.repo_root, path)
            self.assertTrue(os.path.isfile(full),
                            f"data-file {path!r} does not exist relative to "
                            "the repository root")
            return read_text(full)
        return json.dumps(config["data"])

    def check_response(self, method, request, response):
        """What a successful reply of each method must hold."""
        if method.full_name == "ranker.v1.Ranker.RecommendProducts":
            self.assertTrue(response.items,
                            "RecommendProducts returned no item")
            self.assertLessEqual(len(response.items), request.count)
        elif method.full_name == "ranker.v1.Ranker.LogEvent":
            self.assertEqual(response.accepted, len(request.events))
        elif method.full_name == "grpc.health.v1.Health.Check":
            status = response.DESCRIPTOR.fields_by_name["status"]
            self.assertEqual(
                status.enum_type.values_by_number[response.status].name,
                "SERVING")

    def send(self, method, request_class, response_class, payload,
             metadata=None):
        """Parses `payload` like ghz (unknown fields fail), checks it against
        the catalog, sends it and checks the reply."""
        self.assertIsInstance(payload, dict,
                              "a unary call's data must be one JSON object")
        try:
            request = json_format.ParseDict(payload, request_class())
        except json_format.ParseError as error:
            self.fail(f"the data is not a valid "
                      f"{request_class.DESCRIPTOR.full_name}: {error}")
        problems = catalog_violations(request, self.catalog)
        self.assertFalse(problems,
                         f"values the demo catalog does not know: {problems}")
        call = self.channel.unary_unary(
            f"/{method.containing_service.full_name}/{method.name}",
            request_serializer=lambda m: m.SerializeToString(),
            response_deserializer=response_class.FromString)
        try:
            response = call(request, timeout=RPC_TIMEOUT_S,
                            metadata=metadata)
        except grpc.RpcError as error:
            self.fail(f"{method.full_name} failed with {error.code().name}: "
                      f"{error.details()}")
        self.check_response(method, request, response)

    def check_config(self, path):
        """Everything ghz would do with one config, and the calls."""
        with open(path, encoding="utf-8") as f:
            config = json.load(f)
        self.assertIsInstance(config, dict)
        self.check_config_keys(config)
        with tempfile.TemporaryDirectory(prefix="ranker_ghz_proto_") as tmp:
            pool = self.schema_pool(config, tmp)
        method = find_method(pool, config["call"])
        self.assertFalse(method.client_streaming or method.server_streaming,
                         "these configs are for unary calls")
        request_class = message_class(pool, method.input_type)
        response_class = message_class(pool, method.output_type)

        text = self.request_text(config)
        metadata_text = json.dumps(config.get("metadata", {}))
        for action in template_actions(text + metadata_text):
            check_template_action(action)
        rng = random.Random(path.name)
        for mode in ["low", "high"] + ["random"] * RANDOM_EXPANSIONS:
            with self.subTest(expansion=mode):
                expanded = expand_templates(text, mode, rng)
                payload = json.loads(expanded)
                metadata = json.loads(expand_templates(metadata_text, mode,
                                                       rng))
                self.send(method, request_class, response_class, payload,
                          list(metadata.items()) or None)

    # ---- test cases --------------------------------------------------------

    def test_every_config_works_as_ghz_would_run_it(self):
        """Each deploy/ghz/*.json: keys, paths, call, data, a real call."""
        for path in self.config_paths():
            with self.subTest(config=path.name):
                self.check_config(path)

    def test_configs_cover_both_rpcs_and_reflection(self):
        """RecommendProducts and LogEvent each have a config; one config
        takes its schema from reflection."""
        configs = {}
        for path in self.config_paths():
            with open(path, encoding="utf-8") as f:
                configs[path.name] = json.load(f)
        methods = {parse_call(c.get("call", "x.y"))[1]
                   for c in configs.values()}
        self.assertLessEqual({"RecommendProducts", "LogEvent"}, methods)
        reflective = [name for name, c in configs.items()
                      if "proto" not in c and "protoset" not in c]
        self.assertTrue(reflective, "no config uses server reflection")

    def test_readme_names_every_config(self):
        """deploy/ghz/README.md explains each config file."""
        readme = read_text(os.path.join(self.ghz_dir, "README.md"))
        self.assertTrue(readme, "deploy/ghz/README.md is missing")
        for path in self.config_paths():
            self.assertIn(path.name, readme,
                          f"deploy/ghz/README.md does not mention {path.name}")

    def test_batch_data_is_what_the_generator_writes(self):
        """The committed batch is up to date, and a 1,000-event batch from
        the generator is accepted too."""
        generator = os.path.join(self.ghz_dir, "generate_log_batch.py")
        data_dir = os.path.join(self.ghz_dir, "data")
        batches = sorted(pathlib.Path(data_dir).glob("log_event_batch_*.json"))
        self.assertTrue(batches, f"no log_event_batch_*.json in {data_dir}")
        for batch in batches:
            with open(batch, encoding="utf-8") as f:
                events = len(json.load(f)["events"])
            result = subprocess.run(
                [sys.executable, generator, f"--events={events}",
                 f"--check={batch}"],
                capture_output=True, text=True, check=False)
            self.assertEqual(result.returncode, 0, result.stderr)

        with tempfile.TemporaryDirectory(prefix="ranker_ghz_batch_") as tmp:
            out = os.path.join(tmp, "batch_1000.json")
            subprocess.run([sys.executable, generator, "--events=1000",
                            f"--output={out}"], check=True)
            with open(out, encoding="utf-8") as f:
                payload = json.load(f)
            pool = pool_from_proto(self.repo_root,
                                   "proto/ranker/v1/ranker.proto", ["proto"],
                                   tmp)
        method = find_method(pool, "ranker.v1.Ranker/LogEvent")
        self.assertEqual(len(payload["events"]), 1000)
        self.send(method, message_class(pool, method.input_type),
                  message_class(pool, method.output_type), payload)


def main():
    """Parses our options, imports gRPC, runs unittest with the rest."""
    global ARGS  # pylint: disable=global-statement
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n", 1)[0],
        epilog="Arguments not listed here are passed to unittest.")
    parser.add_argument("--server", required=True,
                        help="path of the ranker_server binary")
    parser.add_argument("--repo_root", required=True,
                        help="the repository root (ghz runs from there)")
    parser.add_argument("--protoc", default="/usr/bin/protoc",
                        help="protoc binary (Debian: protobuf-compiler)")
    ARGS, unittest_args = parser.parse_known_args()

    import_modules()
    for path, what in ((ARGS.server, "ranker_server binary (--server)"),
                       (ARGS.protoc, "protoc (--protoc)")):
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            fail_setup(f"{what} not found or not executable: {path!r}")
    if not os.path.isdir(os.path.join(ARGS.repo_root, "deploy", "ghz")):
        fail_setup(f"no deploy/ghz under --repo_root {ARGS.repo_root!r}")

    program = unittest.main(argv=[sys.argv[0]] + unittest_args, exit=False)
    result = program.result
    ok = result.wasSuccessful() and result.testsRun > 0
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
