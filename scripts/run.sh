#!/usr/bin/env bash
# `make run`: everything the service needs, then the service itself, in the foreground.
#   - installs what is missing (scripts/bootstrap.sh)
#   - a private PostgreSQL cluster in .data/pg (port ORDERS_PG_PORT, default 5433)
#   - a Temporal dev server with durable state in .data/temporal.db (gRPC on
#     ORDERS_TEMPORAL_PORT, default 7233; Web UI on 8233)
#   - the migrations, then `orders all` on ORDERS_HTTP_ADDR (default 127.0.0.1:8080)
# Ctrl-C stops all of it; the next `make run` finds the same orders and workflows.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
bash scripts/bootstrap.sh

pg_port=${ORDERS_PG_PORT:-5433}
temporal_port=${ORDERS_TEMPORAL_PORT:-7233}
mkdir -p .data

log "building the service"
cargo build --bin orders

cleanup() {
  trap - EXIT INT TERM
  [ -n "${ORDERS_PID:-}" ] && kill -TERM "$ORDERS_PID" 2>/dev/null && wait "$ORDERS_PID" 2>/dev/null
  [ -n "${TEMPORAL_PID:-}" ] && kill -TERM "$TEMPORAL_PID" 2>/dev/null && wait "$TEMPORAL_PID" 2>/dev/null
  pg_stop .data/pg
  log "stopped PostgreSQL and Temporal; data kept in .data/"
}
trap cleanup EXIT
trap 'exit 0' INT TERM

log "starting PostgreSQL on 127.0.0.1:$pg_port (data in .data/pg)"
pg_start "$ROOT_DIR/.data/pg" "$pg_port"
log "starting the Temporal dev server on 127.0.0.1:$temporal_port (state in .data/temporal.db)"
temporal_start "$temporal_port" .data/temporal.log .data/temporal.db

# A development signing secret, made once and kept with the data; tokens printed below.
if [ ! -s .data/jwt-secret ]; then
  (umask 077 && python3 -c 'import secrets; print(secrets.token_hex(32))' > .data/jwt-secret)
fi
export ORDERS_JWT_SECRET_FILE="$ROOT_DIR/.data/jwt-secret"
admin_token=$(target/debug/orders token --role admin --ttl 30d)
customer_token=$(target/debug/orders token --role customer --customer-id 42 --ttl 30d)
carrier_token=$(target/debug/orders token --role carrier --ttl 30d)

export DATABASE_URL="postgres://orders@127.0.0.1:$pg_port/orders"
export TEMPORAL_ADDRESS="127.0.0.1:$temporal_port"
export ORDERS_HTTP_ADDR=${ORDERS_HTTP_ADDR:-127.0.0.1:8080}
target/debug/orders migrate up

cat >&2 <<MSG

  Orders API:        http://$ORDERS_HTTP_ADDR/orders
  Temporal Web UI:   http://127.0.0.1:$((temporal_port + 1000))/namespaces/default/workflows
  PostgreSQL:        $DATABASE_URL
  Temporal CLI:      .venv/bin/temporal workflow list --address $TEMPORAL_ADDRESS
  Swagger UI:        http://$ORDERS_HTTP_ADDR/docs

  Tokens (signed with .data/jwt-secret, valid 30 days):
    export ADMIN_TOKEN=$admin_token
    export CUSTOMER_TOKEN=$customer_token     # customer 42
    export CARRIER_TOKEN=$carrier_token       # posts shipment events
  Try:
    curl -H "Authorization: Bearer \$ADMIN_TOKEN" -H 'content-type: application/json' \\
         -d '{"customer_id": 42, "total_amount": 149.99}' http://$ORDERS_HTTP_ADDR/orders
    curl -H "Authorization: Bearer \$CUSTOMER_TOKEN" http://$ORDERS_HTTP_ADDR/orders

  Ctrl-C stops everything.

MSG
target/debug/orders all &
ORDERS_PID=$!
wait "$ORDERS_PID"
