"""Unit tests of scripts/check-env.py:  python3 -m unittest scripts/test_check_env.py"""
import importlib.util
import tempfile
import textwrap
import unittest
from pathlib import Path

_spec = importlib.util.spec_from_file_location("check_env", Path(__file__).with_name("check-env.py"))
check_env = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_env)

A, API, AW = ["all", "serve", "worker", "migrate"], ["all", "serve"], ["all", "serve", "worker"]
SCHEMA = check_env.parse_schema([
    {"name": "DATABASE_URL", "commands": A, "required": False, "one_of": None},
    {"name": "RUST_LOG", "commands": A, "required": False, "one_of": None},
    {"name": "ORDERS_HTTP_ADDR", "commands": API, "required": False, "one_of": None},
    {"name": "ORDERS_TASK_QUEUE", "commands": AW, "required": False, "one_of": None},
    {"name": "ORDERS_NEEDED", "commands": ["worker"], "required": True, "one_of": None},
    {"name": "ORDERS_AUTH", "commands": API, "required": False, "one_of": None},
    {"name": "ORDERS_JWT_SECRET", "commands": API, "required": False, "one_of": "jwt-keys"},
    {"name": "ORDERS_JWT_SECRET_FILE", "commands": API, "required": False, "one_of": "jwt-keys"},
    {"name": "ORDERS_JWKS_FILE", "commands": API, "required": False, "one_of": "jwt-keys"},
    {"name": "TEMPORAL_ADDRESS", "commands": AW, "required": False, "one_of": None},
    {"name": "OTEL_SERVICE_NAME", "commands": None, "required": False, "one_of": None},
])

DOCKERFILE = 'FROM rust AS build\nENV CARGO=x\nFROM debian\nENV ORDERS_HTTP_ADDR=0.0.0.0:8080\nENTRYPOINT ["orders"]\nCMD ["all"]\n'


def run_compose(yaml_text):
    """Problems and OK lines for a compose file (next to a Dockerfile) against SCHEMA."""
    with tempfile.TemporaryDirectory() as d:
        Path(d, "Dockerfile").write_text(DOCKERFILE)
        path = Path(d, "docker-compose.yml")
        path.write_text(textwrap.dedent(yaml_text))
        targets, image_envs, problems = check_env.compose_targets(path)
    found, ok = check_env.check(targets, SCHEMA, image_envs)
    return problems + found, ok, targets


def run_k8s(yaml_text, image="orders"):
    """Problems, OK lines and targets for rendered manifests (next to a Dockerfile) against SCHEMA."""
    with tempfile.TemporaryDirectory() as d:
        Path(d, "Dockerfile").write_text(DOCKERFILE)
        path = Path(d, "rendered.yaml")
        path.write_text(textwrap.dedent(yaml_text))
        docs = check_env.load_yaml_documents(str(path))
        targets, image_envs, problems = check_env.k8s_targets(docs, image, Path(d, "Dockerfile"))
    found, ok = check_env.check(targets, SCHEMA, image_envs)
    return problems + found, ok, targets


K8S_CONFIG = """
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: common-abc123, namespace: ns}
    data: {RUST_LOG: info, TEMPORAL_ADDRESS: "temporal:7233"}
    ---
    apiVersion: v1
    kind: Secret
    metadata: {name: db-xyz, namespace: ns}
    data: {DATABASE_URL: cG9zdGdyZXM6Ly9kYg==}
"""


def k8s_workload(kind, container, name="app", pod_extra=""):
    """A rendered workload in namespace ns with one container (YAML flow mapping text)."""
    template = f"template: {{spec: {{containers: [{container}]{pod_extra}}}}}"
    spec = f"{{jobTemplate: {{spec: {{{template}}}}}}}" if kind == "CronJob" else f"{{{template}}}"
    return f"""
    ---
    apiVersion: apps/v1
    kind: {kind}
    metadata: {{name: {name}, namespace: ns}}
    spec: {spec}
"""


