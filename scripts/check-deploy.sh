#!/usr/bin/env bash
# Validate the monitoring files under deploy/ before shipping them:
#   - Prometheus alerting rules:   promtool check rules  deploy/prometheus/alerts.yml
#   - Prometheus config:           promtool check config deploy/prometheus/prometheus.yml
#   - Alert unit tests:            promtool test rules   deploy/prometheus/alerts.test.yml
#   - Grafana dashboard:           valid JSON, every query only uses metric names the service
#                                  exposes (`orders metrics --list`: run after `make test`
#                                  built target/debug/orders), and every query parses (each one, with the Grafana
#                                  variables filled in, becomes a recording rule for promtool).
# Installs promtool (Debian package `prometheus`) when it is missing, without leaving the
# Prometheus server running. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "[check-deploy] $*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

install_promtool() {
  log "promtool not found: installing Debian package 'prometheus' (it ships promtool)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus
  # The package starts the Prometheus server when it can; we only want promtool.
  # systemctl/service may be missing or not functional in containers: ignore failures.
  as_root systemctl stop prometheus >/dev/null 2>&1 || true
  as_root systemctl disable prometheus >/dev/null 2>&1 || true
  as_root service prometheus stop >/dev/null 2>&1 || true
  command -v promtool >/dev/null 2>&1 || { log "promtool still not found after install"; exit 1; }
}

command -v promtool >/dev/null 2>&1 || install_promtool
log "using $(promtool --version 2>&1 | head -n 1)"

log "promtool check rules deploy/prometheus/alerts.yml"
promtool check rules deploy/prometheus/alerts.yml

log "promtool check config deploy/prometheus/prometheus.yml"
promtool check config deploy/prometheus/prometheus.yml

log "promtool test rules deploy/prometheus/alerts.test.yml"
promtool test rules deploy/prometheus/alerts.test.yml

log "checking deploy/grafana/orders-dashboard.json"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 scripts/check-dashboard.py deploy/grafana/orders-dashboard.json "$tmp/dashboard-queries.yml"
log "promtool check rules (dashboard queries, for PromQL syntax)"
promtool check rules "$tmp/dashboard-queries.yml"

echo "check-deploy: OK (rules, config, rule unit tests and dashboard all valid)"
