#!/usr/bin/env python3
"""Check rendered Kubernetes manifests (`kubectl kustomize` output) without a cluster:

    scripts/check-k8s-manifests.py RENDERED.yaml... --kubernetes-version 1.33 [--alerts FILE]
    scripts/check-k8s-manifests.py --compare A.yaml B.yaml

1. Schemas: every object validates against the JSON schemas of the named Kubernetes version
   that PyPI's kubernetes-validate bundles, strictly (an unknown field is an error, as
   `kubectl apply` would say). Custom resources have no bundled schema, and CI has no network
   to fetch their CRDs: ServiceMonitor, PrometheusRule (monitoring.coreos.com/v1) and
   ScaledObject (keda.sh/v1alpha1) get the structural checks of 3 instead. Any other kind
   without a schema is an error, not a skip.
2. References inside the render: workload selectors match their pod templates; Services,
   PodDisruptionBudgets and NetworkPolicies select pods; named ports (Service targetPort,
   probes, ServiceMonitor endpoints) exist; a NetworkPolicy that restricts ingress lets in the
   ports its pods' Services send to; autoscalers target a workload of the render;
   serviceAccountName exists; volumeMounts name volumes.
3. Custom resources and the service's own rules:
   - ServiceMonitor: selects a Service and its named port; `jobLabel` gives job="orders"
     (--job), which deploy/prometheus/alerts.yml and the dashboard select;
   - PrometheusRule: groups of rules with `alert` or `record` and `expr`; with --alerts,
     its groups are exactly those of that file (one source for the rules);
   - ScaledObject: targets a Deployment of the render, string-valued trigger metadata, and a
     `temporal` trigger's endpoint, namespace and taskQueue equal the target container's
     TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE and ORDERS_TASK_QUEUE;
   - each `orders serve`/`worker` pod's terminationGracePeriodSeconds exceeds its preStop
     pause plus ORDERS_SHUTDOWN_GRACE.
Secrets referenced but not rendered are listed: the operator creates them.

--compare: both renders hold the same objects with the same contents once the generators'
hash suffixes (they differ between kustomize versions) are set aside and Secret data is
decoded: how kustomize v2.0.3 (Debian's kubectl 1.20) and v5 are compared.

Exit status: 0 when all is well, 1 with one line per problem, 2 when an input cannot be read.
Needs PyYAML and kubernetes-validate (scripts/check-k8s.sh installs them into .venv).
"""
from __future__ import annotations

import argparse
import base64
import importlib.util
import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("check_env", HERE / "check-env.py")
check_env = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_env)

CUSTOM = {
    ("monitoring.coreos.com/v1", "ServiceMonitor"),
    ("monitoring.coreos.com/v1", "PrometheusRule"),
    ("keda.sh/v1alpha1", "ScaledObject"),
}
WORKLOADS = ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod")
DEFAULT_SHUTDOWN_GRACE = 10.0  # seconds, ORDERS_SHUTDOWN_GRACE's default
DEFAULT_TERMINATION_GRACE = 30  # Kubernetes' default terminationGracePeriodSeconds
GENERATED = re.compile(r"^(.+)-[a-z0-9]{10}$")


class Input(Exception):
    pass


# --- helpers -------------------------------------------------------------------------------

def key(o: dict) -> tuple[str, str, str]:
    m = o.get("metadata") or {}
    return o.get("kind", ""), m.get("namespace") or "", m.get("name", "")


def label(o: dict) -> str:
    kind, _, name = key(o)
    return f"{kind}/{name}"


def pod_template(o: dict) -> tuple[dict, dict] | None:
    """(labels, pod spec) of a workload."""
    kind, spec = o.get("kind"), o.get("spec") or {}
    if kind == "Pod":
        return (o.get("metadata") or {}).get("labels") or {}, spec
    if kind == "CronJob":
        spec = (spec.get("jobTemplate") or {}).get("spec") or {}
    if kind in WORKLOADS:
        t = spec.get("template") or {}
        return (t.get("metadata") or {}).get("labels") or {}, t.get("spec") or {}
    return None


