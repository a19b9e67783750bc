#!/usr/bin/env python3
"""Check that every container running the `orders` binary gets exactly the configuration its
command reads, using the binary's own settings schema (so this check keeps no copy of it).

    scripts/check-env.py [COMPOSE_FILE] [--schema-command CMD | --schema-json FILE]

COMPOSE_FILE defaults to docker-compose.yml. The schema comes from running CMD (default
`target/debug/orders config --list`) or from FILE: a JSON array with one object per variable,
    {"name": "ORDERS_JWT_SECRET_FILE", "commands": ["all", "serve"], "required": false,
     "one_of": "jwt-keys", "default": null, "description": "..."}
  commands  the subcommands that read the variable;
  required  the command cannot start without it;
  one_of    null, or a group: each command of the group's variables needs one of them set
            (group "jwt-keys" not when ORDERS_AUTH is "off").
TEMPORAL_* and OTEL_* variables are read by libraries (Temporal SDK, OpenTelemetry): any such
name the schema lists is accepted, for the commands it lists or, with no commands, for every
command. Any other name the schema does not list is flagged.

A service is checked when it is built from this repository (`build: .`); its command is the
first word of `command:` or the Dockerfile's CMD. Its environment is `env_file:` then
`environment:` (mapping or KEY=VALUE list, anchors and merge keys resolved); the Dockerfile's
ENV values count towards required variables but are never flagged (every command of the image
gets them). `/run/secrets/NAME` values must name a secret the service mounts, and a
healthcheck must run `orders` itself (the runtime image has no curl, wget or nc).

Exit status: 0 with one OK line per service; 1 with one line per problem
("SERVICE: VARIABLE: why"); 2 when the schema or the input cannot be read.

Other inputs (e.g. Kubernetes manifests) only need to produce Target(name, command, env)
triples and call check(); see compose_targets() for the compose side.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

LIBRARY_PREFIXES = ("TEMPORAL_", "OTEL_")
AUTH_GROUP, AUTH_SWITCH, AUTH_OFF = "jwt-keys", "ORDERS_AUTH", "off"
DEFAULT_SCHEMA_COMMAND = "target/debug/orders config --list"
DEFAULT_COMMAND = "all"  # when neither compose nor the Dockerfile says


class InputError(Exception):
    """The schema or an input file cannot be used: exit 2."""


class Target(NamedTuple):
    """One process to check: where it is defined, its subcommand, its environment.
    A value of None means "passed through from the caller's environment": set, value unknown."""
    name: str
    command: str
    env: dict[str, str | None]


class Var(NamedTuple):
    name: str
    commands: frozenset[str] | None  # None: a library variable listed without commands
    required: bool
    one_of: str | None


# --- schema -------------------------------------------------------------------------------

def parse_schema(entries: Any) -> dict[str, Var]:
    if not isinstance(entries, list) or not entries:
        raise InputError("schema: expected a non-empty JSON array of variables")
    schema: dict[str, Var] = {}
    for i, e in enumerate(entries):
        name = e.get("name") if isinstance(e, dict) else None
        if not isinstance(name, str) or not name:
            raise InputError(f"schema entry {i}: no \"name\"")
        if name in schema:
            raise InputError(f"schema: {name} listed twice")
        cmds = e.get("commands")
        if cmds in (None, []) and name.startswith(LIBRARY_PREFIXES):
            commands = None
        elif isinstance(cmds, list) and cmds and all(isinstance(c, str) for c in cmds):
            commands = frozenset(cmds)
        else:
            raise InputError(f"schema: {name}: \"commands\" must be a non-empty list of strings")
        required, one_of = e.get("required", False), e.get("one_of")
        if not isinstance(required, bool):
            raise InputError(f"schema: {name}: \"required\" must be true or false")
        if one_of is not None and (not isinstance(one_of, str) or not one_of):
            raise InputError(f"schema: {name}: \"one_of\" must be null or a group name")
        schema[name] = Var(name, commands, required, one_of)
    return schema


def schema_from_command(command: str) -> dict[str, Var]:
    argv = shlex.split(command)
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise InputError(f"schema command `{command}`: {e}") from e
    if out.returncode != 0:
        raise InputError(f"schema command `{command}` exited {out.returncode}: {out.stderr.strip()}")
    try:
        return parse_schema(json.loads(out.stdout))
    except ValueError as e:
        raise InputError(f"schema command `{command}`: output is not JSON: {e}") from e


def schema_from_file(path: str) -> dict[str, Var]:
    try:
        return parse_schema(json.loads(Path(path).read_text()))
    except (OSError, ValueError) as e:
        raise InputError(f"schema file {path}: {e}") from e


# --- the check ----------------------------------------------------------------------------

def _is_set(env: dict[str, str | None], name: str) -> bool:
    # The binary treats an empty value as unset; None is a pass-through from the host.
    return name in env and env[name] != ""


def _reads(var: Var, command: str) -> bool:
    return var.commands is None or command in var.commands


def check_target(t: Target, schema: dict[str, Var], base_env: dict[str, str] | None = None) -> list[str]:
    """Problems of one target, one line each. base_env (e.g. the image's ENV) counts towards
    required variables and groups but is not flagged when its command does not read it."""
    problems = []
    known = set().union(*(v.commands for v in schema.values() if v.commands))
    if t.command not in known:
        return [f"{t.name}: command `{t.command}`: not a command of the binary "
                f"(schema knows {', '.join(sorted(known))})"]
    effective = {**(base_env or {}), **t.env}
    for name in t.env:
        var = schema.get(name)
        if var is None:
            problems.append(f"{t.name}: {name}: not read by the binary (unknown variable)")
        elif not _reads(var, t.command):
            problems.append(f"{t.name}: {name}: not read by `{t.command}` "
                            f"(only by {', '.join(sorted(var.commands))})")
    groups: dict[str, list[Var]] = {}
    for var in schema.values():
        if not _reads(var, t.command):
            continue
        if var.required and not _is_set(effective, var.name):
            problems.append(f"{t.name}: {var.name}: required by `{t.command}` but not set")
        if var.one_of:
            groups.setdefault(var.one_of, []).append(var)
    for group, members in sorted(groups.items()):
        if group == AUTH_GROUP and effective.get(AUTH_SWITCH) == AUTH_OFF:
            continue
        if not any(_is_set(effective, v.name) for v in members):
            names = " / ".join(sorted(v.name for v in members))
            hint = f", or {AUTH_SWITCH}={AUTH_OFF}" if group == AUTH_GROUP else ""
            problems.append(f"{t.name}: {names}: `{t.command}` needs one of group "
                            f"\"{group}\"{hint}; none is set")
    return problems


def check(targets: list[Target], schema: dict[str, Var],
          base_envs: dict[str, dict[str, str]] | None = None) -> tuple[list[str], list[str]]:
    """(problems, ok_lines) for all targets; base_envs: target name -> its image's ENV."""
    problems, ok = [], []
    for t in targets:
        p = check_target(t, schema, (base_envs or {}).get(t.name))
        problems += p
        if not p:
            ok.append(f"OK {t.name} (`{t.command}`): {len(t.env)} variables, all read by "
                      f"`{t.command}`; required variables and one-of groups present")
    return problems, ok


# --- docker compose -----------------------------------------------------------------------

def _yaml_loader():
    try:
        import yaml
    except ImportError:
        # The project's .venv has it (scripts/check-compose.sh installs it).
        root = Path(__file__).resolve().parent.parent
        v = f"python{sys.version_info.major}.{sys.version_info.minor}"
        sys.path.append(str(root / ".venv" / "lib" / v / "site-packages"))
        try:
            import yaml
        except ImportError:
            raise InputError("PyYAML is missing: run scripts/check-compose.sh, or "
                             ".venv/bin/python -m pip install pyyaml") from None

    class Loader(yaml.SafeLoader):
        """YAML 1.2 booleans like Compose: `off`, `no`, `on`, `yes` stay strings."""

    Loader.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
    return yaml, Loader


def load_yaml(path: Path) -> Any:
    yaml, Loader = _yaml_loader()
    try:
        return yaml.load(path.read_text(), Loader=Loader)  # noqa: S506 (SafeLoader subclass)
    except (OSError, yaml.YAMLError) as e:
        raise InputError(f"{path}: {e}") from e


def _scalar(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def environment_dict(env: Any, where: str) -> dict[str, str | None]:
    """Compose `environment:` as a mapping or a list of KEY=VALUE (KEY alone: pass-through)."""
    if env is None:
        return {}
    if isinstance(env, dict):
        return {str(k): _scalar(v) for k, v in env.items()}
    if isinstance(env, list):
        out: dict[str, str | None] = {}
        for item in env:
            key, sep, value = str(item).partition("=")
            out[key] = value if sep else None
        return out
    raise InputError(f"{where}: environment must be a mapping or a list")


def read_env_file(path: Path) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.removeprefix("export ").partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        out[key.strip()] = value if sep else None
    return out


def parse_dockerfile(path: Path) -> tuple[list[str] | None, list[str] | None, dict[str, str]]:
    """(ENTRYPOINT, CMD, ENV) of the Dockerfile's last stage."""
    try:
        text = path.read_text()
    except OSError as e:
        raise InputError(f"{path}: {e}") from e
    lines = re.sub(r"\\\n", " ", text).splitlines()
    entrypoint = cmd = None
    env: dict[str, str] = {}

    def argv(rest: str) -> list[str]:
        try:
            v = json.loads(rest)
            if isinstance(v, list):
                return [str(x) for x in v]
        except ValueError:
            pass
        return ["/bin/sh", "-c", rest]

    for line in lines:
        m = re.match(r"\s*([A-Za-z]+)\s+(.*)", line)
        if not m or line.lstrip().startswith("#"):
            continue
        instr, rest = m.group(1).upper(), m.group(2).strip()
        if instr == "FROM":
            entrypoint = cmd = None
            env = {}
        elif instr == "ENTRYPOINT":
            entrypoint, cmd = argv(rest), None  # ENTRYPOINT resets an inherited CMD
        elif instr == "CMD":
            cmd = argv(rest)
        elif instr == "ENV":
            words = shlex.split(rest)
            if words and "=" not in words[0]:  # legacy `ENV KEY value words`
                env[words[0]] = " ".join(words[1:])
            else:
                env.update(w.split("=", 1) for w in words)
    return entrypoint, cmd, env


def _is_this_repo(build: Any, compose_dir: Path, root: Path) -> tuple[bool, Path]:
    if isinstance(build, str):
        context, dockerfile = build, "Dockerfile"
    elif isinstance(build, dict):
        context, dockerfile = build.get("context", "."), build.get("dockerfile", "Dockerfile")
    else:
        return False, root
    ctx = (compose_dir / context).resolve()
    return ctx == root, ctx / dockerfile


def compose_targets(path: Path, root: Path | None = None) -> tuple[list[Target], dict[str, dict[str, str]], list[str]]:
    """The services of a compose file built from `root` (default: the file's directory) as
    Targets, each one's image ENV (by service name), and problems found on the way (e.g. a
    secret that is not mounted)."""
    doc = load_yaml(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("services"), dict):
        raise InputError(f"{path}: no services")
    compose_dir = path.resolve().parent
    root = (root or compose_dir).resolve()
    top_secrets = doc.get("secrets") or {}
    targets, problems, image_envs = [], [], {}
    for name, svc in doc["services"].items():
        ours, dockerfile = _is_this_repo((svc or {}).get("build"), compose_dir, root)
        if not ours:
            continue
        entrypoint, image_cmd, image_env = parse_dockerfile(dockerfile)
        ep = svc.get("entrypoint", entrypoint)
        ep = shlex.split(ep) if isinstance(ep, str) else ep
        if ep and Path(ep[0]).name != "orders":
            problems.append(f"{name}: entrypoint {ep} does not run `orders`: cannot check")
            continue
        cmd = svc.get("command")
        cmd = shlex.split(cmd) if isinstance(cmd, str) else cmd
        cmd = cmd or image_cmd or [DEFAULT_COMMAND]
        env: dict[str, str | None] = {}
        env_files = svc.get("env_file") or []
        for ef in [env_files] if isinstance(env_files, (str, dict)) else env_files:
            ef_path, required = (ef, True) if isinstance(ef, str) else (ef.get("path"), ef.get("required", True))
            p = compose_dir / ef_path
            if p.is_file():
                env.update(read_env_file(p))
            elif required:
                problems.append(f"{name}: env_file {ef_path}: missing")
        env.update(environment_dict(svc.get("environment"), f"{path}: {name}"))
        # /run/secrets/NAME must be a secret this service mounts, defined at the top level.
        mounted = {}
        for s in svc.get("secrets") or []:
            src = s if isinstance(s, str) else s.get("source")
            tgt = s if isinstance(s, str) else s.get("target", src)
            mounted[tgt if str(tgt).startswith("/") else f"/run/secrets/{tgt}"] = src
        for var, value in env.items():
            if value and value.startswith("/run/secrets/"):
                if value not in mounted:
                    problems.append(f"{name}: {var}: {value} is not a secret this service mounts")
                elif mounted[value] not in top_secrets:
                    problems.append(f"{name}: {var}: secret {mounted[value]} is not defined under top-level secrets:")
        # The runtime image has no curl/wget/nc: a probe must run the binary itself.
        test = (svc.get("healthcheck") or {}).get("test")
        test = shlex.split(test) if isinstance(test, str) else test
        if test and test[0] != "NONE" and (test[0] != "CMD" or test[1:2] != ["orders"]):
            problems.append(f"{name}: healthcheck {test}: the image has no shell tools; "
                            f"use [\"CMD\", \"orders\", \"healthcheck\", URL]")
        targets.append(Target(name, cmd[0], env))
        image_envs[name] = image_env
    if not targets:
        problems.append(f"{path}: no service is built from {root} (`build: .`)")
    return targets, image_envs, problems


# --- main -----------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("compose", nargs="?", default="docker-compose.yml")
    src = ap.add_mutually_exclusive_group()
    src.add_argument("--schema-command", default=DEFAULT_SCHEMA_COMMAND,
                     help=f"prints the settings schema as JSON (default: {DEFAULT_SCHEMA_COMMAND})")
    src.add_argument("--schema-json", metavar="FILE", help="read the schema from FILE instead")
    args = ap.parse_args(argv)
    try:
        schema = schema_from_file(args.schema_json) if args.schema_json else schema_from_command(args.schema_command)
        targets, image_envs, problems = compose_targets(Path(args.compose))
    except InputError as e:
        print(f"check-env: {e}", file=sys.stderr)
        return 2
    found, ok = check(targets, schema, image_envs)
    problems += found
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"check-env: {len(problems)} problem(s) in {args.compose}", file=sys.stderr)
        return 1
    print("\n".join(ok))
    return 0


if __name__ == "__main__":
    sys.exit(main())
