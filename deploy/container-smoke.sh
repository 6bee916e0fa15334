#!/usr/bin/env bash
# Container smoke test (docs/operations/container.md): builds the image from
# deploy/Dockerfile with podman, starts it with its state on a named volume and
# its ports published on 127.0.0.1, and checks it from the host with
# build/client/ranker_cli through the published port: health, a
# recommendation, an event that survives a restart of the container (the
# volume), the image's own HEALTHCHECK, the non-root user, the metrics page
# (once deploy/ranker.flags sets --metrics_listen), and a graceful stop (exit
# status 0). Prints the image size. Exits non-zero at the first
# failed check, after removing the container and its volume.
#
# Needs root, podman (apt-get install podman buildah debootstrap runc) and the
# base images debian:bookworm and debian:bookworm-slim: when they are missing
# it makes them with deploy/prepare-base-images.sh (debootstrap; no image
# registry is needed). Builds build/client/ranker_cli if it is missing. The
# metrics check uses curl.
#
# Usage: deploy/container-smoke.sh [--keep] [--no-build]
#   --keep       leave the container running afterwards (e.g. for
#                deploy/ghz/*.json, which call 127.0.0.1:50051); stop it with
#                `podman stop ranker-smoke && podman rm ranker-smoke`.
#   --no-build   use the image already tagged $RANKER_IMAGE.
# Environment:
#   RANKER_IMAGE        image tag (default interest-ranker:0.1.0)
#   RANKER_GRPC_PORT    host port for gRPC (default 50051, as deploy/ghz uses)
#   RANKER_METRICS_PORT host port for metrics (default 9464)
#   CONTAINERS_CONF     podman settings (default deploy/podman/containers.conf:
#                       the ulimits and cgroup manager this machine needs)
set -euo pipefail
cd "$(dirname "$0")/.."

readonly IMAGE="${RANKER_IMAGE:-interest-ranker:0.1.0}"
readonly GRPC_PORT="${RANKER_GRPC_PORT:-50051}"
readonly METRICS_PORT="${RANKER_METRICS_PORT:-9464}"
readonly CONTAINER=ranker-smoke
readonly VOLUME=ranker-smoke-state
readonly CLI=build/client/ranker_cli
readonly TARGET="127.0.0.1:${GRPC_PORT}"
readonly USER_ID=smoke-u1
export CONTAINERS_CONF="${CONTAINERS_CONF:-${PWD}/deploy/podman/containers.conf}"

keep=false
build=true
for arg in "$@"; do
  case "${arg}" in
    --keep) keep=true ;;
    --no-build) build=false ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: ${arg}" >&2; exit 2 ;;
  esac
done

step() { echo "== $*" >&2; }

# podman_quiet: podman without its complaint that it cannot set a systemd
# timer for the image's HEALTHCHECK, which it prints on every run, start and
# stop on a machine without systemd; this script runs the check itself
# (podman healthcheck run).
podman_quiet() {
  podman "$@" 2> >(grep -v "unable to get systemd connection" >&2)
}
fail() {
  echo "FAILED: $*" >&2
  echo "-- container log (last 30 lines):" >&2
  podman logs --tail 30 "${CONTAINER}" >&2 2>&1 || true
  exit 1
}

if ! command -v podman >/dev/null; then
  echo "podman is missing: apt-get install podman buildah debootstrap runc" >&2
  exit 1
fi
for port in "${GRPC_PORT}" "${METRICS_PORT}"; do
  # A port already bound on the host would make the publish fail later with
  # a less clear message (or, for 50051, hit another server).
  if ss -Hltn "sport = :${port}" | grep -q .; then
    echo "port ${port} is in use on this host (RANKER_GRPC_PORT /" \
      "RANKER_METRICS_PORT choose others)" >&2
    exit 1
  fi
done

if [[ ! -x "${CLI}" ]]; then
  step "building ranker_cli on the host (${CLI})"
  source scripts/install_deps.sh
  ranker_install_deps
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build build -j"$(nproc)" --target ranker_cli
fi

if "${build}"; then
  if ! podman image exists docker.io/library/debian:bookworm ||
      ! podman image exists docker.io/library/debian:bookworm-slim; then
    step "preparing the base images (debootstrap)"
    deploy/prepare-base-images.sh
  fi
  step "building ${IMAGE} from deploy/Dockerfile"
  started=${SECONDS}
  # --format docker keeps the HEALTHCHECK (the OCI format has no field for
  # it); --pull=never: the base images are the local ones.
  podman build --format docker --pull=never -f deploy/Dockerfile \
    -t "${IMAGE}" .
  echo "built in $((SECONDS - started)) s" >&2
