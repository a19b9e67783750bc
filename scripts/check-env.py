#!/usr/bin/env python3
"""Check that every container running the `orders` binary gets exactly the configuration its
command reads, using the binary's own settings schema (so this check keeps no copy of it).

    scripts/check-env.py [COMPOSE_FILE] [--k8s RENDERED.yaml ...] [--schema-command CMD | --schema-json FILE]

COMPOSE_FILE defaults to docker-compose.yml when no --k8s file is given. The schema comes from running CMD (default
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

Kubernetes (`--k8s FILE`, repeatable, `-` for stdin): rendered manifests, e.g. the output of
`kubectl kustomize deploy/k8s/overlays/dev` (scripts/check-k8s.sh). Every container (and init
container) of a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob or Pod whose image
is `orders` (any registry, tag or digest; --k8s-image to change) is a target. Its command is the
first of `args` (after `command`'s own arguments when `command` runs `orders`), else the
Dockerfile's CMD. Its environment is `envFrom` then `env`, as Kubernetes applies them:
  env value            the value;
  configMapKeyRef,     resolved from the ConfigMaps in the same manifests (a missing one is a
  envFrom configMapRef problem unless `optional: true`);
  secretKeyRef         set, value unknown (the Secret may be created outside the manifests;
                       when it is among them, the key must exist); with `optional: true` it may
                       be unset, so it does not count towards required variables;
  envFrom secretRef    resolved from a Secret in the manifests; one that is not there is a
                       problem (which variables it sets cannot be known: use secretKeyRef).
A *_FILE or *_PATH value that is an absolute path must lie under one of the container's
volumeMounts, and exec probes and hooks may only run `orders` (preStop: also `sleep`).

Exit status: 0 with one OK line per service; 1 with one line per problem
("SERVICE: VARIABLE: why"); 2 when the schema or the input cannot be read.

Other inputs only need to produce Target(name, command, env) triples and call check(); see
compose_targets() and k8s_targets().
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
    A value of None means "passed through from the caller's environment": set, value unknown.
    `maybe` names variables that may be unset (an optional Kubernetes reference): their names
    are checked, but they do not count towards required variables and one-of groups."""
    name: str
    command: str
    env: dict[str, str | None]
    maybe: frozenset[str] = frozenset()


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
    effective = {**(base_env or {}), **{k: v for k, v in t.env.items() if k not in t.maybe}}
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


# --- kubernetes ---------------------------------------------------------------------------

K8S_IMAGE = "orders"
# What the runtime image can exec (debian:bookworm-slim: no curl, wget or nc): the binary
# itself (`orders healthcheck URL`), and coreutils' sleep for a preStop pause.
K8S_PROBE_TOOLS = frozenset({"orders"})
K8S_HOOK_TOOLS = frozenset({"orders", "sleep"})


def load_yaml_documents(path: str) -> list[Any]:
    """The documents of a multi-document YAML file (`-`: standard input); `kind: List` items
    are expanded."""
    yaml, Loader = _yaml_loader()
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text()
        docs = [d for d in yaml.load_all(text, Loader=Loader) if d is not None]  # noqa: S506
    except (OSError, yaml.YAMLError) as e:
        raise InputError(f"{path}: {e}") from e
    out = []
    for d in docs:
        if isinstance(d, dict) and d.get("kind") == "List" and isinstance(d.get("items"), list):
            out += [i for i in d["items"] if i is not None]
        else:
            out.append(d)
    return out


def _image_name(image: str) -> str:
    """`registry:5000/team/orders:1.2@sha256:...` -> `orders`."""
    image = image.split("@", 1)[0]
    last = image.rsplit("/", 1)[-1]
    return last.split(":", 1)[0]


def _pod_spec(doc: dict) -> dict | None:
    kind, spec = doc.get("kind"), doc.get("spec") or {}
    if kind == "Pod":
        return spec
    if kind == "CronJob":
        spec = (spec.get("jobTemplate") or {}).get("spec") or {}
        return (spec.get("template") or {}).get("spec")
    if kind in ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"):
        return (spec.get("template") or {}).get("spec")
    return None


def _exec_command(handler: Any) -> list[str] | None:
    command = ((handler or {}).get("exec") or {}).get("command")
    return [str(w) for w in command] if command else None


