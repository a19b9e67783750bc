#!/usr/bin/env bash
# The TypeScript client (clients/typescript) against a live `orders all`: a fresh database on
# the PostgreSQL that scripts/test.sh started, its Temporal dev server, a port of its own
# choosing; then `npm ci`, `npm run build` and `npm test` (node's test runner) with
# ORDERS_BASE_URL.
# Needs ORDERS_TEST_PG_URL (postgres://orders@127.0.0.1:PORT, no database name) and
# ORDERS_TEST_TEMPORAL_ADDRESS (host:port), as scripts/test.sh exports them, and the binary
# target/debug/orders. The server is stopped on exit, whether the tests passed or not.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

: "${ORDERS_TEST_PG_URL:?set it to postgres://orders@127.0.0.1:PORT (see scripts/test.sh)}"
: "${ORDERS_TEST_TEMPORAL_ADDRESS:?set it to the Temporal dev server host:port (see scripts/test.sh)}"
bin=target/debug/orders
[ -x "$bin" ] || { log "$bin is missing: cargo build --bin orders"; exit 1; }
ensure_node

db_name="orders_ts_$$_$(date +%s)"
server_log=$(mktemp /tmp/orders-ts-server.XXXXXX.log)
ORDERS_PID=
cleanup() {
  local status=$?
  if [ -n "$ORDERS_PID" ]; then
    kill -TERM "$ORDERS_PID" 2>/dev/null || true
    wait "$ORDERS_PID" 2>/dev/null || true
  fi
  psql "$ORDERS_TEST_PG_URL/postgres" -qc "DROP DATABASE IF EXISTS $db_name WITH (FORCE)" >/dev/null 2>&1 || true
  # The server's log is kept when something failed.
  [ "$status" = 0 ] && rm -f "$server_log"
  return "$status"
}
trap cleanup EXIT

export DATABASE_URL="$ORDERS_TEST_PG_URL/$db_name"
# A throwaway signing secret, and an admin token signed with it, for this run only.
export ORDERS_JWT_SECRET="ts-client-test-$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
psql "$ORDERS_TEST_PG_URL/postgres" -qc "CREATE DATABASE $db_name" >/dev/null
"$bin" migrate up >>"$server_log" 2>&1 || { cat "$server_log" >&2; exit 1; }
# Workflow ids are `order-{id}` in a Temporal namespace that other runs share: start this
# database's ids in a range of its own (below 2^53, where JavaScript numbers stay exact).
psql "$DATABASE_URL" -qc "ALTER TABLE orders ALTER COLUMN id RESTART WITH $(date +%s%3N)000" >/dev/null

log "starting orders (database $db_name, log $server_log)"
start_orders "$bin" all "$server_log" TEMPORAL_ADDRESS="$ORDERS_TEST_TEMPORAL_ADDRESS" \
  ORDERS_TASK_QUEUE="ts-client-test-$$" ORDER_PROCESSING_DELAY=1h RUST_LOG=warn
base_url=$ORDERS_URL

token=$("$bin" token --role admin)
cd clients/typescript
log "npm ci, build, test"
npm ci --no-audit --no-fund --silent
npm run --silent build
ORDERS_BASE_URL="$base_url" ORDERS_TOKEN="$token" npm test --silent
