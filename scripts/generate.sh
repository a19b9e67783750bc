#!/usr/bin/env bash
# `make generate`: derives everything in generated/ from the contracts.
#   spec/openapi.yaml      -> generated/api  (openapi-generator, rust-server)
#   spec/openapi.yaml      -> clients/typescript/src/schema.d.ts (openapi-typescript)
#   sql/migrations + sql/queries -> generated/db (cornucopia, checked against a real PostgreSQL)
# and records the contracts' checksums in generated/CHECKSUMS, which build.rs compares.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
source scripts/versions.env
bash scripts/bootstrap.sh generate

log "openapi-generator $OPENAPI_GENERATOR_VERSION: spec/openapi.yaml -> generated/api"
# rust-server cannot take three things this spec says (scripts/spec-for-rust-server.py lists
# them: the Money bounds, a link's object requestBody, `anyOf`): the generator reads a copy
# without them, and the domain types enforce what they say. Everything else is the spec as
# written; the served spec, schemathesis and the TypeScript types use the spec as written.
gen_spec=$(mktemp --suffix=.yaml)
.venv/bin/python scripts/spec-for-rust-server.py spec/openapi.yaml "$gen_spec"
.venv/bin/openapi-generator-cli generate -g rust-server -i "$gen_spec" -o generated/api \
  --package-name orders-api \
  --type-mappings number=rust_decimal::Decimal \
  >/tmp/orders-openapi-generator.log 2>&1 || { cat /tmp/orders-openapi-generator.log; exit 1; }
rm -f "$gen_spec"

log "openapi-typescript: spec/openapi.yaml -> clients/typescript/src/schema.d.ts"
ensure_node
(cd clients/typescript && npm ci --no-audit --no-fund --silent && npm run --silent generate) \
  >/tmp/orders-openapi-typescript.log 2>&1 || { cat /tmp/orders-openapi-typescript.log; exit 1; }

log "cornucopia $CORNUCOPIA_VERSION: sql/queries -> generated/db"
work=$(mktemp -d)
chmod 755 "$work"
port=$(free_port)
trap 'pg_stop "$work/pg"; rm -rf "$work"' EXIT
PG_FSYNC=off pg_start "$work/pg" "$port"
.tools/bin/cornucopia fresh -c sql/cornucopia.toml -q sql/queries -d generated/db \
  --url "postgres://orders@127.0.0.1:$port" $(ls sql/migrations/*.up.sql | sort)

sha256sum spec/openapi.yaml $(find sql -type f | LC_ALL=C sort) > generated/CHECKSUMS
log "done: generated/ is up to date"
