"""Unit tests of scripts/check-k8s-manifests.py:  .venv/bin/python -m unittest scripts/test_check_k8s_manifests.py
(the schema test needs kubernetes-validate, which scripts/check-k8s.sh installs into .venv)."""
import copy
import importlib.util
import tempfile
import unittest
from pathlib import Path

_spec = importlib.util.spec_from_file_location("check_k8s", Path(__file__).with_name("check-k8s-manifests.py"))
check_k8s = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_k8s)

LABELS = {"app.kubernetes.io/name": "orders", "app.kubernetes.io/component": "worker"}


def manifests():
    """A consistent worker: Deployment, ConfigMap, ServiceAccount, headless Service,
    NetworkPolicy, ServiceMonitor and ScaledObject."""
    return copy.deepcopy([
        {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "orders", "namespace": "ns"}},
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "runtime-5c7bt9hk2m", "namespace": "ns"},
         "data": {"TEMPORAL_ADDRESS": "temporal:7233", "TEMPORAL_NAMESPACE": "orders",
                  "ORDERS_TASK_QUEUE": "order-processing", "ORDERS_SHUTDOWN_GRACE": "20s"}},
        {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "orders-worker", "namespace": "ns"},
         "spec": {"selector": {"matchLabels": LABELS},
                  "template": {"metadata": {"labels": LABELS}, "spec": {
                      "serviceAccountName": "orders",
                      "terminationGracePeriodSeconds": 45,
                      "containers": [{
                          "name": "orders", "image": "orders:latest", "args": ["worker"],
                          "ports": [{"name": "metrics", "containerPort": 9464}],
                          "envFrom": [{"configMapRef": {"name": "runtime-5c7bt9hk2m"}}],
                          "readinessProbe": {"tcpSocket": {"port": "metrics"}}}]}}}},
        {"apiVersion": "v1", "kind": "Service",
         "metadata": {"name": "orders-worker", "namespace": "ns", "labels": LABELS},
         "spec": {"clusterIP": "None", "selector": LABELS,
                  "ports": [{"name": "metrics", "port": 9464, "targetPort": "metrics"}]}},
        {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "w", "namespace": "ns"},
         "spec": {"podSelector": {"matchLabels": LABELS}, "policyTypes": ["Ingress"],
                  "ingress": [{"ports": [{"port": 9464, "protocol": "TCP"}]}]}},
        {"apiVersion": "monitoring.coreos.com/v1", "kind": "ServiceMonitor", "metadata": {"name": "w", "namespace": "ns"},
         "spec": {"jobLabel": "app.kubernetes.io/name", "selector": {"matchLabels": LABELS},
                  "endpoints": [{"port": "metrics", "interval": "15s"}]}},
        {"apiVersion": "keda.sh/v1alpha1", "kind": "ScaledObject", "metadata": {"name": "w", "namespace": "ns"},
         "spec": {"scaleTargetRef": {"name": "orders-worker"}, "minReplicaCount": 3, "maxReplicaCount": 12,
                  "triggers": [{"type": "temporal", "metadata": {
                      "endpoint": "temporal:7233", "namespace": "orders", "taskQueue": "order-processing",
                      "targetQueueSize": "20"}}]}},
    ])


def problems_of(objects, alerts=None):
    problems, _ = check_k8s.check_references(objects, "orders", alerts)
    return problems


def find(objects, kind):
    return next(o for o in objects if o["kind"] == kind)


