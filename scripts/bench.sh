#!/usr/bin/env bash
# `make bench`: the service measured against its ceilings, side by side in one run.
# Release build; a private PostgreSQL and a durable (WAL) Temporal dev server on free ports;
# `orders serve` and `orders worker` as separate processes (the deployed shape); wrk over
# loopback; pgbench running the service's own SQL on the same data; a program on the same
# Temporal SDK doing an order's database work (examples/temporal_ceiling.rs). Prints a table and writes it to
# bench-results/bench-<time>.md. About four minutes on 2 cores, once the build is warm.
#
# Knobs: BENCH_PROCESSING_DELAY_MS (0), BENCH_BURST_SECONDS (1), BENCH_SUSTAINED_SECONDS (30),
# BENCH_CONNECTIONS (8), BENCH_CANCELS (100), BENCH_DISPATCH_RATE (measured).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
bash scripts/bootstrap.sh
command -v wrk >/dev/null 2>&1 || apt_install wrk

log "building (release)"
cargo build --release --quiet --bin orders --example temporal_ceiling
bin=target/release/orders
ceiling=target/release/examples/temporal_ceiling
delay_ms=${BENCH_PROCESSING_DELAY_MS:-0}
connections=${BENCH_CONNECTIONS:-8}
started_at=$(date +%s)

bench_stack bench
export ORDERS_RATE_LIMIT=0 ORDERS_ADMIN_RATE_LIMIT=0 ORDERS_TASK_QUEUE=bench RUST_LOG=warn
for db in ceiling sdk sustained; do psql "$pg_url/postgres" -qc "CREATE DATABASE $db" >/dev/null; done
for db in orders ceiling sdk sustained; do DATABASE_URL="$pg_url/$db" $bin migrate up; done
# Workflow ids (`order-{id}`) are unique in the namespace: the second database's orders get ids
# of their own, or their workflows would be refused as another database's.
psql "$pg_url/sustained" -qc "ALTER TABLE orders ALTER COLUMN id RESTART WITH 1000000000000" >/dev/null
export BENCH_TOKEN=$($bin token --role admin)
psql_() { psql "$DATABASE_URL" -qtAc "$1"; }

# start_api NAME DELAY_MS [VAR=VALUE...]: `orders serve`; sets $base_NAME and $pid_NAME.
start_api() {
  local name=$1 delay=$2; shift 2
  start_orders $bin serve "$work/$name.log" "$@" ORDER_PROCESSING_DELAY="${delay}ms" || exit 1
  pids+=("$ORDERS_PID"); printf -v "pid_$name" %s "$ORDERS_PID"; printf -v "base_$name" %s "$ORDERS_URL"
}
stop() { kill "$1"; wait "$1" 2>/dev/null || true; }
wait_for() { # wait_for SQL_CONDITION SECONDS
  local deadline=$(( $(date +%s) + $2 ))
  until [ "$(psql_ "SELECT $1")" = t ]; do
    [ "$(date +%s)" -lt "$deadline" ] || { log "still not true after $2 s: $1"; return 1; }
    sleep 0.2
  done
}