def k8s_targets(docs: list[Any], image: str = K8S_IMAGE, dockerfile: Path | None = None,
                source: str = "") -> tuple[list[Target], dict[str, dict[str, str]], list[str]]:
    """The containers running `image` in rendered Kubernetes manifests as Targets, the image's
    ENV (from `dockerfile`) for each, and problems found on the way (a ConfigMap that is not
    there, a secretRef whose variables cannot be known, a file outside the mounts, a probe
    running a tool the image lacks)."""
    prefix = f"{source}: " if source else ""
    configmaps: dict[tuple[str, str], dict[str, Any]] = {}
    secrets: dict[tuple[str, str], set[str]] = {}
    for d in docs:
        if not isinstance(d, dict):
            continue
        meta = d.get("metadata") or {}
        key = (meta.get("namespace") or "", meta.get("name") or "")
        if d.get("kind") == "ConfigMap":
            configmaps[key] = dict(d.get("data") or {})
        elif d.get("kind") == "Secret":
            secrets[key] = set(d.get("data") or {}) | set(d.get("stringData") or {})
    entrypoint, image_cmd, image_env = (None, None, {})
    if dockerfile is not None and dockerfile.is_file():
        entrypoint, image_cmd, image_env = parse_dockerfile(dockerfile)
    targets, image_envs, problems = [], {}, []
    for d in docs:
        if not isinstance(d, dict):
            continue
        pod = _pod_spec(d)
        if not pod:
            continue
        meta = d.get("metadata") or {}
        ns = meta.get("namespace") or ""
        volumes = {v.get("name") for v in pod.get("volumes") or []}
        for section in ("initContainers", "containers"):
            for c in pod.get(section) or []:
                if _image_name(str(c.get("image", ""))) != image:
                    continue
                where = f"{prefix}{d.get('kind')}/{meta.get('name')} container {c.get('name')}"
                command = [str(w) for w in c.get("command") or []]
                args = [str(w) for w in c.get("args") or []]
                if command:
                    if Path(command[0]).name != "orders":
                        problems.append(f"{where}: command {command} does not run `orders`: cannot check")
                        continue
                    argv = command[1:] + args
                else:
                    if entrypoint and Path(entrypoint[0]).name != "orders":
                        problems.append(f"{where}: the image's ENTRYPOINT {entrypoint} does not run `orders`")
                        continue
                    argv = (entrypoint or [])[1:] + (args or image_cmd or [])
                argv = argv or [DEFAULT_COMMAND]
                env: dict[str, str | None] = {}
                maybe: set[str] = set()
                for ef in c.get("envFrom") or []:
                    pre = ef.get("prefix") or ""
                    if "configMapRef" in ef:
                        ref = ef["configMapRef"] or {}
                        data = configmaps.get((ns, ref.get("name") or ""))
                        if data is None:
                            if not ref.get("optional"):
                                problems.append(f"{where}: envFrom configMapRef {ref.get('name')}: "
                                                f"no such ConfigMap in the manifests")
                            continue
                        for k, v in data.items():
                            env[pre + str(k)] = _scalar(v)
                            maybe.discard(pre + str(k))
                    elif "secretRef" in ef:
                        ref = ef["secretRef"] or {}
                        keys = secrets.get((ns, ref.get("name") or ""))
                        if keys is None:
                            if not ref.get("optional"):
                                problems.append(
                                    f"{where}: envFrom secretRef {ref.get('name')}: the Secret is not in "
                                    f"the manifests, so the variables it sets are unknown; reference "
                                    f"each one with env[].valueFrom.secretKeyRef")
                            continue
                        for k in keys:
                            env[pre + k] = None
                            maybe.discard(pre + k)
                for e in c.get("env") or []:
                    name = str(e.get("name"))
                    vf = e.get("valueFrom")
                    maybe.discard(name)
                    if not vf:
                        env[name] = _scalar(e.get("value", "")) or ""
                        continue
                    env[name] = None
                    if "configMapKeyRef" in vf:
                        ref = vf["configMapKeyRef"] or {}
                        data = configmaps.get((ns, ref.get("name") or ""))
                        if data is not None and ref.get("key") in data:
                            env[name] = _scalar(data[ref.get("key")])
                        elif ref.get("optional"):
                            maybe.add(name)
                        else:
                            problems.append(f"{where}: {name}: configMapKeyRef {ref.get('name')}/"
                                            f"{ref.get('key')}: no such ConfigMap key in the manifests")
                    elif "secretKeyRef" in vf:
                        ref = vf["secretKeyRef"] or {}
                        keys = secrets.get((ns, ref.get("name") or ""))
                        if ref.get("optional"):
                            maybe.add(name)
                        elif keys is not None and ref.get("key") not in keys:
                            problems.append(f"{where}: {name}: Secret {ref.get('name')} has no key "
                                            f"{ref.get('key')}")
                mounts = []
                for m in c.get("volumeMounts") or []:
                    mounts.append(str(m.get("mountPath", "")).rstrip("/"))
                    if m.get("name") not in volumes:
                        problems.append(f"{where}: volumeMount {m.get('name')}: no such volume in the pod")
                for var, value in env.items():
                    if value and value.startswith("/") and var.endswith(("_FILE", "_PATH")) and not any(
                            value.startswith(m + "/") for m in mounts if m):
                        problems.append(f"{where}: {var}: {value} is not under any of the container's "
                                        f"volumeMounts")
                for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                    cmd = _exec_command(c.get(probe))
                    if cmd and Path(cmd[0]).name not in K8S_PROBE_TOOLS:
                        problems.append(f"{where}: {probe} runs {cmd}: the image has no shell tools; use "
                                        f"httpGet/tcpSocket or [\"orders\", \"healthcheck\", URL]")
                for hook in ("postStart", "preStop"):
                    cmd = _exec_command((c.get("lifecycle") or {}).get(hook))
                    if cmd and Path(cmd[0]).name not in K8S_HOOK_TOOLS:
                        problems.append(f"{where}: {hook} runs {cmd}: the image has only `orders` and "
                                        f"`sleep` to run")
                targets.append(Target(where, argv[0], env, frozenset(maybe)))
                image_envs[where] = image_env
    if not targets:
        problems.append(f"{prefix}no container runs the image `{image}`")
    return targets, image_envs, problems