def matches(selector: dict | None, labels: dict) -> bool:
    """A LabelSelector (matchLabels / matchExpressions) against labels; {} selects all."""
    selector = selector or {}
    if any(labels.get(k) != v for k, v in (selector.get("matchLabels") or {}).items()):
        return False
    for e in selector.get("matchExpressions") or []:
        k, op, values = e.get("key"), e.get("operator"), e.get("values") or []
        ok = {"In": labels.get(k) in values, "NotIn": labels.get(k) not in values,
              "Exists": k in labels, "DoesNotExist": k not in labels}.get(op, False)
        if not ok:
            return False
    return True


def duration_seconds(text: str) -> float:
    """`20s`, `1m30s`, `500ms`, `2h` (humantime, as the binary parses them)."""
    total, rest = 0.0, text.strip()
    units = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}
    for number, unit in re.findall(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)", rest):
        total += float(number) * units[unit]
    if not re.fullmatch(r"(\s*\d+(?:\.\d+)?\s*(ms|s|m|h|d))+\s*", rest):
        raise ValueError(f"not a duration: {text!r}")
    return total


def containers(spec: dict) -> list[dict]:
    return list(spec.get("initContainers") or []) + list(spec.get("containers") or [])


def port_names(spec: dict) -> dict[str, int]:
    return {p["name"]: p.get("containerPort") for c in containers(spec)
            for p in c.get("ports") or [] if p.get("name")}


# --- 1. schemas ----------------------------------------------------------------------------

def validate_schemas(objects: list[dict], version: str) -> tuple[list[str], int, list[str]]:
    try:
        from kubernetes_validate import utils as kv
    except ImportError:
        raise Input("kubernetes-validate is missing: run scripts/check-k8s.sh "
                    "(it installs the pinned version into .venv)") from None
    problems, custom, valid = [], [], 0
    for o in objects:
        if (o.get("apiVersion"), o.get("kind")) in CUSTOM:
            custom.append(label(o))
            continue
        try:
            kv.validate(o, version, strict=True)
            valid += 1
        except kv.ValidationError as e:
            path = ".".join(str(p) for p in e.path)
            problems.append(f"{label(o)}: does not validate against Kubernetes {e.version}: {path}: {e.message}")
        except kv.SchemaNotFoundError as e:
            problems.append(f"{label(o)}: {e.message} (not a custom resource this check knows)")
        except kv.VersionNotSupportedError:
            raise Input(f"kubernetes-validate has no schemas for Kubernetes {version} "
                        f"(it has {', '.join(kv.all_versions())})") from None
    return problems, valid, custom


# --- 2. and 3. references, custom resources, the service's rules ----------------------------