results=()
# wrk_run NAME SECONDS SCRIPT BASE [PATH]: appends "name|rps|p50|p99|errors"; WARM_UP=0: none;
# RUNS=n: n runs, the one with the median p99 kept, with the errors of all (one short run's p99
# on 2 cores swings with whatever else gets scheduled).
wrk_run() {
  local name=$1 secs=$2 script=$3 base=$4 path=${5:-/} out runs=() all_errors=0
  [ "${WARM_UP:-1}" = 0 ] || BENCH_PATH=$path wrk -t2 -c"$connections" -d1s -s "$script" "$base" >/dev/null 2>&1
  for _ in $(seq 1 "${RUNS:-1}"); do
    out=$(BENCH_PATH=$path wrk -t2 -c"$connections" -d"${secs}s" --latency -s "$script" "$base")
    local rps p50 p99 errors
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx/ {print $5} /Socket errors/ {gsub(",",""); print $4+$6+$8+$10}' <<<"$out" | awk '{s+=$1} END {print s+0}')
    runs+=("$(ms "$p99")|$name|$rps|$p50|$p99")
    all_errors=$((all_errors + errors))
    [ "${RUNS:-1}" = 1 ] || log "  run: $rps req/s, p50 $p50, p99 $p99, errors $errors"
  done
  local kept
  # Errors are those of every run, not only the kept one's.
  kept="$(printf '%s\n' "${runs[@]}" | sort -t'|' -k1,1g | sed -n "$(( (${#runs[@]} + 1) / 2 ))p" | cut -d'|' -f2-)|$all_errors"
  results+=("$kept")
  log "$(tr '|' ' ' <<<"$kept")"
}
# pgbench_run DATABASE FILE [-D var=value...]: "tps|average latency ms", as many clients as wrk
# has connections, prepared statements.
pgbench_run() {
  local db=$1 file=$2; shift 2
  "$(pg_bin pgbench)" -n -M prepared -c "$connections" -j 2 -T 3 "$@" -f "$file" "$pg_url/$db" 2>/dev/null \
    | awk '/^latency average/ {lat=$4} /^tps = / {print $3 "|" lat; exit}'
}
pg_pids() { local pm; pm=$(head -1 "$work/pg/postmaster.pid"); echo "$pm" $(pgrep -P "$pm"); }
# A list page must hold a full page of 100 orders, or its figures measure something else.
full_page() {
  local n
  n=$(curl -sf -H "Authorization: Bearer $BENCH_TOKEN" "$base_api$1" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
  [ "$n" = 100 ] || { log "$1 returns $n orders, not a full page of 100"; exit 1; }
}
# Completed and cancelled orders (one in four), customers 1..20 spread evenly: every filter of
# the list bench has more than 100 matches at 10k orders. They never had workflows.
seed_to() {
  psql_ "INSERT INTO orders (customer_id, status, total_amount)
         SELECT 1 + (g / 7) % 20, CASE WHEN g % 4 = 0 THEN 'cancelled' ELSE 'completed' END, (g % 10000) / 100.0
         FROM generate_series(1, $1 - (SELECT count(*) FROM orders)) g WHERE $1 > (SELECT count(*) FROM orders);" >/dev/null
  # Measured after the bulk write's cleanup, not during it.
  psql_ "VACUUM (ANALYZE) orders" >/dev/null; psql_ "CHECKPOINT" >/dev/null
}
list_paths=("/orders?limit=100" "/orders?limit=100&status=cancelled" "/orders?limit=100&customer_id=7" "/orders?limit=100&customer_id=7&status=cancelled")
list_sql=(page page_by_status page_by_customer page_by_customer_and_status)
list_ceilings=()
list_phase() { # list_phase SIZE_LABEL
  for i in "${!list_paths[@]}"; do
    full_page "${list_paths[$i]}"
    RUNS=3 wrk_run "GET ${list_paths[$i]}, $1 orders" 2 scripts/bench/get.lua "$base_api" "${list_paths[$i]}"
    list_ceilings+=("$(pgbench_run orders "scripts/bench/${list_sql[$i]}.sql" -D status=cancelled -D customer=7 -D after_id=0 -D fetch=101)")
  done
}

start_orders $bin worker "$work/worker.log" || exit 1
pid_worker=$ORDERS_PID; pids+=($pid_worker)
log "cancel targets: $((${BENCH_CANCELS:-100})) orders started with a long processing delay, to be cancelled under load"
start_api targets 600000
cancel_ids=$(for _ in $(seq 1 "${BENCH_CANCELS:-100}"); do
  curl -sf -X POST "$base_targets/orders" -H "Authorization: Bearer $BENCH_TOKEN" -H 'Content-Type: application/json' \
    -d '{"customer_id": 5000, "total_amount": 1.00}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
done)
wait_for "NOT EXISTS (SELECT 1 FROM order_workflow_outbox)" 60
stop "$pid_targets"
# Their first steps done before anything is measured, so that no phase pays for them.
wait_for "(SELECT count(*) FROM orders WHERE status = 'processing') = ${BENCH_CANCELS:-100}" 60

# CPU per workflow of each process: on 2 shared cores, what bounds the rate.
per() { python3 -c "print(f'{$1 / $2:.1f}')"; }
sdk_workflows=${BENCH_CEILING_WORKFLOWS:-200}
# sdk_run [patched]: prints "completions per second|CPU per workflow"
sdk_run() {
  local before=("$(cpu_ms "$TEMPORAL_PID")" "$(cpu_ms $(pg_pids))") out
  out=$($ceiling "$TEMPORAL_ADDRESS" "bench-ceiling-${1:-plain}-$$" "$sdk_workflows" "$delay_ms" "$pg_url/sdk" "$@")
  echo "$(awk -F= '/completions_per_s/ {print $2}' <<<"$out")|Temporal server $(per "$(( $(cpu_ms "$TEMPORAL_PID") - before[0] ))" "$sdk_workflows") ms, PostgreSQL $(per "$(( $(cpu_ms $(pg_pids)) - before[1] ))" "$sdk_workflows") ms, the program $(per "$(awk -F= '/cpu_ms/ {print $2}' <<<"$out")" "$sdk_workflows") ms"
}
log "ceiling: the SDK program (same server, same delay, the same status changes on a database of its own)"
sdk_plain=$(sdk_run)
log "ceiling: the SDK program with the order workflow's patch marker"
sdk_patched=$(sdk_run patched)
sdk_completions=${sdk_patched%%|*}
log "SDK program: ${sdk_plain%%|*} wf/s, with the patch marker $sdk_completions wf/s"

# Workflow starts are paced at what the worker completes of these orders (README, "Performance"),
# measured on as many orders as the SDK program ran, dispatched as fast as Temporal takes them.
if [ -z "${BENCH_DISPATCH_RATE:-}" ]; then
  log "pace: $sdk_workflows orders dispatched unpaced, timed to completion"
  start_api calibration "$delay_ms"
  sleep 2 # its start-up check for stuck orders (one describe per unfinished order) done first
  cpu_before=("$(cpu_ms "$TEMPORAL_PID")" "$(cpu_ms $(pg_pids))" "$(cpu_ms "$pid_worker")" "$(cpu_ms "$pid_calibration")")
  t0=$(date +%s.%N)
  psql_ "WITH created AS (INSERT INTO orders (customer_id, status, total_amount)
           SELECT 4000, 'pending', 1.00 FROM generate_series(1, $sdk_workflows) RETURNING id)
         INSERT INTO order_workflow_outbox (order_id, request_id) SELECT id, 'bench-pace' FROM created" >/dev/null
  wait_for "(SELECT count(*) FROM orders WHERE customer_id = 4000 AND status = 'completed') = $sdk_workflows" 120
  unpaced_rate=$(python3 -c "print(round($sdk_workflows / ($(date +%s.%N) - $t0), 1))")
  dispatch_rate=$(python3 -c "print(max(1, int($unpaced_rate)))")
  service_cpu="Temporal server $(per "$(( $(cpu_ms "$TEMPORAL_PID") - cpu_before[0] ))" "$sdk_workflows") ms, PostgreSQL $(per "$(( $(cpu_ms $(pg_pids)) - cpu_before[1] ))" "$sdk_workflows") ms, worker $(per "$(( $(cpu_ms "$pid_worker") - cpu_before[2] ))" "$sdk_workflows") ms, API $(per "$(( $(cpu_ms "$pid_calibration") - cpu_before[3] ))" "$sdk_workflows") ms"
  stop "$pid_calibration"
fi
dispatch_rate=${BENCH_DISPATCH_RATE:-$dispatch_rate}

log "starting orders serve (ORDERS_DISPATCH_RATE=$dispatch_rate) and orders worker (processing delay ${delay_ms} ms)"
start_api api "$delay_ms" ORDERS_DISPATCH_RATE="$dispatch_rate"

log "phase 1: reads at 10 thousand orders"
seed_to 10000
some_id=$(psql_ "SELECT min(id) FROM orders WHERE status = 'completed'")
RUNS=3 wrk_run "GET /orders/{id}" 3 scripts/bench/get.lua "$base_api" "/orders/$some_id"
read_ceiling=$(pgbench_run orders scripts/bench/read.sql -D "id=$some_id")
list_phase 10k

log "phase 2: creates, sustained ${BENCH_SUSTAINED_SECONDS:-30} s, with the dispatcher held to one start per second"
# On a database of its own, its few starts to a task queue no worker polls: what the API and
# PostgreSQL sustain when Temporal and the workers run on other machines.
create_ceiling=$(pgbench_run ceiling scripts/bench/create.sql)
start_api sustained "$delay_ms" DATABASE_URL="$pg_url/sustained" ORDERS_TASK_QUEUE=bench-unpolled ORDERS_DISPATCH_RATE=1
wrk_run "POST /orders, sustained" "${BENCH_SUSTAINED_SECONDS:-30}" scripts/bench/post.lua "$base_sustained"
sustained_backlog=$(psql "$pg_url/sustained" -qtAc "SELECT count(*) FROM order_workflow_outbox")
sustained_orders=$(psql "$pg_url/sustained" -qtAc "SELECT count(*) FROM orders")
stop "$pid_sustained"

log "phase 3: a burst of creates, cancels while it is processed, every order completes"
before=$(psql_ "SELECT count(*) FROM orders")
WARM_UP=0 wrk_run "POST /orders, burst" "${BENCH_BURST_SECONDS:-1}" scripts/bench/post.lua "$base_api"
created=$(( $(psql_ "SELECT count(*) FROM orders") - before ))
# shellcheck disable=SC2086 # one argument per id
python3 scripts/bench/cancel_latency.py "$base_api" "$BENCH_TOKEN" 0.1 $cancel_ids >"$work/cancels.txt" &
cancels=$!
t0=$(date +%s.%N)
wait_for "NOT EXISTS (SELECT 1 FROM orders WHERE status IN ('pending', 'processing') AND customer_id <> 5000)" 600 || true
t1=$(date +%s.%N)
wait "$cancels"
cancel_figures=$(cat "$work/cancels.txt")
open=$(psql_ "SELECT count(*) FROM orders WHERE status IN ('pending', 'processing')")
burst_completed=$(psql_ "SELECT count(*) FROM orders WHERE status = 'completed' AND customer_id <> 5000 AND id > (SELECT max(id) - $created FROM orders)")
outbox=$(psql_ "SELECT count(*) FROM order_workflow_outbox")
e2e=$(python3 -c "print(round($created / ($t1 - $t0), 1))")
log "end to end: $e2e orders/s; $burst_completed of $created completed; open: $open; outbox: $outbox; cancels: $cancel_figures"

log "phase 3b: orders with items end to end (the saga; the carrier's events sent as each shipment is booked)"
item_orders=${BENCH_ITEM_ORDERS:-$sdk_workflows}
curl -sf -X PUT "$base_api/products/bench-tea" -H "Authorization: Bearer $BENCH_TOKEN" -H 'Content-Type: application/json' \
  -d '{"name": "bench", "unit_price": 1.00, "stock": 100000000}' >/dev/null
item_figures=$(python3 scripts/bench/item_orders.py "$base_api" "$BENCH_TOKEN" "$($bin token --role carrier)" bench-tea "$item_orders")
item_field() { tr ' ' '\n' <<<"$item_figures" | awk -F= -v k="$1" '$1==k {print $2}'; }
log "orders with items: $item_figures"
log "ceiling: the SDK program with six activities per workflow, as an order with items runs"
sdk_saga=$(sdk_run patched saga)

log "phase 4: reads at 1 million orders"
seed_to 1000000
list_phase 1M
api_kib=$(awk '/VmHWM/ {print $2}' "/proc/$pid_api/status")
worker_kib=$(awk '/VmHWM/ {print $2}' "/proc/$pid_worker/status")


# The table
ratio() { python3 -c "print(f'{100 * float(\"$1\") / float(\"$2\"):.0f}%')"; }
field() { cut -d'|' -f"$2" <<<"${results[$1]}"; }
row() { # row INDEX CEILING_TEXT RATIO
  echo "| $(field "$1" 1) | $(field "$1" 2) req/s | $(field "$1" 3) | $(field "$1" 4) | $(field "$1" 5) | $2 | $3 |"
}
cancel() { tr ' ' '\n' <<<"$cancel_figures" | awk -F= -v k="$1" '$1==k {print $2}'; }
stamp=$(date -u +%Y-%m-%dT%H:%MZ)
mkdir -p bench-results
report=bench-results/bench-$stamp.md
{
  echo "### make bench, $stamp ($(nproc) cores; processing delay ${delay_ms} ms; wrk 2 threads, $connections connections)"
  echo
  echo "| measure | service | p50 | p99 | errors | ceiling (same run) | ratio |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  row 0 "pgbench read: ${read_ceiling%|*} tx/s" "$(ratio "$(field 0 2)" "${read_ceiling%|*}")"
  for i in 0 1 2 3; do
    c=${list_ceilings[$i]}; r10=$((1 + i))
    row $r10 "pgbench page: ${c%|*} tx/s" "$(ratio "$(field $r10 2)" "${c%|*}")"
  done
  row 5 "pgbench create: ${create_ceiling%|*} tx/s" "$(ratio "$(field 5 2)" "${create_ceiling%|*}")"
  row 6 "pgbench create: ${create_ceiling%|*} tx/s" "$(ratio "$(field 6 2)" "${create_ceiling%|*}")"
  for i in 0 1 2 3; do
    c=${list_ceilings[$((4 + i))]}; r1m=$((7 + i)); r10=$((1 + i))
    row $r1m "pgbench page: ${c%|*} tx/s" "$(ratio "$(field $r1m 2)" "${c%|*}"); p99 1M/10k: $(python3 -c "print(f'{$(ms "$(field $r1m 4)") / $(ms "$(field $r10 4)"):.2f}x')")"
  done
  echo "| cancel (PUT status=cancelled) during the burst | $(cancel answered) answered: $(cancel ok) x 200, $(cancel in_progress) x 202 | $(cancel p50_ms)ms | $(cancel p99_ms)ms | $(cancel other) | | max $(cancel max_ms)ms |"
  [ -z "${unpaced_rate:-}" ] || echo "| end to end, $sdk_workflows orders at once (created -> completed) | $unpaced_rate orders/s | | | | SDK program, same commands: $sdk_completions wf/s (${sdk_plain%%|*} without the patch marker) | $(ratio "$unpaced_rate" "$sdk_completions") |"
  echo "| end to end, the burst, paced, with the cancels | $e2e orders/s | | | open: $open | SDK program, same commands: $sdk_completions wf/s | $(ratio "$e2e" "$sdk_completions") |"
  echo "| orders with items end to end, $item_orders orders, 32 at a time (create -> delivered) | $(item_field orders_per_s) orders/s | | | $(( $(item_field orders) - $(item_field completed) )) not completed, $(item_field refused) events refused | SDK program, six activities per workflow: ${sdk_saga%%|*} wf/s | $(ratio "$(item_field orders_per_s)" "${sdk_saga%%|*}") |"
  echo "| peak memory | API $(( api_kib / 1024 )) MiB, worker $(( worker_kib / 1024 )) MiB | | | | | |"
  echo
  echo "Sustained creates: $sustained_orders orders in ${BENCH_SUSTAINED_SECONDS:-30} s (dispatcher held to 1 start/s: $sustained_backlog left in the outbox)."
  echo "Unpaced, as the SDK program runs: $sdk_workflows orders created at once completed at ${unpaced_rate:-(not measured: BENCH_DISPATCH_RATE given)} orders/s; workflow starts then paced at ORDERS_DISPATCH_RATE=$dispatch_rate/s."
  echo "CPU per workflow: SDK program ${sdk_plain#*|}; with the patch marker ${sdk_patched#*|}; six activities ${sdk_saga#*|}. Per order, unpaced: ${service_cpu:-not measured}."
  echo "Burst: $created orders created; $burst_completed of them completed; outbox left: $outbox. Run time: $(( $(date +%s) - started_at )) s after the build."
} | tee "$report"
log "written to $report"
