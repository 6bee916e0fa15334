#!/usr/bin/env bash
# Makes the two base images deploy/Dockerfile starts FROM, debian:bookworm
# (the builder) and debian:bookworm-slim (the runtime), on a machine that
# reaches Debian's package mirror but no image registry: both come from one
# `debootstrap --variant=minbase bookworm` and are imported into podman's
# local store under those names (as docker.io/library/debian:..., the names
# `FROM debian:...` resolves to, so no registry is asked). The slim one drops
# documentation, manual pages and locales and keeps dpkg from installing them
# again, as Debian's own -slim images do.
#
# The mirror and suites are the host's own (/etc/apt/sources.list.d/
# debian.sources or /etc/apt/sources.list), so the images' apt-get reaches
# what the host's does. Needs root, debootstrap and podman
# (apt-get install podman buildah debootstrap runc).
#
# Usage: deploy/prepare-base-images.sh [--force]
#   --force   rebuild the images even if both are already in the store.
# Environment: RANKER_BASE_CACHE (default /var/tmp/ranker-base-images) keeps
# the debootstrap tree's tarball, so a second run imports without a download.
set -euo pipefail

readonly SUITE=bookworm
readonly FULL_IMAGE=docker.io/library/debian:bookworm
readonly SLIM_IMAGE=docker.io/library/debian:bookworm-slim
readonly CACHE_DIR="${RANKER_BASE_CACHE:-/var/tmp/ranker-base-images}"

force=false
for arg in "$@"; do
  case "${arg}" in
    --force) force=true ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: ${arg}" >&2; exit 2 ;;
  esac
done

if ((EUID != 0)); then
  echo "run as root: debootstrap and podman's root store need it" >&2
  exit 1
fi
for tool in debootstrap podman; do
  if ! command -v "${tool}" >/dev/null; then
    echo "${tool} is missing: apt-get install podman buildah debootstrap runc" >&2
    exit 1
  fi
done

if ! "${force}" && podman image exists "${FULL_IMAGE}" &&
    podman image exists "${SLIM_IMAGE}"; then
  echo "base images present: ${FULL_IMAGE} ${SLIM_IMAGE} (--force rebuilds)" >&2
  exit 0
fi

# host_debian_mirror: prints the first Debian archive URI the host's apt uses
# (the one whose suites include ${SUITE}, not the security archive).
host_debian_mirror() {
  local sources=/etc/apt/sources.list.d/debian.sources
  if [[ -r "${sources}" ]]; then
    awk '/^URIs:/ { uri = $2 }
         /^Suites:/ && $0 ~ / '"${SUITE}"'( |$)/ { print uri; exit }' "${sources}"
    return
  fi
  awk '$1 == "deb" && $3 == "'"${SUITE}"'" { print $2; exit }' \
    /etc/apt/sources.list
}

mirror="$(host_debian_mirror)"
if [[ -z "${mirror}" ]]; then
  echo "found no Debian ${SUITE} mirror in the host's apt sources" >&2
  exit 1
fi

mkdir -p "${CACHE_DIR}"
tarball="${CACHE_DIR}/${SUITE}-minbase.tar"
if "${force}" || [[ ! -s "${tarball}" ]]; then
  rootfs="$(mktemp -d "${CACHE_DIR}/rootfs.XXXXXX")"
  trap 'rm -rf "${rootfs}"' EXIT
  echo "debootstrap --variant=minbase ${SUITE} from ${mirror}" >&2
  debootstrap --variant=minbase "${SUITE}" "${rootfs}" "${mirror}" >&2
  # The image's apt sees the same archives as the host's (updates and
  # security included) in the deb822 form Debian's images use.
  rm -f "${rootfs}/etc/apt/sources.list"
  if [[ -r /etc/apt/sources.list.d/debian.sources ]]; then
    install -m 0644 /etc/apt/sources.list.d/debian.sources \
      "${rootfs}/etc/apt/sources.list.d/debian.sources"
  else
    printf 'deb %s %s main\n' "${mirror}" "${SUITE}" \
      >"${rootfs}/etc/apt/sources.list"
  fi
  # Nothing of the build host's identity or package lists goes into the image.
  rm -rf "${rootfs}"/var/lib/apt/lists/* "${rootfs}"/var/cache/apt/*.bin \
    "${rootfs}"/var/cache/apt/archives/*.deb "${rootfs}"/var/log/*.log
  : >"${rootfs}/etc/hostname"
  tar --numeric-owner --xattrs -C "${rootfs}" -cf "${tarball}.tmp" .
  mv "${tarball}.tmp" "${tarball}"
  rm -rf "${rootfs}"
  trap - EXIT
fi

# The slim variant: the same tree less docs, man pages and locales, with the
# dpkg exclusions that keep later apt-get installs from bringing them back.
slim_tarball="${CACHE_DIR}/${SUITE}-slim.tar"
if "${force}" || [[ ! -s "${slim_tarball}" ]] ||
    [[ "${slim_tarball}" -ot "${tarball}" ]]; then
  slim="$(mktemp -d "${CACHE_DIR}/slim.XXXXXX")"
  trap 'rm -rf "${slim}"' EXIT
  tar --numeric-owner --xattrs -C "${slim}" -xf "${tarball}"
  cat >"${slim}/etc/dpkg/dpkg.cfg.d/docker" <<'EOF'
# Like Debian's -slim images: no documentation, manual pages or locales.
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
EOF
  find "${slim}/usr/share/doc" -mindepth 1 -not -name copyright \
    -not -type d -delete
  find "${slim}/usr/share/doc" -mindepth 1 -type d -empty -delete
  rm -rf "${slim}"/usr/share/man/* "${slim}"/usr/share/groff/* \
    "${slim}"/usr/share/info/* "${slim}"/usr/share/lintian/* \
    "${slim}"/usr/share/locale/*
  tar --numeric-owner --xattrs -C "${slim}" -cf "${slim_tarball}.tmp" .
  mv "${slim_tarball}.tmp" "${slim_tarball}"
  rm -rf "${slim}"
  trap - EXIT
fi

import_image() {  # import_image <tarball> <name>
  podman rmi --force "$2" >/dev/null 2>&1 || true
  podman import --quiet --change 'CMD ["bash"]' "$1" "$2" >/dev/null
  echo "imported $2 ($(podman image inspect --format '{{.Size}}' "$2") bytes)" >&2
}
import_image "${tarball}" "${FULL_IMAGE}"
import_image "${slim_tarball}" "${SLIM_IMAGE}"