def check_references(objects: list[dict], job: str, alerts: Path | None) -> tuple[list[str], list[str]]:
    problems: list[str] = []
    index = {key(o): o for o in objects}
    pods = [(o, *pod_template(o)) for o in objects if pod_template(o)]

    def pods_in(ns: str, selector: dict | None) -> list[tuple[dict, dict, dict]]:
        return [(o, labels, spec) for o, labels, spec in pods
                if (o.get("metadata") or {}).get("namespace", "") == ns and matches(selector, labels)]

    def ns_of(o: dict) -> str:
        return (o.get("metadata") or {}).get("namespace") or ""

    # Workloads: selector, service account, named probe ports, mounts.
    for o, labels, spec in pods:
        sel = (o.get("spec") or {}).get("selector")
        if o.get("kind") in ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet") and not matches(sel, labels):
            problems.append(f"{label(o)}: spec.selector does not match its pod template's labels")
        sa = spec.get("serviceAccountName")
        if sa and sa != "default" and ("ServiceAccount", ns_of(o), sa) not in index:
            problems.append(f"{label(o)}: serviceAccountName {sa}: no such ServiceAccount in the render")
        names = port_names(spec)
        for c in containers(spec):
            for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                p = c.get(probe) or {}
                port = (p.get("httpGet") or p.get("tcpSocket") or p.get("grpc") or {}).get("port")
                if isinstance(port, str) and port not in names:
                    problems.append(f"{label(o)}: container {c.get('name')}: {probe} port {port}: no such named port")

    # Services: select pods, named target ports exist.
    services = [o for o in objects if o.get("kind") == "Service"]
    for s in services:
        spec = s.get("spec") or {}
        if spec.get("type") == "ExternalName" or not spec.get("selector"):
            continue
        selected = pods_in(ns_of(s), {"matchLabels": spec["selector"]})
        if not selected:
            problems.append(f"{label(s)}: its selector matches no pod template in the render")
        for p in spec.get("ports") or []:
            tp = p.get("targetPort")
            for o, _, pspec in selected:
                if isinstance(tp, str) and tp not in port_names(pspec):
                    problems.append(f"{label(s)}: port {p.get('name')}: targetPort {tp} is no named port of {label(o)}")

    # PodDisruptionBudgets and NetworkPolicies select pods; ingress lets in what Services send.
    for o in objects:
        spec = o.get("spec") or {}
        if o.get("kind") == "PodDisruptionBudget" and not pods_in(ns_of(o), spec.get("selector")):
            problems.append(f"{label(o)}: its selector matches no pod template in the render")
        if o.get("kind") != "NetworkPolicy":
            continue
        selected = pods_in(ns_of(o), spec.get("podSelector"))
        if not selected:
            problems.append(f"{label(o)}: its podSelector matches no pod template in the render")
        if "Ingress" not in (spec.get("policyTypes") or ["Ingress"]):
            continue
        rules = spec.get("ingress") or []
        allowed_all = any(not r.get("ports") for r in rules)
        allowed = {(p.get("port"), p.get("protocol", "TCP")) for r in rules for p in r.get("ports") or []}
        for s in services:
            sspec = s.get("spec") or {}
            if ns_of(s) != ns_of(o) or not sspec.get("selector"):
                continue
            for w, labels, pspec in selected:
                if not matches({"matchLabels": sspec["selector"]}, labels):
                    continue
                for p in sspec.get("ports") or []:
                    tp = p.get("targetPort", p.get("port"))
                    number = port_names(pspec).get(tp) if isinstance(tp, str) else tp
                    proto = p.get("protocol", "TCP")
                    if not allowed_all and (number, proto) not in allowed and (tp, proto) not in allowed:
                        problems.append(f"{label(o)}: does not let in port {tp} ({number}/{proto}), where "
                                        f"{label(s)} sends to {label(w)}")

    # Autoscalers target a workload of the render; one autoscaler per workload.
    scaled: dict[tuple, str] = {}
    for o in objects:
        spec = o.get("spec") or {}
        if o.get("kind") == "HorizontalPodAutoscaler":
            ref = spec.get("scaleTargetRef") or {}
        elif o.get("kind") == "ScaledObject":
            ref = {"kind": "Deployment", **(spec.get("scaleTargetRef") or {})}
        else:
            continue
        target = (ref.get("kind"), ns_of(o), ref.get("name"))
        if target not in index:
            problems.append(f"{label(o)}: scaleTargetRef {ref.get('kind')}/{ref.get('name')}: not in the render")
        if target in scaled:
            problems.append(f"{label(o)}: {ref.get('kind')}/{ref.get('name')} is also scaled by {scaled[target]}")
        scaled[target] = label(o)

    # The orders containers' environments, ConfigMaps resolved (scripts/check-env.py).
    targets, _, _ = check_env.k8s_targets(objects)
    env_of = {t.name: t for t in targets}

    # Custom resources.
    for o in objects:
        kind, spec = o.get("kind"), o.get("spec") or {}
        if kind == "ServiceMonitor":
            problems += check_service_monitor(o, services, job)
        elif kind == "PrometheusRule":
            problems += check_prometheus_rule(o, alerts)
        elif kind == "ScaledObject":
            problems += check_scaled_object(o, env_of)

    # Shutdown: the grace period covers the preStop pause and ORDERS_SHUTDOWN_GRACE.
    for o, _, spec in pods:
        for c in containers(spec):
            t = env_of.get(f"{o.get('kind')}/{(o.get('metadata') or {}).get('name')} container {c.get('name')}")
            if t is None or t.command not in ("serve", "worker", "all"):
                continue
            grace = DEFAULT_SHUTDOWN_GRACE
            if t.env.get("ORDERS_SHUTDOWN_GRACE"):
                try:
                    grace = duration_seconds(t.env["ORDERS_SHUTDOWN_GRACE"])
                except ValueError as e:
                    problems.append(f"{label(o)}: ORDERS_SHUTDOWN_GRACE: {e}")
            pause = 0.0
            cmd = ((((c.get("lifecycle") or {}).get("preStop") or {}).get("exec") or {}).get("command")) or []
            if cmd and Path(str(cmd[0])).name == "sleep" and len(cmd) > 1:
                pause = float(str(cmd[1]).rstrip("s"))
            period = spec.get("terminationGracePeriodSeconds", DEFAULT_TERMINATION_GRACE)
            if period <= pause + grace:
                problems.append(f"{label(o)}: terminationGracePeriodSeconds {period} does not exceed the "
                                f"preStop pause ({pause:g}s) plus ORDERS_SHUTDOWN_GRACE ({grace:g}s)")

    # Secrets the render references but does not define: the operator creates them.
    external: dict[str, bool] = {}  # name -> every reference is optional
    for o, _, spec in pods:
        ns = ns_of(o)
        refs = [v["secret"] for v in spec.get("volumes") or [] if v.get("secret")]
        refs = [{"name": r.get("secretName"), "optional": r.get("optional")} for r in refs]
        for c in containers(spec):
            refs += [(e.get("valueFrom") or {}).get("secretKeyRef") or {} for e in c.get("env") or []]
            refs += [e.get("secretRef") or {} for e in c.get("envFrom") or []]
        for r in refs:
            if r.get("name") and ("Secret", ns, r["name"]) not in index:
                name = f"{ns + '/' if ns else ''}{r['name']}"
                external[name] = external.get(name, True) and bool(r.get("optional"))
    return problems, [f"{n} (optional)" if opt else n for n, opt in sorted(external.items())]