class CheckEnvTest(unittest.TestCase):
    def test_missing_key_group_is_flagged(self):
        problems, ok, _ = run_compose("""
            services:
              api: {build: ., command: [serve], environment: {DATABASE_URL: x}}
        """)
        self.assertEqual(len(problems), 1, problems)
        self.assertIn("api:", problems[0])
        self.assertIn('"jwt-keys"', problems[0])
        self.assertIn("ORDERS_JWT_SECRET_FILE", problems[0])
        self.assertEqual(ok, [])

    def test_one_key_of_the_group_is_enough(self):
        problems, ok, _ = run_compose("""
            services:
              api:
                build: .
                command: serve
                environment: {ORDERS_JWT_SECRET_FILE: /run/secrets/k}
                secrets: [k]
            secrets:
              k: {file: ./k}
        """)
        self.assertEqual(problems, [])
        self.assertEqual(len(ok), 1)

    def test_empty_value_does_not_count(self):
        problems, _, _ = run_compose("""
            services:
              api: {build: ., command: [serve], environment: {ORDERS_JWT_SECRET: ""}}
        """)
        self.assertEqual(len(problems), 1, problems)

    def test_auth_off_needs_no_keys(self):
        # Unquoted `off` is the string "off" for Compose (YAML 1.2), not a boolean.
        for value in ('"off"', "off"):
            problems, ok, _ = run_compose(f"""
                services:
                  api: {{build: ., command: [serve], environment: {{ORDERS_AUTH: {value}}}}}
            """)
            self.assertEqual(problems, [], value)
            self.assertEqual(len(ok), 1)

    def test_unknown_variable_is_flagged(self):
        problems, _, _ = run_compose("""
            services:
              migrate: {build: ., command: [migrate, up], environment: {ORDERS_TYPO: "1", TEMPORAL_NOPE: x}}
        """)
        self.assertEqual(sorted(problems), [
            "migrate: ORDERS_TYPO: not read by the binary (unknown variable)",
            "migrate: TEMPORAL_NOPE: not read by the binary (unknown variable)",
        ])

    def test_variable_of_another_command_is_flagged_and_required_one_missing(self):
        problems, _, _ = run_compose("""
            services:
              worker: {build: ., command: [worker], environment: {ORDERS_HTTP_ADDR: "0.0.0.0:1"}}
        """)
        self.assertEqual(sorted(problems), [
            "worker: ORDERS_HTTP_ADDR: not read by `worker` (only by all, serve)",
            "worker: ORDERS_NEEDED: required by `worker` but not set",
        ])

    def test_list_form_environment(self):
        problems, ok, targets = run_compose("""
            services:
              worker:
                build: .
                command: ["worker"]
                environment:
                  - ORDERS_NEEDED=yes
                  - TEMPORAL_ADDRESS=temporal:7233
                  - RUST_LOG
        """)
        self.assertEqual(problems, [])
        self.assertEqual(targets[0].env,
                         {"ORDERS_NEEDED": "yes", "TEMPORAL_ADDRESS": "temporal:7233", "RUST_LOG": None})
        self.assertEqual(len(ok), 1)

    def test_anchors_and_merge_keys(self):
        problems, _, targets = run_compose("""
            x-common: &common
              DATABASE_URL: postgres://db/orders
              RUST_LOG: info
            x-temporal: &temporal
              <<: *common
              TEMPORAL_ADDRESS: temporal:7233
            services:
              migrate: {build: ., command: [migrate, up], environment: *common}
              worker:
                build: .
                command: [worker]
                environment:
                  <<: *temporal
                  ORDERS_NEEDED: "1"
              api:
                build: .
                command: [serve]
                environment:
                  <<: *temporal
                  ORDERS_HTTP_ADDR: 0.0.0.0:8080
        """)
        env = {t.name: t.env for t in targets}
        self.assertEqual(set(env["migrate"]), {"DATABASE_URL", "RUST_LOG"})
        self.assertEqual(set(env["worker"]), {"DATABASE_URL", "RUST_LOG", "TEMPORAL_ADDRESS", "ORDERS_NEEDED"})
        self.assertEqual(problems, [
            'api: ORDERS_JWKS_FILE / ORDERS_JWT_SECRET / ORDERS_JWT_SECRET_FILE: `serve` needs one of '
            'group "jwt-keys", or ORDERS_AUTH=off; none is set'])

    def test_default_command_image_env_and_library_variables(self):
        # No command: the Dockerfile's CMD (`all`). Its ENV is not flagged; OTEL_SERVICE_NAME
        # is listed without commands, so every command may have it. Other images are skipped.
        problems, ok, targets = run_compose("""
            services:
              db: {image: postgres, environment: {WHATEVER: "1"}}
              both: {build: {context: .}, environment: {ORDERS_AUTH: "off", OTEL_SERVICE_NAME: o}}
        """)
        self.assertEqual([(t.name, t.command) for t in targets], [("both", "all")])
        self.assertEqual(problems, [])

    def test_secret_must_be_mounted_and_healthcheck_must_run_orders(self):
        problems, _, _ = run_compose("""
            services:
              api:
                build: .
                command: [serve]
                environment: {ORDERS_JWT_SECRET_FILE: /run/secrets/jwt}
                healthcheck: {test: ["CMD", "curl", "-f", "http://127.0.0.1:8080/healthz"]}
        """)
        self.assertEqual(len(problems), 2, problems)
        self.assertIn("/run/secrets/jwt is not a secret this service mounts", problems[0])
        self.assertIn("healthcheck", problems[1])

    def test_bad_schema_is_refused(self):
        with self.assertRaises(check_env.InputError):
            check_env.parse_schema([{"name": "ORDERS_X", "commands": []}])
        with self.assertRaises(check_env.InputError):
            check_env.parse_schema([{"name": "ORDERS_X", "commands": ["serve"], "one_of": 3}])


