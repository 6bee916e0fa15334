#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang, ASan and UBSan in
# build-fuzz/ and runs each for a while over its committed seed corpus.
#
#   scripts/fuzz.sh [--merge] [--jobs N] [--build-dir DIR] [seconds_per_target]
#
# 30 s per target by default, N targets at a time (default 1). --build-dir
# uses the targets of a build already configured with -DRANKER_FUZZ=ON
# (scripts/test.sh's build-asan/) instead of configuring build-fuzz/.
# Inputs that find new coverage go to a temporary directory; the committed
# corpus (tests/fuzz/corpus/<target>) changes only with --merge, which adds
# the ones that grow coverage. A crash, leak, sanitizer report, timeout or
# out-of-memory leaves its input in <build dir>/artifacts/<target>/ and makes
# the script exit 1 after all targets ran. RANKER_FUZZ_FLAGS adds libFuzzer
# options (e.g. "-jobs=2 -workers=2"). See docs/operations/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")/.."

merge=0
seconds=30
parallel=1
build_dir=build-fuzz
configure=1
while (($#)); do
  case "$1" in
    --merge) merge=1 ;;
    --jobs)
      parallel="${2:?--jobs needs a number}"
      shift
      ;;
    --build-dir)
      build_dir="${2:?--build-dir needs a directory}"
      configure=0
      shift
      ;;
    -h | --help)
      sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *[!0-9]* | '')
      echo "fuzz.sh: expected --merge, --jobs N, --build-dir DIR or a number" \
        "of seconds, got '$1'" >&2
      exit 2
      ;;
    *) seconds="$1" ;;
  esac
  shift
done

source scripts/install_deps.sh
ranker_install_fuzz_deps

# Every tests/fuzz/*.cc that defines the libFuzzer entry point is a target
# (replay_main.cc only declares it).
targets=()
for source in $(grep -lE '^extern "C" int LLVMFuzzerTestOneInput\(.*\) \{' \
    tests/fuzz/*.cc); do
  targets+=("$(basename "${source}" .cc)")
done

if ((configure)); then
  launcher=()
  if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
  cmake -S . -B "${build_dir}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DRANKER_FUZZ=ON -DBUILD_TESTING=OFF \
    "${launcher[@]}" >/dev/null
fi
cmake --build "${build_dir}" -j"$(nproc)" --target "${targets[@]}"

work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"

# fuzz_one <target>: runs it; its exit status is the fuzzer's.
fuzz_one() {
  local target="$1"
  local binary="${build_dir}/tests/fuzz/${target}"
  local corpus="tests/fuzz/corpus/${target}"
  local artifacts="${build_dir}/artifacts/${target}/"
  mkdir -p "${artifacts}" "${work}/${target}"
  # New inputs land in the first directory; -timeout catches hangs,
  # -rss_limit_mb and -malloc_limit_mb unbounded allocation.
  # shellcheck disable=SC2086  # RANKER_FUZZ_FLAGS holds several options
  "${binary}" -max_total_time="${seconds}" -timeout=10 \
    -rss_limit_mb=2048 -malloc_limit_mb=1024 -print_final_stats=1 \
    -artifact_prefix="${artifacts}" ${RANKER_FUZZ_FLAGS:-} \
    "${work}/${target}" "${corpus}" >"${work}/${target}.log" 2>&1
}

# report <target> <status>: prints what happened; merges on request.
failed=()
report() {
  local target="$1" status="$2"
  local log="${work}/${target}.log"
  local artifacts="${build_dir}/artifacts/${target}/"
  if ((status != 0)); then
    tail -n 60 "${log}" >&2
    echo "== ${target}: FAILED, input in ${artifacts}" >&2
    failed+=("${target}")
    return
  fi
  echo "== ${target}: ${seconds} s over tests/fuzz/corpus/${target}" >&2
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done)' \
    "${log}" >&2 || true
  if ((merge)); then
    local corpus="tests/fuzz/corpus/${target}"
    "${build_dir}/tests/fuzz/${target}" -merge=1 "${corpus}" \
      "${work}/${target}" >"${work}/${target}.merge" 2>&1
    echo "== ${target}: corpus now $(find "${corpus}" -type f | wc -l) files" >&2
  fi
}

# Runs the targets `parallel` at a time, reporting in target order.
for ((first = 0; first < ${#targets[@]}; first += parallel)); do
  batch=("${targets[@]:first:parallel}")
  pids=()
  for target in "${batch[@]}"; do
    fuzz_one "${target}" &
    pids+=("$!")
  done
  for i in "${!batch[@]}"; do
    status=0
    wait "${pids[i]}" || status=$?
    report "${batch[i]}" "${status}"
  done
done

if ((${#failed[@]})); then
  echo "fuzzing found bugs in: ${failed[*]}" >&2
  exit 1
fi
echo "fuzzing found nothing in ${seconds} s per target" >&2