def check_service_monitor(o: dict, services: list[dict], job: str) -> list[str]:
    spec, where = o.get("spec") or {}, label(o)
    problems = []
    if not isinstance(spec.get("selector"), dict):
        return [f"{where}: spec.selector must be a label selector"]
    endpoints = spec.get("endpoints")
    if not isinstance(endpoints, list) or not endpoints:
        return [f"{where}: spec.endpoints must be a non-empty list"]
    ns = (o.get("metadata") or {}).get("namespace") or ""
    selected = [s for s in services if ((s.get("metadata") or {}).get("namespace") or "") == ns
                and matches(spec["selector"], (s.get("metadata") or {}).get("labels") or {})]
    if not selected:
        problems.append(f"{where}: its selector matches no Service in the render")
    for e in endpoints:
        if not isinstance(e, dict) or not (e.get("port") or e.get("targetPort")):
            problems.append(f"{where}: every endpoint needs `port` (a Service port name) or `targetPort`")
            continue
        for s in selected:
            if e.get("port") and e["port"] not in {p.get("name") for p in (s.get("spec") or {}).get("ports") or []}:
                problems.append(f"{where}: endpoint port {e['port']}: no such port name on {label(s)}")
        if e.get("interval") and not re.fullmatch(r"(\d+(ms|s|m|h))+", str(e["interval"])):
            problems.append(f"{where}: endpoint interval {e['interval']!r} is not a Prometheus duration")
    job_label = spec.get("jobLabel")
    for s in selected:
        value = ((s.get("metadata") or {}).get("labels") or {}).get(job_label) if job_label else None
        got = value or (s.get("metadata") or {}).get("name")
        if got != job:
            problems.append(f"{where}: scrapes {label(s)} as job=\"{got}\"; the alert rules and the dashboard "
                            f"select job=\"{job}\" (set jobLabel to a label whose value is {job})")
    return problems


