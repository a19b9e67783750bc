// This file was generated with `cornucopia`. Do not modify.

pub mod catalog;
pub mod idempotency;
pub mod metrics;
pub mod orders;
pub mod outbox;
pub mod saga;