# --- main -----------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("compose", nargs="?",
                    help="compose file (default: docker-compose.yml, unless --k8s is given)")
    ap.add_argument("--k8s", action="append", default=[], metavar="RENDERED.yaml",
                    help="rendered Kubernetes manifests (repeatable; - for stdin)")
    ap.add_argument("--k8s-image", default=K8S_IMAGE, metavar="NAME",
                    help=f"the image name (without registry and tag) that runs the binary (default: {K8S_IMAGE})")
    ap.add_argument("--dockerfile", default=str(Path(__file__).resolve().parent.parent / "Dockerfile"),
                    help="the image's Dockerfile, for --k8s: its CMD and ENV (default: the repository's)")
    src = ap.add_mutually_exclusive_group()
    src.add_argument("--schema-command", default=DEFAULT_SCHEMA_COMMAND,
                     help=f"prints the settings schema as JSON (default: {DEFAULT_SCHEMA_COMMAND})")
    src.add_argument("--schema-json", metavar="FILE", help="read the schema from FILE instead")
    args = ap.parse_args(argv)
    compose = args.compose or (None if args.k8s else "docker-compose.yml")
    inputs = ([compose] if compose else []) + args.k8s
    try:
        schema = schema_from_file(args.schema_json) if args.schema_json else schema_from_command(args.schema_command)
        targets, image_envs, problems = [], {}, []
        if compose:
            targets, image_envs, problems = compose_targets(Path(compose))
        for path in args.k8s:
            source = path if len(inputs) > 1 else ""
            t, e, p = k8s_targets(load_yaml_documents(path), args.k8s_image, Path(args.dockerfile), source)
            targets, problems = targets + t, problems + p
            image_envs.update(e)
    except InputError as e:
        print(f"check-env: {e}", file=sys.stderr)
        return 2
    found, ok = check(targets, schema, image_envs)
    problems += found
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"check-env: {len(problems)} problem(s) in {', '.join(inputs)}", file=sys.stderr)
        return 1
    print("\n".join(ok))
    return 0


if __name__ == "__main__":
    sys.exit(main())