def check_prometheus_rule(o: dict, alerts: Path | None) -> list[str]:
    spec, where = o.get("spec") or {}, label(o)
    groups = spec.get("groups")
    if not isinstance(groups, list) or not groups:
        return [f"{where}: spec.groups must be a non-empty list"]
    problems = []
    for g in groups:
        if not isinstance(g, dict) or not g.get("name") or not isinstance(g.get("rules"), list):
            problems.append(f"{where}: every group needs a name and a list of rules")
            continue
        for r in g["rules"]:
            if not isinstance(r, dict) or ("alert" in r) == ("record" in r) or not isinstance(r.get("expr"), (str, int)):
                problems.append(f"{where}: group {g['name']}: every rule needs `expr` and one of `alert` / `record`")
                continue
            for field in ("labels", "annotations"):
                v = r.get(field, {})
                if not isinstance(v, dict) or not all(isinstance(x, str) for x in v.values()):
                    problems.append(f"{where}: {r.get('alert') or r.get('record')}: {field} must map to strings")
    if alerts is not None:
        yaml, _ = check_env._yaml_loader()
        try:
            source = yaml.safe_load(alerts.read_text())
        except (OSError, yaml.YAMLError) as e:
            raise Input(f"{alerts}: {e}") from e
        if groups != (source or {}).get("groups"):
            problems.append(f"{where}: its groups differ from {alerts}'s: regenerate with "
                            f"scripts/render-prometheus-rule.py")
    return problems


def check_scaled_object(o: dict, env_of: dict[str, Any]) -> list[str]:
    spec, where = o.get("spec") or {}, label(o)
    problems = []
    ref = spec.get("scaleTargetRef") or {}
    if not ref.get("name"):
        return [f"{where}: spec.scaleTargetRef.name is required"]
    lo, hi = spec.get("minReplicaCount", 0), spec.get("maxReplicaCount", 100)
    if not (isinstance(lo, int) and isinstance(hi, int) and 0 <= lo <= hi):
        problems.append(f"{where}: minReplicaCount {lo} / maxReplicaCount {hi}: integers with min <= max")
    triggers = spec.get("triggers")
    if not isinstance(triggers, list) or not triggers:
        return problems + [f"{where}: spec.triggers must be a non-empty list"]
    kind = ref.get("kind", "Deployment")
    targets = [t for name, t in env_of.items() if name.startswith(f"{kind}/{ref['name']} container ")]
    for t in triggers:
        meta = t.get("metadata") if isinstance(t, dict) else None
        if not isinstance(t, dict) or not t.get("type") or not isinstance(meta, dict):
            problems.append(f"{where}: every trigger needs a type and metadata")
            continue
        bad = [k for k, v in meta.items() if not isinstance(v, str)]
        if bad:
            problems.append(f"{where}: trigger {t['type']}: metadata values must be strings (quote {', '.join(bad)})")
        if t["type"] != "temporal":
            continue
        if not meta.get("taskQueue") or not (meta.get("endpoint") or meta.get("endpointFromEnv")):
            problems.append(f"{where}: temporal trigger: `taskQueue` and `endpoint` (or `endpointFromEnv`) are required")
            continue
        if not targets:
            problems.append(f"{where}: {kind}/{ref['name']} runs no `orders` container to compare the trigger with")
        wanted = {"endpoint": "TEMPORAL_ADDRESS", "namespace": "TEMPORAL_NAMESPACE", "taskQueue": "ORDERS_TASK_QUEUE"}
        for target in targets:
            for field, var in wanted.items():
                if field == "endpoint" and meta.get("endpointFromEnv"):
                    if meta["endpointFromEnv"] not in target.env:
                        problems.append(f"{where}: endpointFromEnv {meta['endpointFromEnv']}: not set in {target.name}")
                    continue
                have = target.env.get(var)
                if have is None:
                    problems.append(f"{where}: temporal trigger {field}: {target.name} does not set {var} "
                                    f"explicitly, so they cannot be compared")
                elif meta.get(field, "default" if field == "namespace" else None) != have:
                    problems.append(f"{where}: temporal trigger {field} {meta.get(field)!r} is not the "
                                    f"workers' {var} {have!r}")
    return problems


