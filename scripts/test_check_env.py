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


if __name__ == "__main__":
    unittest.main()
