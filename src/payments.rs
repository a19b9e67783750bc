//! The payment gateway port, with its two implementations (`ORDERS_PAYMENT_GATEWAY`):
//!
//! - `ledger`: payments kept in this service's PostgreSQL (`ledger_charges`), idempotent by key;
//!   a charge is declined when the customer's outstanding charges, plus this one, would exceed
//!   `ORDERS_PAYMENT_CUSTOMER_LIMIT`, so that a decline can be produced on purpose.
//! - `http`: an external gateway (the contract is in README.md, "Payment gateway"): `POST
//!   {url}/charges` and `POST {url}/refunds`, each with an `Idempotency-Key`, a bearer credential
//!   and a timeout.
//!
//! A decline is an answer, not an error. Every error here (gateway down, timeout, 5xx, database
//! unreachable) is worth retrying: the activity fails and Temporal retries it with backoff, with
//! the same idempotency key, so the money is never taken twice.

use std::time::Duration;

use anyhow::{anyhow, Context, Result};
use deadpool_postgres::Pool;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{
    config::PaymentSettings,
    db::{self, saga_queries},
};

/// One charge, as the saga asks for it.
#[derive(Debug, Clone)]
pub struct Charge {
    pub idempotency_key: String,
    pub customer_id: i64,
    pub amount: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChargeOutcome {
    Charged { reference: String },
    Declined { reason: String },
}

pub enum PaymentGateway {
    Ledger { pool: Pool, customer_limit: Decimal },
    Http(HttpGateway),
}

impl PaymentGateway {
    pub fn new(settings: &PaymentSettings, pool: Pool) -> Result<Self> {
        Ok(match settings {
            PaymentSettings::Ledger { customer_limit } => Self::Ledger { pool, customer_limit: *customer_limit },
            PaymentSettings::Http { url, token, timeout } => {
                Self::Http(HttpGateway::new(url.clone(), token.clone(), *timeout)?)
            }
        })
    }

    pub async fn charge(&self, charge: &Charge) -> Result<ChargeOutcome> {
        match self {
            Self::Ledger { pool, customer_limit } => ledger_charge(pool, *customer_limit, charge).await,
            Self::Http(gateway) => gateway.charge(charge).await,
        }
    }

    /// Refunds the charge made with `charge_key` in full; refunding again, or refunding what
    /// was never charged, is not an error.
    pub async fn refund(&self, charge_key: &str, amount: Decimal) -> Result<()> {
        match self {
            Self::Ledger { pool, .. } => {
                let client = pool.get().await?;
                db::traced("refund_ledger_charge", saga_queries::refund_ledger_charge().bind(&client, &charge_key))
                    .await?;
                Ok(())
            }
            Self::Http(gateway) => gateway.refund(charge_key, amount).await,
        }
    }
}

/// The ledger decides one customer's charges one at a time (an advisory lock on the customer),
/// so two concurrent charges cannot both fit under the limit.
async fn ledger_charge(pool: &Pool, customer_limit: Decimal, charge: &Charge) -> Result<ChargeOutcome> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    db::traced("lock_ledger_customer", saga_queries::lock_ledger_customer().bind(&tx, &charge.customer_id).one())
        .await?;
    let key = charge.idempotency_key.as_str();
    let existing = db::traced("ledger_charge", saga_queries::ledger_charge().bind(&tx, &key).opt()).await?;
    let entry = match existing {
        Some(entry) => entry,
        None => {
            let outstanding = db::traced(
                "ledger_outstanding",
                saga_queries::ledger_outstanding().bind(&tx, &charge.customer_id).one(),
            )
            .await?;
            let status = if outstanding + charge.amount > customer_limit { "declined" } else { "charged" };
            let reference = format!("ledger-{key}");
            db::traced(
                "insert_ledger_charge",
                saga_queries::insert_ledger_charge()
                    .bind(&tx, &key, &charge.customer_id, &charge.amount, &status, &reference.as_str())
                    .one(),
            )
            .await?;
            tx.commit().await?;
            return Ok(outcome(status, reference, customer_limit));
        }
    };
    tx.commit().await?;
    Ok(outcome(&entry.status, entry.reference, customer_limit))
}

fn outcome(status: &str, reference: String, customer_limit: Decimal) -> ChargeOutcome {
    match status {
        "declined" => ChargeOutcome::Declined {
            reason: format!("the customer's outstanding charges would exceed the limit of {customer_limit}"),
        },
        // `charged`, or `refunded` (a charge taken and given back: it was charged once).
        _ => ChargeOutcome::Charged { reference },
    }
}

/// The `http` gateway's client.
pub struct HttpGateway {
    base: url::Url,
    token: Option<String>,
    http: reqwest::Client,
}

/// `POST /charges` answers 2xx with this body, or 402 for a decline.
#[derive(Debug, Serialize, Deserialize)]
pub struct ChargeReply {
    /// `charged` or `declined`
    pub status: String,
    #[serde(default)]
    pub reference: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
}

impl HttpGateway {
    fn new(mut base: url::Url, token: Option<String>, timeout: Duration) -> Result<Self> {
        if !base.path().ends_with('/') {
            base.set_path(&format!("{}/", base.path()));
        }
        let http = reqwest::Client::builder().timeout(timeout).connect_timeout(timeout).build()?;
        Ok(Self { base, token, http })
    }

    fn post(&self, path: &str, key: &str) -> Result<reqwest::RequestBuilder> {
        let url = self.base.join(path)?;
        let request = self.http.post(url).header("Idempotency-Key", key);
        Ok(match &self.token {
            Some(token) => request.bearer_auth(token),
            None => request,
        })
    }

    async fn charge(&self, charge: &Charge) -> Result<ChargeOutcome> {
        // The amount travels as a decimal string: exact, never a binary float.
        let body = serde_json::json!({
            "customer_id": charge.customer_id,
            "amount": charge.amount.to_string(),
        });
        let response = self
            .post("charges", &charge.idempotency_key)?
            .json(&body)
            .send()
            .await
            .context("payment gateway: charge not answered")?;
        let status = response.status();
        let reply: Option<ChargeReply> = response.json().await.ok();
        match (status.as_u16(), reply) {
            (200..=299, Some(ChargeReply { status, reference: Some(reference), .. })) if status == "charged" => {
                Ok(ChargeOutcome::Charged { reference })
            }
            (200..=299 | 402, Some(ChargeReply { status, reason, .. })) if status == "declined" => {
                Ok(ChargeOutcome::Declined { reason: reason.unwrap_or_else(|| "declined by the gateway".to_owned()) })
            }
            (402, None) => Ok(ChargeOutcome::Declined { reason: "declined by the gateway".to_owned() }),
            (code, reply) => Err(anyhow!("payment gateway: charge answered {code} {reply:?}")),
        }
    }

    async fn refund(&self, charge_key: &str, amount: Decimal) -> Result<()> {
        let body = serde_json::json!({ "charge_idempotency_key": charge_key, "amount": amount.to_string() });
        let response = self
            .post("refunds", &format!("{charge_key}-refund"))?
            .json(&body)
            .send()
            .await
            .context("payment gateway: refund not answered")?;
        match response.status().as_u16() {
            // 404: the gateway never charged this key, so there is nothing to give back.
            200..=299 | 404 => Ok(()),
            code => Err(anyhow!("payment gateway: refund answered {code}")),
        }
    }
}
