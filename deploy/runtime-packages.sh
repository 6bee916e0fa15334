#!/usr/bin/env bash
# Prints, one a line, the Debian packages that own the shared libraries the
# given binaries load (ldd, then dpkg -S): what deploy/Dockerfile's runtime
# stage installs, so that the list follows the libraries the build really
# linked instead of a hand-kept list of sonames. Fails if a library belongs
# to no package (it would be missing from the runtime image).
# Usage: deploy/runtime-packages.sh BINARY...
set -euo pipefail

if (($# == 0)); then
  echo "usage: $0 BINARY..." >&2
  exit 2
fi

# owner_of <path>: the package owning the file. Debian 12 merges /lib into
# /usr/lib, but dpkg may have recorded either spelling, so both are tried.
owner_of() {
  local path="$1" real
  real="$(realpath "${path}")"
  local candidate
  for candidate in "${path}" "${real}" "${path#/usr}" "${real#/usr}" \
      "/usr${path}" "/usr${real}"; do
    if dpkg-query --search "${candidate}" 2>/dev/null | head -n 1 |
        cut -d: -f1; then
      return 0
    fi
  done
  return 1
}

libraries="$(ldd "$@" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }' | sort -u)"
packages=()
for library in ${libraries}; do
  if ! package="$(owner_of "${library}")" || [[ -z "${package}" ]]; then
    echo "no Debian package owns ${library}" >&2
    exit 1
  fi
  packages+=("${package}")
done
printf '%s\n' "${packages[@]}" | sort -u
