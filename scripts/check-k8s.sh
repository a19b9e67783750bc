#!/usr/bin/env bash
# Check the Kubernetes manifests under deploy/k8s without a cluster:
#   1. kubectl: the one on PATH, else Debian's `kubernetes-client` package (kubectl 1.20, whose
#      `kubectl kustomize` is kustomize v2.0.3: the kustomizations use only what it supports,
#      and render the same objects with kustomize v5);
#   2. `kubectl kustomize` renders the base and both overlays (dev, production);
#   3. every rendered object validates against the schemas of Kubernetes
#      $KUBERNETES_SCHEMA_VERSION, strictly (PyPI kubernetes-validate, pinned in
#      scripts/versions.env, offline). ServiceMonitor, PrometheusRule and ScaledObject have no
#      bundled schema (and CI has no network to fetch their CRDs): they get structural checks
#      instead, and the render's references (selectors, named ports, autoscaler targets, the
#      ScaledObject's task queue against the workers' settings, grace periods) are checked
#      (scripts/check-k8s-manifests.py, whose unit tests run first);
#   4. deploy/k8s/base/prometheusrule.yaml is exactly what scripts/render-prometheus-rule.py
#      makes of deploy/prometheus/alerts.yml;
#   5. every container running `orders` gets exactly the variables its command reads, and the
#      required ones (scripts/check-env.py --k8s), against `$ORDERS_BIN config --list`
#      (default target/debug/orders, built with `cargo build --bin orders` when missing).
# With K8S_COMPARE_KUBECTL=/path/to/another/kubectl (e.g. Debian's 1.20 unpacked with
# `apt-get download kubernetes-client && dpkg -x kubernetes-client_*.deb DIR`), each directory
# is also rendered with that one, and both renders must hold the same objects (hash suffixes of
# generated names aside): how kustomize v2.0.3 and v5 are kept in step.
# Not checked: that a cluster accepts and runs them (no cluster here), nor the custom resources
# against their CRDs' full schemas.
# Extra arguments go to scripts/check-env.py, e.g. `--schema-json FILE` instead of the binary.
# Installs kubernetes-validate and PyYAML into .venv (pinned in scripts/versions.env) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/versions.env
source scripts/lib.sh

if ! command -v kubectl >/dev/null 2>&1; then
  log "kubectl not found: installing Debian package 'kubernetes-client'"
  apt_install kubernetes-client
  command -v kubectl >/dev/null 2>&1 || { log "kubectl still not found after the install"; exit 1; }
fi
kubectl_version=$(kubectl version --client -o json 2>/dev/null \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["clientVersion"]["gitVersion"], "kustomize", d.get("kustomizeVersion", "v2.0.3 (embedded)"))' \
  || echo "unknown version")
log "using kubectl $kubectl_version ($(command -v kubectl))"

venv_install "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION" "pyyaml==$PYYAML_VERSION"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Runs a command, printing its output with the temporary directory left out of the paths.
run() {
  local rc=0
  "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
  sed "s|$tmp/||g" "$tmp/out"
  sed "s|$tmp/||g" "$tmp/err" >&2
  return $rc
}

rendered=()
for dir in deploy/k8s/base deploy/k8s/overlays/dev deploy/k8s/overlays/production; do
  out="$tmp/rendered-$(basename "$dir").yaml"
  log "kubectl kustomize $dir"
  if ! kubectl kustomize "$dir" >"$out" 2>"$tmp/stderr"; then
    cat "$tmp/stderr" >&2
    exit 1
  fi
  # kustomize v5 warns about the fields kept for v2.0.3 (bases, commonLabels, patches*):
  # expected, so only other messages are shown.
  grep -v "^# Warning: '[A-Za-z0-9]*' is deprecated" "$tmp/stderr" >&2 || true
  rendered+=("$out")
  if [ -n "${K8S_COMPARE_KUBECTL:-}" ]; then
    other="$tmp/other-$(basename "$dir").yaml"
    log "  and with $K8S_COMPARE_KUBECTL: the same objects?"
    "$K8S_COMPARE_KUBECTL" kustomize "$dir" >"$other" 2>"$tmp/stderr" || { cat "$tmp/stderr" >&2; exit 1; }
    run .venv/bin/python scripts/check-k8s-manifests.py --compare "$out" "$other"
  fi
done

log "scripts/check-k8s-manifests.py's own tests"
.venv/bin/python -m unittest -q scripts/test_check_k8s_manifests.py
log "schemas (Kubernetes $KUBERNETES_SCHEMA_VERSION, kubernetes-validate $KUBERNETES_VALIDATE_VERSION), custom resources and references"
run .venv/bin/python scripts/check-k8s-manifests.py --kubernetes-version "$KUBERNETES_SCHEMA_VERSION" \
  --alerts deploy/prometheus/alerts.yml "${rendered[@]}"

log "deploy/k8s/base/prometheusrule.yaml is generated from deploy/prometheus/alerts.yml"
.venv/bin/python scripts/render-prometheus-rule.py >"$tmp/prometheusrule.yaml"
if ! diff -u deploy/k8s/base/prometheusrule.yaml "$tmp/prometheusrule.yaml" >"$tmp/rule.diff"; then
  head -n 40 "$tmp/rule.diff" >&2
  echo "deploy/k8s/base/prometheusrule.yaml is not what scripts/render-prometheus-rule.py prints; run" >&2
  echo "  .venv/bin/python scripts/render-prometheus-rule.py > deploy/k8s/base/prometheusrule.yaml" >&2
  exit 1
fi

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
log "container environments against the binary's settings (scripts/check-env.py --k8s)"
k8s_args=()
for r in "${rendered[@]}"; do k8s_args+=(--k8s "$r"); done
run .venv/bin/python scripts/check-env.py "${k8s_args[@]}" "${schema_args[@]}" "$@"

echo "check-k8s: OK (renders with kubectl $kubectl_version; schemas, references, the generated PrometheusRule and the environments all valid)"