fi

cleanup() {
  if ! "${keep}"; then
    podman rm --force --time 30 "${CONTAINER}" >/dev/null 2>&1 || true
    podman volume rm --force "${VOLUME}" >/dev/null 2>&1 || true
  fi
}
podman rm --force "${CONTAINER}" >/dev/null 2>&1 || true
podman volume rm --force "${VOLUME}" >/dev/null 2>&1 || true
trap cleanup EXIT

step "starting ${CONTAINER}: gRPC on ${TARGET}, metrics on" \
  "127.0.0.1:${METRICS_PORT}, state on volume ${VOLUME}"
podman_quiet run --detach --name "${CONTAINER}" \
  --publish "127.0.0.1:${GRPC_PORT}:50051" \
  --publish "127.0.0.1:${METRICS_PORT}:9464" \
  --volume "${VOLUME}:/var/lib/interest-ranker" \
  "${IMAGE}" >/dev/null

# wait_serving: polls the health check through the published port.
wait_serving() {
  local deadline=$((SECONDS + 60))
  until "${CLI}" health --target="${TARGET}" --timeout=2s >/dev/null 2>&1; do
    if [[ "$(podman inspect --format '{{.State.Running}}' "${CONTAINER}")" \
        != true ]]; then
      fail "the container stopped"
    fi
    ((SECONDS < deadline)) || fail "not SERVING on ${TARGET} after 60 s"
    sleep 1
  done
}

step "health through the published port"
wait_serving
"${CLI}" health --target="${TARGET}"

step "the image's HEALTHCHECK (podman healthcheck run)"
podman healthcheck run "${CONTAINER}" || fail "podman healthcheck run"
echo "healthy" >&2

step "runs as a non-root user"
uid="$(podman exec "${CONTAINER}" id -u)"
[[ "${uid}" == 10001 ]] || fail "runs as uid ${uid}, not 10001"
echo "uid ${uid}" >&2

step "a recommendation through the published port"
recommendation="$("${CLI}" recommend --target="${TARGET}" --user="${USER_ID}" \
  --count=5 --explain=false)"
echo "${recommendation}"
products="$(grep -cE '^ *[0-9]+ +p[0-9]{5} ' <<<"${recommendation}" || true)"
[[ "${products}" == 5 ]] || fail "expected 5 products, got ${products}"

step "an event, kept on the volume across a restart"
"${CLI}" log --target="${TARGET}" --user="${USER_ID}" --product=p00100 \
  --type=click --form=short_video --content_tags=business-travel
podman_quiet stop --time 30 "${CONTAINER}" >/dev/null
exit_code="$(podman inspect --format '{{.State.ExitCode}}' "${CONTAINER}")"
[[ "${exit_code}" == 0 ]] || fail "exit status ${exit_code} after SIGTERM"
echo "stopped gracefully (exit status 0)" >&2
podman_quiet start "${CONTAINER}" >/dev/null
wait_serving
described="$("${CLI}" user --target="${TARGET}" --user="${USER_ID}")"
echo "${described}"
if grep -q "unknown" <<<"${described}" ||
    ! grep -qE '^ *click +1 *$' <<<"${described}"; then
  fail "the click of ${USER_ID} did not survive the restart"
fi

# Metrics: checked once the image's flag file turns them on (the line is
# commented out until the server has --metrics_listen).
if grep -q '^--metrics_listen=' deploy/ranker.flags; then
  step "Prometheus metrics on 127.0.0.1:${METRICS_PORT}/metrics"
  metrics="$(curl -fsS --max-time 5 "http://127.0.0.1:${METRICS_PORT}/metrics")" ||
    fail "no metrics on 127.0.0.1:${METRICS_PORT}/metrics"
  grep -m 5 -v '^#' <<<"${metrics}" || fail "the metrics page is empty"
else
  step "metrics not checked: --metrics_listen is commented out in deploy/ranker.flags"
fi

step "the server's log"
podman logs "${CONTAINER}" 2>&1 | tail -n 5

size="$(podman image inspect --format '{{.Size}}' "${IMAGE}")"
step "image ${IMAGE}: $((size / 1000000)) MB"
if "${keep}"; then
  echo "left running: ${CONTAINER} on ${TARGET} (ghz --config=deploy/ghz/recommend.json)" >&2
else
  podman_quiet stop --time 30 "${CONTAINER}" >/dev/null
fi
echo "container smoke test: PASSED"
