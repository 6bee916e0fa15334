#!/usr/bin/env bash
# Installs the Debian packages Interest Ranker builds and tests with, but only
# those that are missing (so it is quick and offline-safe on a ready machine).
# Sourced by scripts/quickstart.sh and scripts/test.sh; runnable on its own.
# Usage: scripts/install_deps.sh [--build-only]
#   --build-only   only what compiling ranker_server and ranker_cli needs
#                  (deploy/Dockerfile's builder stage).
set -euo pipefail

# What configuring the project and building the server and CLI needs. GTest
# is here because the top-level CMakeLists.txt finds it even without tests.
RANKER_BUILD_DEBIAN_PACKAGES=(
  g++ cmake make ninja-build pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev libspdlog-dev nlohmann-json3-dev zlib1g-dev
  prometheus-cpp-dev  # the metrics endpoint (server/metrics_endpoint.h)
  libgtest-dev libgmock-dev
)

RANKER_DEBIAN_PACKAGES=(
  "${RANKER_BUILD_DEBIAN_PACKAGES[@]}"
  libbenchmark-dev
  python3 python3-grpcio python3-protobuf
  # the deploy/k8s manifests test and tests/deploy_configs_test.py parse them
  python3-yaml
  openssl  # the TLS end-to-end tests make their certificate with it
)

# Only scripts/fuzz.sh needs these: clang and libFuzzer's runtime.
RANKER_FUZZ_DEBIAN_PACKAGES=(clang libclang-rt-14-dev)

ranker_install_deps() {
  ranker_install_packages "${RANKER_DEBIAN_PACKAGES[@]}"
}

ranker_install_build_deps() {
  ranker_install_packages "${RANKER_BUILD_DEBIAN_PACKAGES[@]}"
}

ranker_install_fuzz_deps() {
  ranker_install_packages "${RANKER_DEBIAN_PACKAGES[@]}" \
    "${RANKER_FUZZ_DEBIAN_PACKAGES[@]}"
}

# ranker_install_packages <package>...: installs those not yet installed.
ranker_install_packages() {
  local missing=()
  local package
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "${package}" 2>/dev/null |
        grep -q "install ok installed"; then
      missing+=("${package}")
    fi
  done
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  echo "installing missing Debian packages: ${missing[*]}" >&2
  local sudo=()
  if ((EUID != 0)); then
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq \
    --no-install-recommends "${missing[@]}"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  case "${1:-}" in
    "") ranker_install_deps ;;
    --build-only) ranker_install_build_deps ;;
    *) echo "usage: $0 [--build-only]" >&2; exit 2 ;;
  esac
fi
