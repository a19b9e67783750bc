#!/usr/bin/env bash
# The running server against its contract: schemathesis (all checks, positive and negative data,
# and the stateful phase over the spec's links), and an OpenAPI lint of the spec.
# Expects what scripts/test.sh exports: ORDERS_TEST_PG_URL, ORDERS_TEST_TEMPORAL_ADDRESS.
# ORDERS_CONTRACT_MAX_TIME bounds the schemathesis run (seconds, default 120).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
source scripts/versions.env

ensure_node
log "linting spec/openapi.yaml with @redocly/cli $REDOCLY_CLI_VERSION"
npx --yes "@redocly/cli@$REDOCLY_CLI_VERSION" lint spec/openapi.yaml --format=stylish

db="orders_contract_$$"
# A throwaway signing secret for this run; schemathesis calls as an admin, and its
# `ignored_auth` check makes sure every protected operation refuses calls without the token.
export ORDERS_JWT_SECRET="contract-test-$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
export ORDERS_RATE_LIMIT=0 ORDERS_ADMIN_RATE_LIMIT=0
token=$(target/debug/orders token --role admin)
psql "$ORDERS_TEST_PG_URL/postgres" -qc "CREATE DATABASE $db" >/dev/null
export DATABASE_URL="$ORDERS_TEST_PG_URL/$db"
export TEMPORAL_ADDRESS="$ORDERS_TEST_TEMPORAL_ADDRESS"
RUST_LOG=warn target/debug/orders migrate up
# Workflow ids (`order-{id}`) are unique per Temporal namespace, which other test runs share:
# start this database's ids where no earlier run's are.
psql "$DATABASE_URL" -qc "ALTER TABLE orders ALTER COLUMN id RESTART WITH $(( $(date +%s) * 1000000 + $$ % 1000000 ))" >/dev/null
log_file=$(mktemp /tmp/orders-contract-log.XXXXXX)
trap 'kill $ORDERS_PID 2>/dev/null; wait $ORDERS_PID 2>/dev/null; rm -f "$log_file"; psql "$ORDERS_TEST_PG_URL/postgres" -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1' EXIT
start_orders target/debug/orders all "$log_file" \
  ORDERS_TASK_QUEUE="contract-$$" ORDER_PROCESSING_DELAY=200ms RUST_LOG=warn
# A catalog for the orders with items that schemathesis sends (its hook points their lines at
# these SKUs; unknown SKUs are refused with 422, as tests/api/saga.rs checks).
for i in $(seq 0 99); do
  curl -sf -X PUT "$ORDERS_URL/products/st-$i" -H "Authorization: Bearer $token" \
    -H 'content-type: application/json' -d '{"name": "contract", "unit_price": 1.00, "stock": 1000000}' >/dev/null
done

# One worker: with two threads, hypothesis parses lambdas concurrently and CPython 3.11 before
# 3.11.9 can fail with "AST constructor recursion depth mismatch" (CPython gh-106905).
log "schemathesis $SCHEMATHESIS_VERSION against $ORDERS_URL"
PYTHONPATH=tests/contract SCHEMATHESIS_HOOKS=schemathesis_hooks \
.venv/bin/st --config-file tests/contract/schemathesis.toml run spec/openapi.yaml --url "$ORDERS_URL" \
  --checks all --mode all --phases examples,coverage,fuzzing,stateful \
  --max-examples 40 --max-time "${ORDERS_CONTRACT_MAX_TIME:-120}" --request-timeout 10 \
  --header "Authorization: Bearer $token" \
  --seed 20261127 --workers 1 --no-color || {
  log "schemathesis found failures; the server's warnings and errors:"
  grep -aE "WARN|ERROR" "$log_file" | tail -n 40 >&2
  exit 1
}
kill -0 $ORDERS_PID || { log "the server died during the run:"; cat "$log_file"; exit 1; }