class ReferencesTest(unittest.TestCase):
    def test_consistent_manifests_pass(self):
        self.assertEqual(problems_of(manifests()), [])

    def test_service_selecting_nothing_and_unknown_target_port(self):
        objects = manifests()
        svc = find(objects, "Service")
        svc["spec"]["ports"][0]["targetPort"] = "metric"
        problems = problems_of(objects)
        self.assertIn("Service/orders-worker: port metrics: targetPort metric is no named port of "
                      "Deployment/orders-worker", problems)
        svc["spec"]["selector"] = {"app.kubernetes.io/component": "api"}
        self.assertIn("Service/orders-worker: its selector matches no pod template in the render", problems_of(objects))

    def test_network_policy_must_let_in_what_the_service_sends(self):
        objects = manifests()
        find(objects, "NetworkPolicy")["spec"]["ingress"] = [{"ports": [{"port": 8080}]}]
        self.assertEqual(problems_of(objects), [
            "NetworkPolicy/w: does not let in port metrics (9464/TCP), where Service/orders-worker sends to "
            "Deployment/orders-worker"])

    def test_scaled_object_follows_the_workers_settings(self):
        objects = manifests()
        meta = find(objects, "ScaledObject")["spec"]["triggers"][0]["metadata"]
        meta["taskQueue"], meta["targetQueueSize"] = "orders", 20
        self.assertEqual(problems_of(objects), [
            "ScaledObject/w: trigger temporal: metadata values must be strings (quote targetQueueSize)",
            "ScaledObject/w: temporal trigger taskQueue 'orders' is not the workers' ORDERS_TASK_QUEUE "
            "'order-processing'"])
        find(objects, "ScaledObject")["spec"]["scaleTargetRef"]["name"] = "gone"
        self.assertIn("ScaledObject/w: scaleTargetRef Deployment/gone: not in the render", problems_of(objects))

    def test_service_monitor_job_is_what_the_alerts_select(self):
        objects = manifests()
        del find(objects, "ServiceMonitor")["spec"]["jobLabel"]
        self.assertEqual(problems_of(objects), [
            'ServiceMonitor/w: scrapes Service/orders-worker as job="orders-worker"; the alert rules and the '
            'dashboard select job="orders" (set jobLabel to a label whose value is orders)'])

    def test_grace_period_covers_the_shutdown_grace(self):
        objects = manifests()
        pod = find(objects, "Deployment")["spec"]["template"]["spec"]
        pod["terminationGracePeriodSeconds"] = 20
        self.assertEqual(problems_of(objects), [
            "Deployment/orders-worker: terminationGracePeriodSeconds 20 does not exceed the preStop pause (0s) "
            "plus ORDERS_SHUTDOWN_GRACE (20s)"])
        del pod["terminationGracePeriodSeconds"]  # Kubernetes' 30 s
        pod["containers"][0]["lifecycle"] = {"preStop": {"exec": {"command": ["sleep", "15"]}}}
        self.assertIn("preStop pause (15s)", problems_of(objects)[0])

    def test_named_probe_port_and_service_account_must_exist(self):
        objects = manifests()
        pod = find(objects, "Deployment")["spec"]["template"]["spec"]
        pod["containers"][0]["readinessProbe"] = {"httpGet": {"port": "http", "path": "/readyz"}}
        pod["serviceAccountName"] = "nobody"
        self.assertEqual(problems_of(objects), [
            "Deployment/orders-worker: serviceAccountName nobody: no such ServiceAccount in the render",
            "Deployment/orders-worker: container orders: readinessProbe port http: no such named port"])

    def test_prometheus_rule_is_the_alerts_file(self):
        rule = {"alert": "Down", "expr": "up == 0", "labels": {"severity": "critical"}}
        objects = manifests() + [{"apiVersion": "monitoring.coreos.com/v1", "kind": "PrometheusRule",
                                  "metadata": {"name": "orders", "namespace": "ns"},
                                  "spec": {"groups": [{"name": "orders", "rules": [rule]}]}}]
        with tempfile.TemporaryDirectory() as d:
            alerts = Path(d, "alerts.yml")
            alerts.write_text("groups:\n  - name: orders\n    rules:\n      - alert: Down\n        expr: up == 0\n"
                              "        labels:\n          severity: critical\n")
            self.assertEqual(problems_of(objects, alerts), [])
            rule["expr"] = "up < 1"
            self.assertEqual(len(problems_of(objects, alerts)), 1)
            del rule["expr"]
            self.assertIn("every rule needs `expr`", problems_of(objects, alerts)[0])

    def test_durations(self):
        self.assertEqual(check_k8s.duration_seconds("20s"), 20)
        self.assertEqual(check_k8s.duration_seconds("1m30s"), 90)
        self.assertEqual(check_k8s.duration_seconds("500ms"), 0.5)
        with self.assertRaises(ValueError):
            check_k8s.duration_seconds("20")


class CompareTest(unittest.TestCase):
    def test_hash_suffixes_and_secret_encoding_do_not_count(self):
        a = manifests() + [{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db-9268kgk8h5"},
                            "data": {"URL": "cG9zdGdyZXM6Ly94"}}]
        b = copy.deepcopy(a)
        b[1]["metadata"]["name"] = "runtime-g7h4h884gg"
        b[2]["spec"]["template"]["spec"]["containers"][0]["envFrom"][0]["configMapRef"]["name"] = "runtime-g7h4h884gg"
        b[-1]["metadata"]["name"], b[-1]["data"]["URL"] = "db-k7m9k5t487", "cG9zdGdy\nZXM6Ly94"
        b[1]["metadata"]["annotations"] = {}
        self.assertEqual(check_k8s.normalized(a), check_k8s.normalized(b))
        b[1]["data"]["ORDERS_TASK_QUEUE"] = "other"
        self.assertNotEqual(check_k8s.normalized(a), check_k8s.normalized(b))


class SchemaTest(unittest.TestCase):
    def test_strict_schema_and_custom_resources(self):
        try:
            import kubernetes_validate  # noqa: F401
        except ImportError:
            self.skipTest("kubernetes-validate is not installed (scripts/check-k8s.sh installs it)")
        objects = manifests()
        problems, valid, custom = check_k8s.validate_schemas(objects, "1.33")
        self.assertEqual((problems, valid), ([], 5))
        self.assertEqual(custom, ["ServiceMonitor/w", "ScaledObject/w"])
        find(objects, "Deployment")["spec"]["template"]["spec"]["containers"][0]["readOnlyRootFileSystem"] = True
        objects.append({"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "x"}})
        problems, _, _ = check_k8s.validate_schemas(objects, "1.33")
        self.assertEqual(len(problems), 2, problems)
        self.assertIn("'readOnlyRootFileSystem' was unexpected", problems[0])
        self.assertIn("Widget", problems[1])


if __name__ == "__main__":
    unittest.main()
