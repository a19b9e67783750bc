#!/usr/bin/env bash
# `make bench`: the service measured against its ceilings, side by side in one run.
# Release build; a private PostgreSQL and a durable (WAL) Temporal dev server on free ports;
# `orders all` with a short processing delay; wrk over loopback; pgbench running the service's
# own SQL; a minimal program on the same Temporal SDK (examples/temporal_ceiling.rs).
# Prints a table and writes it to bench-results/bench-<time>.md. A few minutes in all.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
bash scripts/bootstrap.sh
command -v wrk >/dev/null 2>&1 || { SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo; $SUDO apt-get update -qq; DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null; }

log "building (release)"
cargo build --release --quiet --bin orders --example temporal_ceiling
bin=target/release/orders
ceiling=target/release/examples/temporal_ceiling

work=$(mktemp -d /tmp/orders-bench.XXXXXX); chmod 755 "$work"
cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  [ -n "${TEMPORAL_PID:-}" ] && kill "$TEMPORAL_PID" 2>/dev/null && wait "$TEMPORAL_PID" 2>/dev/null
  pg_stop "$work/pg"; rm -rf "$work"
}
trap cleanup EXIT
pg_port=$(free_port); temporal_port=$(free_port); http_port=$(free_port)
pg_start "$work/pg" "$pg_port"
TEMPORAL_UI_PORT=$(free_port) temporal_start "$temporal_port" "$work/temporal.log" "$work/temporal.db"
export DATABASE_URL="postgres://orders@127.0.0.1:$pg_port/orders" TEMPORAL_ADDRESS="127.0.0.1:$temporal_port"
export ORDERS_JWT_SECRET="bench-$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
RUST_LOG=warn $bin migrate up
export BENCH_TOKEN=$($bin token --role admin)
psql_() { psql "$DATABASE_URL" -qtAc "$1"; }

delay_ms=${BENCH_PROCESSING_DELAY_MS:-100}
ORDERS_HTTP_ADDR="127.0.0.1:$http_port" ORDER_PROCESSING_DELAY="${delay_ms}ms" ORDERS_RATE_LIMIT=0 \
  ORDERS_TASK_QUEUE=bench RUST_LOG=warn $bin all 2>"$work/orders.log" &
server=$!
base="http://127.0.0.1:$http_port"
for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.2; done

results=()
# wrk_run NAME SECONDS SCRIPT [PATH]: appends "name|rps|p50|p99|errors"
wrk_run() {
  local name=$1 secs=$2 script=$3 path=${4:-/} out
  BENCH_PATH=$path wrk -t2 -c8 -d2s -s "$script" "$base" >/dev/null 2>&1   # warm-up
  out=$(BENCH_PATH=$path wrk -t2 -c8 -d"${secs}s" --latency -s "$script" "$base")
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $5} /Socket errors/ {gsub(",",""); print $4+$6+$8+$10}' <<<"$out" | awk '{s+=$1} END {print s+0}')
  results+=("$name|$rps|$p50|$p99|$errors")
  log "$name: $rps req/s, p50 $p50, p99 $p99, errors $errors"
}
# pgbench_tps FILE [-D var=value]: transactions per second with 8 clients (wrk's 8
# connections), prepared statements, on a database of its own with the same schema, so that
# nothing it writes reaches the service's outbox and Temporal.
ceiling_db="postgres://orders@127.0.0.1:$pg_port/ceiling"
psql "postgres://orders@127.0.0.1:$pg_port/postgres" -qc "CREATE DATABASE ceiling" >/dev/null
DATABASE_URL=$ceiling_db RUST_LOG=warn $bin migrate up
pgbench_tps() {
  "$(pg_bin pgbench)" -n -M prepared -c 8 -j 2 -T 8 "$@" "$ceiling_db" 2>/dev/null \
    | awk '/^tps = / {print $3; exit}'
}
ms() { python3 -c "import sys; v=sys.argv[1]; print(float(v[:-2]) if v.endswith('ms') else float(v[:-2])/1000 if v.endswith('us') else float(v[:-1])*1000)" "$1"; }

log "phase 1: a burst of creates (POST /orders)"
before=$(psql_ "SELECT count(*) FROM orders")
wrk_run "POST /orders" 4 scripts/bench/post.lua
created=$(( $(psql_ "SELECT count(*) FROM orders") - before ))
pg_create=$(pgbench_tps -f scripts/bench/create.sql)