# --- compare -----------------------------------------------------------------------------

def normalized(objects: list[dict]) -> dict[tuple, Any]:
    """Objects by (kind, namespace, name), generated names without their hash suffix, Secret
    data decoded, empty annotations dropped."""
    generated = {}
    for o in objects:
        name = (o.get("metadata") or {}).get("name", "")
        m = GENERATED.match(name)
        if o.get("kind") in ("ConfigMap", "Secret") and m:
            generated[name] = m.group(1) + "-<hash>"

    def walk(v: Any) -> Any:
        if isinstance(v, dict):
            return {k: walk(x) for k, x in v.items()}
        if isinstance(v, list):
            return [walk(x) for x in v]
        return generated.get(v, v) if isinstance(v, str) else v

    out = {}
    for o in objects:
        o = walk(o)
        meta = o.setdefault("metadata", {})
        if not meta.get("annotations"):
            meta.pop("annotations", None)
        if o.get("kind") == "Secret" and isinstance(o.get("data"), dict):
            o["data"] = {k: base64.b64decode("".join(str(v).split())).decode(errors="replace")
                         for k, v in o["data"].items()}
        out[key(o)] = o
    return out


def first_difference(a: Any, b: Any, path: str = "") -> str:
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b), key=str):
            if a.get(k) != b.get(k):
                return first_difference(a.get(k), b.get(k), f"{path}.{k}")
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return first_difference(x, y, f"{path}[{i}]")
    return f"{path or '.'}: {json.dumps(a)[:120]} != {json.dumps(b)[:120]}"


def compare(a_path: str, b_path: str) -> int:
    a = normalized(check_env.load_yaml_documents(a_path))
    b = normalized(check_env.load_yaml_documents(b_path))
    problems = [f"only in {a_path}: {k[0]}/{k[2]}" for k in a if k not in b]
    problems += [f"only in {b_path}: {k[0]}/{k[2]}" for k in b if k not in a]
    problems += [f"{k[0]}/{k[2]}: {first_difference(a[k], b[k])}" for k in a if k in b and a[k] != b[k]]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    print(f"OK the same {len(a)} objects in both renders (generated names' hash suffixes aside)")
    return 0


# --- main ----------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rendered", nargs="*", help="kubectl kustomize output (- for stdin)")
    ap.add_argument("--kubernetes-version", "-k", help="validate against this version's schemas, e.g. 1.33")
    ap.add_argument("--alerts", type=Path, help="the PrometheusRule's groups must be this file's")
    ap.add_argument("--job", default="orders", help="the Prometheus job the alert rules select (default: orders)")
    ap.add_argument("--compare", nargs=2, metavar=("A", "B"), help="compare two renders instead")
    args = ap.parse_args(argv)
    try:
        if args.compare:
            return compare(*args.compare)
        if not args.rendered or not args.kubernetes_version:
            ap.error("RENDERED files and --kubernetes-version are required (or --compare A B)")
        failed = False
        for path in args.rendered:
            objects = [o for o in check_env.load_yaml_documents(path) if isinstance(o, dict)]
            if not objects:
                raise Input(f"{path}: no objects")
            problems, valid, custom = validate_schemas(objects, args.kubernetes_version)
            more, external = check_references(objects, args.job, args.alerts)
            problems += more
            if problems:
                failed = True
                print("\n".join(f"{path}: {p}" for p in problems), file=sys.stderr)
                continue
            print(f"OK {path}: {valid} objects valid against Kubernetes {args.kubernetes_version} (strict); "
                  f"custom resources checked for structure (no schema offline): {', '.join(custom) or 'none'}; "
                  f"references, probes, ports, autoscaler targets and shutdown grace consistent")
            if external:
                print(f"   {path}: Secrets to create before deploying (referenced, not rendered): {', '.join(external)}")
        return 1 if failed else 0
    except (Input, check_env.InputError) as e:
        print(f"check-k8s-manifests: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
