#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang, ASan and UBSan in
# build-fuzz/ and runs each for a while over its committed seed corpus.
#
#   scripts/fuzz.sh [--merge] [seconds_per_target]     (default 30 s)
#
# Inputs that find new coverage go to a temporary directory; the committed
# corpus (tests/fuzz/corpus/<target>) changes only with --merge, which adds
# the ones that grow coverage. A crash, leak, sanitizer report, timeout or
# out-of-memory leaves its input in build-fuzz/artifacts/<target>/ and makes
# the script exit 1 after all targets ran. RANKER_FUZZ_FLAGS adds libFuzzer
# options (e.g. "-jobs=2 -workers=2"). See docs/operations/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")/.."

merge=0
seconds=30
for arg in "$@"; do
  case "${arg}" in
    --merge) merge=1 ;;
    -h | --help)
      sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *[!0-9]* | '')
      echo "fuzz.sh: expected --merge or a number of seconds, got '${arg}'" >&2
      exit 2
      ;;
    *) seconds="${arg}" ;;
  esac
done

source scripts/install_deps.sh
ranker_install_fuzz_deps

targets=(fuzz_recommend_request fuzz_log_event fuzz_catalog_file)
build_dir=build-fuzz
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B "${build_dir}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DRANKER_FUZZ=ON -DBUILD_TESTING=OFF \
  "${launcher[@]}" >/dev/null
cmake --build "${build_dir}" -j"$(nproc)" --target "${targets[@]}"

work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"

failed=()
for target in "${targets[@]}"; do
  binary="${build_dir}/tests/fuzz/${target}"
  corpus="tests/fuzz/corpus/${target}"
  artifacts="${build_dir}/artifacts/${target}/"
  found="${work}/${target}"
  mkdir -p "${artifacts}" "${found}"
  echo "== ${target}: ${seconds} s over ${corpus}" >&2
  # New inputs land in the first directory (${found}); -timeout catches
  # hangs, -rss_limit_mb and -malloc_limit_mb unbounded allocation.
  if ! "${binary}" -max_total_time="${seconds}" -timeout=10 \
      -rss_limit_mb=2048 -malloc_limit_mb=1024 -print_final_stats=1 \
      -artifact_prefix="${artifacts}" ${RANKER_FUZZ_FLAGS:-} \
      "${found}" "${corpus}" \
      >"${work}/${target}.log" 2>&1; then
    tail -n 60 "${work}/${target}.log" >&2
    echo "== ${target}: FAILED, input in ${artifacts}" >&2
    failed+=("${target}")
    continue
  fi
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done)' \
    "${work}/${target}.log" >&2 || true
  if ((merge)); then
    "${binary}" -merge=1 "${corpus}" "${found}" >"${work}/${target}.merge" 2>&1
    echo "== ${target}: corpus now $(find "${corpus}" -type f | wc -l) files" >&2
  fi
done

if ((${#failed[@]})); then
  echo "fuzzing found bugs in: ${failed[*]}" >&2
  exit 1
fi
echo "fuzzing found nothing in ${seconds} s per target" >&2
