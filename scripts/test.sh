#!/usr/bin/env bash
# `make test`: a throwaway PostgreSQL and Temporal dev server on free ports, then every test
# (unit tests, and integration tests that start the real `orders` binary against them).
# Everything it started is stopped on exit, whether the tests passed or not.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
bash scripts/bootstrap.sh test

work=$(mktemp -d /tmp/orders-test.XXXXXX)
chmod 755 "$work"
cleanup() {
  [ -n "${TEMPORAL_PID:-}" ] && kill -TERM "$TEMPORAL_PID" 2>/dev/null && wait "$TEMPORAL_PID" 2>/dev/null
  pg_stop "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

log "building"
cargo build --bin orders --tests

pg_port=$(free_port)
temporal_port=$(free_port)
log "starting PostgreSQL on $pg_port and Temporal on $temporal_port"
PG_FSYNC=off pg_start "$work/pg" "$pg_port"
temporal_start "$temporal_port" "$work/temporal.log"

export ORDERS_TEST_PG_URL="postgres://orders@127.0.0.1:$pg_port"
export ORDERS_TEST_TEMPORAL_ADDRESS="127.0.0.1:$temporal_port"
export ORDERS_TEST_TEMPORAL_CLI="$TEMPORAL_BIN"
export ORDERS_TEST_CHROMIUM=$(command -v chromium || command -v chromium-browser)
if [ $# -gt 0 ]; then
  cargo test "$@"
else
  # The whole suite: every test at once but the scale-out test, which then runs alone: it loads
  # the machine with six processes on purpose, and would starve the tests beside it.
  cargo test -- --skip scale_out::
  log "the scale-out test, alone"
  cargo test --test api -- scale_out::
  # The contract checks against a live server, and the TypeScript client's tests.
  bash scripts/contract-test.sh
  bash scripts/test-typescript.sh
fi
