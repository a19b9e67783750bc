// This file was generated with `cornucopia`. Do not modify.

pub mod idempotency;
pub mod metrics;
pub mod orders;
pub mod outbox;
