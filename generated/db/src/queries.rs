// This file was generated with `cornucopia`. Do not modify.

pub mod idempotency;
pub mod orders;
pub mod outbox;
