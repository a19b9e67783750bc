#!/usr/bin/env bash
# Check what can be checked of docker-compose.yml and the Dockerfile without a container engine:
#   1. docker-compose.yml is valid against the Compose specification's JSON schema
#      (check-jsonschema's vendored copy: works offline);
#   2. the Dockerfile's build stage runs the same cargo command as `make build`;
#   3. every container running `orders` gets exactly the variables its command reads, the
#      required ones and one key of each one-of group (scripts/check-env.py), compared with the
#      binary's own list: `$ORDERS_BIN config --list` (default target/debug/orders, built with
#      `cargo build --bin orders` when missing).
# Not checked: that the images build or the containers start (that needs an engine).
# Extra arguments go to scripts/check-env.py, e.g. `--schema-json FILE` instead of the binary.
# Installs check-jsonschema and PyYAML into .venv (pinned in scripts/versions.env) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/versions.env
source scripts/lib.sh

venv_install "check-jsonschema==$CHECK_JSONSCHEMA_VERSION" "pyyaml==$PYYAML_VERSION"

log "docker-compose.yml against the Compose specification (check-jsonschema $CHECK_JSONSCHEMA_VERSION)"
.venv/bin/check-jsonschema --builtin-schema vendor.compose-spec docker-compose.yml

log "Dockerfile builds what \`make build\` builds"
make_build=$(sed -n '/^build:/,/^$/{s/^\t//p}' Makefile | grep '^cargo build' || true)
docker_build=$(sed -n 's/^RUN \(cargo build .*\)$/\1/p' Dockerfile)
if [ -z "$make_build" ] || [ "$make_build" != "$docker_build" ]; then
  echo "Dockerfile runs '${docker_build}', make build runs '${make_build}'" >&2
  exit 1
fi
grep -q 'install .*ca-certificates' Dockerfile \
  || { echo "Dockerfile: the runtime stage must install ca-certificates (TLS to Temporal Cloud)" >&2; exit 1; }

schema_args=()
if [[ " $* " != *" --schema-json "* && " $* " != *" --schema-command "* ]]; then
  bin=${ORDERS_BIN:-target/debug/orders}
  if [ ! -x "$bin" ]; then
    [ -z "${ORDERS_BIN:-}" ] || { echo "ORDERS_BIN=$ORDERS_BIN is not an executable" >&2; exit 1; }
    log "building $bin (cargo build --bin orders)"
    cargo build --bin orders
  fi
  schema_args=(--schema-command "$bin config --list")
fi
log "scripts/check-env.py's own tests"
.venv/bin/python -m unittest -q scripts/test_check_env.py
log "container environments against the binary's settings (scripts/check-env.py)"
.venv/bin/python scripts/check-env.py docker-compose.yml "${schema_args[@]}" "$@"
