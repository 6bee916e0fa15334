#!/usr/bin/env bash
# Quick start: installs what is missing, builds, and runs ranker_server on its
# embedded default — in memory, the bundled demo catalog, 127.0.0.1:50051.
# Extra arguments go to the server (e.g. --listen=0.0.0.0:50051).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/install_deps.sh
ranker_install_deps

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" --target ranker_server ranker_cli
echo "ranker_server starting; try: build/client/ranker_cli recommend --user u1 --count 20" >&2
exec build/server/ranker_server "$@"
