//! The integration tests, one binary (one link instead of one per file): each module starts the
//! real `orders` binary against the PostgreSQL and Temporal dev server that `make test` started
//! (or private ones it starts itself), and talks to it as a client, an operator or a crash would.

mod common;

mod contract;
mod cors;
mod http_api;
mod idempotency;
mod lifecycle;
mod observability;
mod payments;
mod rate_limit;
mod reliability;
mod replay;
mod saga;
mod scale_out;
mod security;
