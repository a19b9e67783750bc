#!/usr/bin/env bash
# Is this tree's API slower than an earlier commit's? `make bench-ab BASE=<ref>` builds both
# release binaries (BASE in a worktree kept under target/bench-ab-base, with a target directory
# of its own seeded from this one's, so a second run rebuilds only what changed), starts one `orders serve` of each on one PostgreSQL of 10 thousand orders, and runs
# the same wrk loads against them in turn (A B, B A, A B, ...): a read, a page of 100, and creates (their
# dispatcher held to one start per second, to a task queue no worker polls). Prints each load's
# median req/s and p99 for both, the API's CPU time per request (less at the mercy of the
# machine's other load than req/s on shared cores), and B/A. ROUNDS (default 5) runs of SECONDS_PER_RUN (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
base_ref=${1:?usage: scripts/bench-ab.sh BASE_REF}
rounds=${ROUNDS:-5} secs=${SECONDS_PER_RUN:-5}
bash scripts/bootstrap.sh
command -v wrk >/dev/null 2>&1 || apt_install wrk

base_target=target/bench-ab-base
base_tree="$ROOT_DIR/$base_target/tree"
if [ -d "$base_tree" ]; then
  git -C "$base_tree" checkout -q --detach "$base_ref"
else
  git worktree prune
  git worktree add --detach "$base_tree" "$base_ref" >/dev/null
fi
if [ ! -d "$base_target/release" ] && [ -d target/release ]; then
  log "seeding $base_target from target/release (dependencies are not built twice)"
  mkdir -p "$base_target" && cp -r target/release "$base_target/"
fi
log "building $base_ref (A) and this tree (B), release"
(cd "$base_tree" && CARGO_TARGET_DIR="$ROOT_DIR/$base_target" cargo build --release --quiet --bin orders)
cargo build --release --quiet --bin orders
bins=("$base_target/release/orders" target/release/orders)

bench_stack bench-ab
export ORDERS_RATE_LIMIT=0 ORDERS_ADMIN_RATE_LIMIT=0 ORDERS_TASK_QUEUE=bench-ab-unpolled ORDERS_DISPATCH_RATE=1 RUST_LOG=warn
target/release/orders migrate up
psql "$DATABASE_URL" -qc "INSERT INTO orders (customer_id, status, total_amount)
  SELECT 1 + g % 20, 'completed', (g % 10000) / 100.0 FROM generate_series(1, 10000) g"
psql "$DATABASE_URL" -qc "VACUUM (ANALYZE) orders"
export BENCH_TOKEN=$(target/release/orders token --role admin)
some_id=$(psql "$DATABASE_URL" -qtAc "SELECT min(id) FROM orders")

# Each binary on a port given to it: the base may predate ORDERS_ADDR_FILE.
urls=()
for i in 0 1; do
  port=$(free_port)
  ORDERS_HTTP_ADDR="127.0.0.1:$port" "${bins[$i]}" serve 2>>"$work/api-$i.log" &
  pids+=($!); urls+=("http://127.0.0.1:$port")
  for _ in $(seq 1 100); do curl -sf "${urls[$i]}/healthz" >/dev/null && break; sleep 0.2; done
done


# load NAME SCRIPT PATH: ROUNDS runs of each binary in turn; one
# "name|a rps|a p99|a cpu|b rps|b p99|b cpu" line, cpu being the API's CPU microseconds per request.
loads=()
load() {
  local name=$1 script=$2 path=$3 a=() b=() cpu=(0 0) requests=(0 0) before
  for round in $(seq 1 "$rounds"); do
    # A first in odd rounds, B first in even ones: neither always meets the other's leftovers.
    for i in $([ $((round % 2)) = 1 ] && echo 0 1 || echo 1 0); do
      before=$(cpu_ms "${pids[$i]}")
      out=$(BENCH_PATH=$path wrk -t2 -c8 -d"${secs}s" --latency -s "$script" "${urls[$i]}")
      cpu[i]=$(( cpu[i] + $(cpu_ms "${pids[$i]}") - before ))
      requests[i]=$(( requests[i] + $(awk '/requests in/ {print $1}' <<<"$out") ))
      row="$(awk '/Requests\/sec/ {print $2}' <<<"$out") $(ms "$(awk '$1=="99%" {print $2}' <<<"$out")")"
      if [ "$i" = 0 ]; then a+=("$row"); else b+=("$row"); fi
    done
  done
  loads+=("$name|$(printf '%s\n' "${a[@]}" | median)|$(( cpu[0] * 1000 / requests[0] ))|$(printf '%s\n' "${b[@]}" | median)|$(( cpu[1] * 1000 / requests[1] ))")
  log "$name done"
}
# median: "rps p99_ms" lines in, "median rps|median p99_ms" out.
median() {
  python3 -c '
import statistics, sys
rows = [[float(x) for x in l.split()] for l in sys.stdin if l.strip()]
print(f"{statistics.median(r[0] for r in rows):.0f}|{statistics.median(r[1] for r in rows):.2f}")'
}
load "GET /orders/{id}" scripts/bench/get.lua "/orders/$some_id"
load "GET /orders?limit=100" scripts/bench/get.lua "/orders?limit=100"
load "POST /orders" scripts/bench/post.lua /orders

echo
echo "#### A = $base_ref ($(git rev-parse --short "$base_ref")), B = this tree ($(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ', with changes')); medians of $rounds runs of ${secs} s each, in turn"
echo
echo "| load | A req/s | A p99 ms | A API CPU us/req | B req/s | B p99 ms | B API CPU us/req | B/A req/s | B/A p99 | B/A CPU |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for l in "${loads[@]}"; do
  IFS='|' read -r name ar ap ac br bp bc <<<"$l"
  python3 -c 'import sys; n, ar, ap, ac, br, bp, bc = sys.argv[1:]; f = lambda b, a: f"{float(b)/float(a):.2f}"; print(f"| {n} | {ar} | {ap} | {ac} | {br} | {bp} | {bc} | {f(br, ar)} | {f(bp, ap)} | {f(bc, ac)} |")' \
    "$name" "$ar" "$ap" "$ac" "$br" "$bp" "$bc"
done