class K8sTargetsTest(unittest.TestCase):
    def test_envfrom_configmap_and_secret_key_ref(self):
        problems, ok, targets = run_k8s(K8S_CONFIG + k8s_workload("Deployment", """{
            name: worker, image: "registry.example.com/team/orders:1.2@sha256:abc", args: [worker],
            envFrom: [{configMapRef: {name: common-abc123}}],
            env: [{name: DATABASE_URL, valueFrom: {secretKeyRef: {name: db-xyz, key: DATABASE_URL}}},
                  {name: ORDERS_NEEDED, value: "1"}]}"""))
        self.assertEqual(problems, [])
        self.assertEqual(len(ok), 1)
        self.assertEqual(targets[0].command, "worker")
        self.assertEqual(targets[0].env, {"RUST_LOG": "info", "TEMPORAL_ADDRESS": "temporal:7233",
                                          "DATABASE_URL": None, "ORDERS_NEEDED": "1"})

    def test_variable_of_another_command_is_flagged_and_required_one_missing(self):
        problems, _, _ = run_k8s(K8S_CONFIG + k8s_workload("Deployment", """{
            name: worker, image: orders, args: [worker],
            envFrom: [{configMapRef: {name: common-abc123}}],
            env: [{name: ORDERS_HTTP_ADDR, value: "0.0.0.0:8080"}]}"""))
        self.assertEqual(sorted(problems), [
            "Deployment/app container worker: ORDERS_HTTP_ADDR: not read by `worker` (only by all, serve)",
            "Deployment/app container worker: ORDERS_NEEDED: required by `worker` but not set",
        ])

    def test_configmap_entries_are_checked_like_env(self):
        # A ConfigMap shared with a command that does not read its variables is a problem.
        problems, _, _ = run_k8s(K8S_CONFIG + k8s_workload("Job", """{
            name: migrate, image: "orders:latest", args: [migrate, up],
            envFrom: [{configMapRef: {name: common-abc123}}]}"""))
        self.assertEqual(problems, [
            "Job/app container migrate: TEMPORAL_ADDRESS: not read by `migrate` (only by all, serve, worker)"])

    def test_missing_configmap_and_unknown_secret_ref_are_problems(self):
        problems, _, _ = run_k8s(K8S_CONFIG + k8s_workload("Deployment", """{
            name: m, image: orders, args: [migrate, up],
            envFrom: [{configMapRef: {name: gone}}, {configMapRef: {name: gone-too, optional: true}},
                      {secretRef: {name: made-elsewhere}}, {secretRef: {name: db-xyz}}],
            env: [{name: RUST_LOG, valueFrom: {configMapKeyRef: {name: common-abc123, key: NOPE}}}]}"""))
        self.assertEqual(len(problems), 3, problems)
        self.assertIn("envFrom configMapRef gone: no such ConfigMap", problems[0])
        self.assertIn("envFrom secretRef made-elsewhere: the Secret is not in the manifests", problems[1])
        self.assertIn("RUST_LOG: configMapKeyRef common-abc123/NOPE", problems[2])

    def test_secret_ref_in_the_manifests_is_resolved(self):
        problems, ok, targets = run_k8s(K8S_CONFIG + k8s_workload("Deployment", """{
            name: m, image: orders, args: [migrate, up], envFrom: [{secretRef: {name: db-xyz}}]}"""))
        self.assertEqual(problems, [])
        self.assertEqual(targets[0].env, {"DATABASE_URL": None})

    def test_secret_key_must_exist_when_the_secret_is_rendered(self):
        problems, _, _ = run_k8s(K8S_CONFIG + k8s_workload("Deployment", """{
            name: m, image: orders, args: [migrate, up],
            env: [{name: DATABASE_URL, valueFrom: {secretKeyRef: {name: db-xyz, key: url}}}]}"""))
        self.assertEqual(problems, ["Deployment/app container m: DATABASE_URL: Secret db-xyz has no key url"])

    def test_optional_secret_does_not_satisfy_a_key_group(self):
        container = """{{
            name: api, image: orders, args: [serve],
            env: [{{name: ORDERS_JWT_SECRET, valueFrom: {{secretKeyRef: {{name: jwt, key: k{optional}}}}}}}]}}"""
        problems, _, targets = run_k8s(k8s_workload("Deployment", container.format(optional=", optional: true")))
        self.assertEqual(targets[0].maybe, frozenset({"ORDERS_JWT_SECRET"}))
        self.assertEqual(len(problems), 1, problems)
        self.assertIn('"jwt-keys"', problems[0])
        problems, ok, _ = run_k8s(k8s_workload("Deployment", container.format(optional="")))
        self.assertEqual(problems, [])

    def test_file_must_be_mounted(self):
        container = """{{
            name: api, image: orders, args: [serve],
            env: [{{name: ORDERS_JWT_SECRET_FILE, value: /var/run/secrets/jwt/key}}]{mounts}}}"""
        pod = ", volumes: [{name: jwt, secret: {secretName: jwt}}]"
        problems, _, _ = run_k8s(k8s_workload("Deployment", container.format(mounts=""), pod_extra=pod))
        self.assertEqual(problems, ["Deployment/app container api: ORDERS_JWT_SECRET_FILE: "
                                    "/var/run/secrets/jwt/key is not under any of the container's volumeMounts"])
        mounted = ", volumeMounts: [{name: jwt, mountPath: /var/run/secrets/jwt}]"
        problems, ok, _ = run_k8s(k8s_workload("Deployment", container.format(mounts=mounted), pod_extra=pod))
        self.assertEqual(problems, [])
        problems, _, _ = run_k8s(k8s_workload("Deployment", container.format(mounts=mounted)))
        self.assertEqual(problems, ["Deployment/app container api: volumeMount jwt: no such volume in the pod"])

    def test_command_image_cmd_other_images_and_cronjobs(self):
        # No args: the Dockerfile's CMD (`all`), whose ENV is not flagged; `command: [orders, ...]`
        # puts the subcommand first; other images are skipped; a CronJob's pod is found.
        problems, _, targets = run_k8s(
            k8s_workload("Deployment", "{name: db, image: postgres:17, env: [{name: WHATEVER, value: x}]}", "db")
            + k8s_workload("Deployment", "{name: both, image: orders, env: [{name: ORDERS_AUTH, value: \"off\"}]}", "both")
            + k8s_workload("CronJob", "{name: m, image: orders, command: [/usr/local/bin/orders, migrate], args: [up]}", "cron")
            + k8s_workload("Deployment", "{name: sh, image: orders, command: [sh, -c, orders serve]}", "sh"))
        self.assertEqual([(t.name, t.command) for t in targets],
                         [("Deployment/both container both", "all"), ("CronJob/cron container m", "migrate")])
        self.assertEqual(problems, ["Deployment/sh container sh: command ['sh', '-c', 'orders serve'] "
                                    "does not run `orders`: cannot check"])

    def test_exec_probes_and_hooks_use_what_the_image_has(self):
        problems, _, _ = run_k8s(k8s_workload("Deployment", """{
            name: m, image: orders, args: [migrate, up],
            livenessProbe: {exec: {command: [curl, -f, "http://127.0.0.1:8080/healthz"]}},
            readinessProbe: {exec: {command: [orders, healthcheck, "http://127.0.0.1:8080/readyz"]}},
            lifecycle: {preStop: {exec: {command: [sleep, "5"]}}, postStart: {exec: {command: [sh, -c, x]}}}}"""))
        self.assertEqual(len(problems), 2, problems)
        self.assertIn("livenessProbe runs ['curl'", problems[0])
        self.assertIn("postStart runs ['sh'", problems[1])

    def test_no_orders_container_is_a_problem(self):
        problems, _, targets = run_k8s(k8s_workload("Deployment", "{name: db, image: postgres:17}"))
        self.assertEqual(targets, [])
        self.assertEqual(problems, ["no container runs the image `orders`"])

    def test_list_documents_are_expanded(self):
        with tempfile.TemporaryDirectory() as d:
            path = Path(d, "list.yaml")
            path.write_text("apiVersion: v1\nkind: List\nitems:\n- {kind: ConfigMap, metadata: {name: a}}\n---\n")
            docs = check_env.load_yaml_documents(str(path))
        self.assertEqual(docs, [{"kind": "ConfigMap", "metadata": {"name": "a"}}])


if __name__ == "__main__":
    unittest.main()
