#!/usr/bin/env python3
"""The Grafana dashboard must be valid JSON, and its PromQL may only use the metrics the service
exposes. Also writes every query, Grafana variables substituted, as a recording rule file for
promtool's syntax check. Run by scripts/check-deploy.sh.

The service's own metric names and types come from the binary (`orders metrics --list`, the
families its registry holds), so this check keeps no copy of them; the Temporal SDK's series,
which its exporter adds at run time, are listed below.

Usage: check-dashboard.py DASHBOARD_JSON RULES_OUT [ORDERS_BINARY]
ORDERS_BINARY defaults to target/debug/orders (what `make test` builds)."""
import json
import re
import subprocess
import sys

path, rules_out = sys.argv[1], sys.argv[2]
binary = sys.argv[3] if len(sys.argv) > 3 else "target/debug/orders"
try:
    families = json.loads(subprocess.run([binary, "metrics", "--list"], check=True, capture_output=True).stdout)
except (OSError, subprocess.CalledProcessError) as e:
    sys.exit(f"{path}: cannot list the service's metrics with `{binary} metrics --list` (build it first): {e}")

# The Temporal SDK's own series (its exporter, appended to a worker's /metrics).
GAUGES = {"temporal_worker_task_slots_available"}
COUNTERS = set()
HISTOGRAMS = {"temporal_activity_execution_latency"}
for family in families:
    {"gauge": GAUGES, "counter": COUNTERS, "histogram": HISTOGRAMS}.get(family["type"], GAUGES).add(family["name"])
# Temporal SDK counters: exported with or without a `_total` suffix depending on the SDK's
# exporter options; dashboards must select them with {__name__=~"<name>(_total)?"}.
TEMPORAL_COUNTERS = {
    "temporal_workflow_completed", "temporal_workflow_failed",
    "temporal_workflow_task_execution_failed", "temporal_activity_execution_failed",
    "temporal_request_failure",
}
# `up` is not exposed by the service: Prometheus records it for every scrape of job "orders".
ALLOWED = GAUGES | COUNTERS | {"up"}
ALLOWED |= {h + s for h in HISTOGRAMS for s in ("_bucket", "_sum", "_count")}
ALLOWED |= {c + s for c in TEMPORAL_COUNTERS for s in ("", "_total")}

FUNCTIONS = {
    "sum", "min", "max", "avg", "count", "topk", "bottomk", "quantile", "group", "stddev",
    "stdvar", "count_values", "rate", "irate", "increase", "delta", "idelta", "deriv",
    "histogram_quantile", "clamp_min", "clamp_max", "clamp", "abs", "round", "ceil", "floor",
    "label_replace", "label_join", "vector", "scalar", "time", "timestamp", "absent",
    "changes", "resets", "sort", "sort_desc", "min_over_time", "max_over_time",
    "avg_over_time", "sum_over_time", "count_over_time", "last_over_time", "label_values",
}
KEYWORDS = {"and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring",
            "group_left", "group_right", "inf", "nan"}
NAME_RE = re.compile(r'__name__\s*(=~|=|!=|!~)\s*"([^"]*)"')


def metric_names(expr):
    """Return (names referenced, problems) for one PromQL expression."""
    names, problems = set(), []
    # Grafana variables and built-ins: $var, ${var}, ${var:fmt}, [$__rate_interval]
    expr = re.sub(r"\$\{[^}]*\}|\$\w+", "", expr)
    # label_values(selector, label) in variable queries: the last argument is a label name
    expr = re.sub(r"\blabel_values\s*\((.*),\s*[a-zA-Z_]\w*\s*\)", r"label_values(\1)", expr)
    # Metric names selected by __name__ matchers inside {...}
    for op, value in NAME_RE.findall(expr):
        if op not in ("=", "=~"):
            problems.append(f"negative __name__ matcher {op}\"{value}\"")
            continue
        m = re.fullmatch(r"([a-zA-Z_:][a-zA-Z0-9_:]*)(\(_total\)\?)?", value)
        if not m:
            problems.append(f"__name__ matcher too broad to check: \"{value}\"")
            continue
        names.add(m.group(1))
        if m.group(2):
            names.add(m.group(1) + "_total")
    # Drop label matchers, grouping clauses, ranges, strings and numbers.
    expr = re.sub(r"\{[^}]*\}", " ", expr)
    expr = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", expr)
    expr = re.sub(r"\[[^\]]*\]", " ", expr)
    expr = re.sub(r'"[^"]*"' + r"|'[^']*'", " ", expr)
    expr = re.sub(r"\b\d+(\.\d+)?([eE][-+]?\d+)?\b", " ", expr)
    for m in re.finditer(r"[a-zA-Z_:][a-zA-Z0-9_:]*", expr):
        word = m.group(0)
        followed_by_paren = expr[m.end():].lstrip().startswith("(")
        if word.lower() in KEYWORDS:
            continue
        if followed_by_paren:
            if word not in FUNCTIONS:
                problems.append(f"unknown function {word}()")
            continue
        names.add(word)
    return names, problems


try:
    with open(path) as f:
        dash = json.load(f)
except (OSError, ValueError) as e:
    sys.exit(f"{path}: not valid JSON: {e}")

errors, queries, panels = [], [], 0


def walk_panels(items):
    global panels
    for p in items:
        panels += 1
        for t in p.get("targets", []):
            if t.get("expr"):
                queries.append((p.get("title", "?"), t["expr"]))
        walk_panels(p.get("panels", []))  # collapsed rows keep their panels inside


walk_panels(dash.get("panels", []))
for v in dash.get("templating", {}).get("list", []):
    if v.get("type") == "query":
        q = v.get("query")
        q = q.get("query", "") if isinstance(q, dict) else (q or "")
        queries.append((f"variable {v.get('name')}", q))

if not queries:
    errors.append("no PromQL queries found")
for where, expr in queries:
    names, problems = metric_names(expr)
    if not names:
        problems.append("references no metric")
    problems += [f"unknown metric {n}" for n in sorted(names - ALLOWED)]
    errors += [f"{where}: {p} in: {expr}" for p in problems]

if errors:
    print("\n".join(f"{path}: {e}" for e in errors), file=sys.stderr)
    sys.exit(1)

# For the PromQL syntax check: variables get example values, label_values() its selector.
with open(rules_out, "w") as f:
    f.write("groups:\n  - name: dashboard-queries\n    rules:\n")
    for i, (where, expr) in enumerate(queries):
        e = expr.replace("$__rate_interval", "5m").replace("$__interval", "1m")
        e = re.sub(r"\$\{[^}]*\}|\$\w+", ".*", e)
        e = re.sub(r"^\s*label_values\s*\((.*),\s*[a-zA-Z_]\w*\s*\)\s*$", r"\1", e)
        f.write(f"      - record: dashboard_query_{i}\n        expr: {json.dumps(e)}\n")
print(f"{path}: valid JSON, {panels} panels, {len(queries)} queries, all metric names known")