log "phase 2: reads (GET /orders/{id})"
some_id=$(psql_ "SELECT min(id) FROM orders")
wrk_run "GET /orders/{id}" 6 scripts/bench/get.lua "/orders/$some_id"
ceiling_id=$(psql "$ceiling_db" -qtAc "SELECT min(id) FROM orders")
pg_read=$(pgbench_tps -D "id=$ceiling_id" -f scripts/bench/read.sql)

log "phase 3: end to end; every order of the burst completes (sampling the completion rate)"
total=$(psql_ "SELECT count(*) FROM orders")
t0=$(date +%s.%N); c0=$(psql_ "SELECT count(*) FROM orders WHERE status = 'completed'")
deadline=$(( $(date +%s) + 600 ))
while :; do
  done_now=$(psql_ "SELECT count(*) FROM orders WHERE status = 'completed'")
  [ "$done_now" -ge "$total" ] && break
  [ "$(date +%s)" -lt "$deadline" ] || { log "orders still open after 600 s"; break; }
  sleep 1
done
t1=$(date +%s.%N)
e2e=$(python3 -c "print(round(($done_now - $c0) / ($t1 - $t0), 1))")
lost=$(( total - done_now ))
outbox=$(psql_ "SELECT count(*) FROM order_workflow_outbox")
log "end to end: $e2e orders/s completed; open after the drain: $lost; outbox: $outbox"

log "phase 4: listing at 10 thousand, then 1 million orders"
seed_to() { psql_ "INSERT INTO orders (customer_id, status, total_amount) SELECT 1 + g % 50, 'completed', (g % 10000) / 100.0 FROM generate_series(1, $1 - (SELECT count(*) FROM orders)) g WHERE $1 > (SELECT count(*) FROM orders); ANALYZE orders;" >/dev/null; }
# The same full page at both sizes: a customer's completed orders, through (customer_id, id).
seed_to 10000
wrk_run "GET /orders?limit=100 (10k)" 5 scripts/bench/get.lua "/orders?limit=100&customer_id=77"
seed_to 1000000
wrk_run "GET /orders?limit=100 (1M)" 5 scripts/bench/get.lua "/orders?limit=100&customer_id=77"
rss_kib=$(awk '/VmHWM/ {print $2}' /proc/$server/status)

log "ceiling: the minimal Temporal program (same server, same delay)"
ceiling_out=$($ceiling "$TEMPORAL_ADDRESS" "bench-ceiling-$$" "${BENCH_CEILING_WORKFLOWS:-500}" "$delay_ms")
sdk_completions=$(awk -F= '/completions_per_s/ {print $2}' <<<"$ceiling_out")

# The table
ratio() { python3 -c "print(f'{100 * float(\"$1\") / float(\"$2\"):.0f}%')"; }
field() { cut -d'|' -f"$2" <<<"${results[$1]}"; }
stamp=$(date -u +%Y-%m-%dT%H:%MZ)
mkdir -p bench-results
report=bench-results/bench-$stamp.md
{
  echo "### make bench, $stamp ($(nproc) cores; processing delay ${delay_ms} ms; wrk 2 threads, 8 connections)"
  echo
  echo "| measure | service | p50 | p99 | errors | ceiling | ratio |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  echo "| POST /orders | $(field 0 2) req/s | $(field 0 3) | $(field 0 4) | $(field 0 5) | pgbench create: $pg_create tx/s | $(ratio "$(field 0 2)" "$pg_create") |"
  echo "| GET /orders/{id} | $(field 1 2) req/s | $(field 1 3) | $(field 1 4) | $(field 1 5) | pgbench read: $pg_read tx/s | $(ratio "$(field 1 2)" "$pg_read") |"
  echo "| GET /orders?limit=100, 10k orders | $(field 2 2) req/s | $(field 2 3) | $(field 2 4) | $(field 2 5) | | |"
  echo "| GET /orders?limit=100, 1M orders | $(field 3 2) req/s | $(field 3 3) | $(field 3 4) | $(field 3 5) | | p99 1M/10k: $(python3 -c "print(f'{$(ms "$(field 3 4)") / $(ms "$(field 2 4)"):.2f}x')") |"
  echo "| end to end (created -> completed) | $e2e orders/s | | | open: $lost | SDK program: $sdk_completions wf/s | $(ratio "$e2e" "$sdk_completions") |"
  echo "| peak memory of \`orders all\` | $(( rss_kib / 1024 )) MiB | | | | | |"
  echo
  echo "Burst: $created orders created; all started (outbox left: $outbox) and $(( total - lost )) of $total completed."
} | tee "$report"
log "written to $report"
