# The README's two commands are `make run` and `make test`; the rest are the seed's targets.
.PHONY: run test bench bench-ab generate check-generated record-histories build clean migrate-up migrate-down
.DEFAULT_GOAL := build

run: ## set up and run everything (PostgreSQL, Temporal dev server, the service)
	@bash scripts/run.sh

test: ## unit and integration tests against a throwaway PostgreSQL and Temporal
	@bash scripts/test.sh

bench: ## measure the service against its ceilings (release build, a few minutes)
	@bash scripts/bench.sh

bench-ab: ## this tree's API against BASE=<commit>'s, the same loads in turn (release builds)
	@bash scripts/bench-ab.sh $(BASE)

generate: ## regenerate generated/ from spec/openapi.yaml and sql/
	@bash scripts/generate.sh

DERIVED := generated clients/typescript/src/schema.d.ts

check-generated: generate ## fail if regeneration changes anything derived from the contracts
	@git diff --exit-code --stat -- $(DERIVED) || { echo "derived code is stale: run make generate and commit"; exit 1; }
	@test -z "$$(git status --porcelain -- $(DERIVED))" || { git status --porcelain -- $(DERIVED); echo "untracked derived files"; exit 1; }

record-histories: ## re-record tests/fixtures/histories from real runs (after versioning a workflow change)
	@bash scripts/test.sh --test api -- --ignored replay::

build: ## the release binary (the Dockerfile runs the same command)
	cargo build --release --locked --bin orders

migrate-up: ## apply migrations to DATABASE_URL
	cargo run --quiet --bin orders -- migrate up

migrate-down: ## revert all migrations on DATABASE_URL
	cargo run --quiet --bin orders -- migrate down

clean:
	cargo clean
	rm -rf bin
