//! The `http` payment gateway against a fake gateway of the test's own, which can answer
//! success, decline, 5xx, hang, and "charged, but the answer was lost": the saga charges once
//! and refunds once in every case.

use std::{
    collections::{HashMap, VecDeque},
    convert::Infallible,
    sync::{Arc, Mutex},
    time::Duration,
};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::{service::service_fn, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};

use crate::common::{eventually, TestApp};

/// What the fake does with the next charge it is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    /// 503, nothing charged.
    Fail,
    /// Never answers (the client's timeout must end the call).
    Hang,
    /// Charges, then answers 500: the charge happened but the client does not know.
    LoseAnswer,
    /// 402 with a decline.
    Decline,
}

#[derive(Default)]
struct Book {
    script: VecDeque<Behaviour>,
    /// Charges by idempotency key: (status, refunds taken).
    charges: HashMap<String, (String, u32)>,
    /// Every call: (path, idempotency key, authorization header).
    calls: Vec<(String, String, String)>,
}

pub struct FakeGateway {
    pub url: String,
    book: Arc<Mutex<Book>>,
}

impl FakeGateway {
    pub async fn start(script: &[Behaviour]) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/v1/", listener.local_addr().unwrap());
        let book = Arc::new(Mutex::new(Book { script: script.iter().copied().collect(), ..Book::default() }));
        let shared = book.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else { return };
                let book = shared.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |request| answer(book.clone(), request));
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Self { url, book }
    }

    /// Charges taken, by idempotency key: (status, refunds).
    pub fn charges(&self) -> HashMap<String, (String, u32)> {
        self.book.lock().unwrap().charges.clone()
    }

    pub fn calls(&self) -> Vec<(String, String, String)> {
        self.book.lock().unwrap().calls.clone()
    }
}

async fn answer(
    book: Arc<Mutex<Book>>,
    request: Request<hyper::body::Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let path = request.uri().path().to_owned();
    let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let (key, authorization) = (header("idempotency-key"), header("authorization"));
    let body: Value =
        serde_json::from_slice(&request.into_body().collect().await.unwrap().to_bytes()).unwrap_or(Value::Null);
    let reply = |status: StatusCode, body: Value| {
        let mut response = Response::new(Full::new(Bytes::from(body.to_string())));
        *response.status_mut() = status;
        Ok(response)
    };
    let behaviour = {
        let mut book = book.lock().unwrap();
        book.calls.push((path.clone(), key.clone(), authorization.clone()));
        if authorization != "Bearer fake-gateway-token" {
            return reply(StatusCode::UNAUTHORIZED, json!({"error": "bad credential"}));
        }
        if path == "/v1/refunds" {
            let charged = body["charge_idempotency_key"].as_str().unwrap_or_default().to_owned();
            return match book.charges.get_mut(&charged) {
                None => reply(StatusCode::NOT_FOUND, json!({"error": "no such charge"})),
                Some((status, refunds)) => {
                    if status == "charged" {
                        *status = "refunded".to_owned();
                        *refunds += 1;
                    }
                    reply(StatusCode::OK, json!({"status": "refunded"}))
                }
            };
        }
        // A retried charge is answered with what the first one did.
        if let Some((status, _)) = book.charges.get(&key) {
            let status = if status == "refunded" { "charged" } else { status.as_str() };
            return reply(StatusCode::OK, json!({"status": status, "reference": format!("fake-{key}")}));
        }
        book.script.pop_front()
    };
    match behaviour {
        Some(Behaviour::Fail) => reply(StatusCode::SERVICE_UNAVAILABLE, json!({"error": "down"})),
        Some(Behaviour::Hang) => {
            tokio::time::sleep(Duration::from_secs(600)).await;
            reply(StatusCode::GATEWAY_TIMEOUT, Value::Null)
        }
        Some(Behaviour::Decline) => {
            book.lock().unwrap().charges.insert(key, ("declined".to_owned(), 0));
            reply(StatusCode::PAYMENT_REQUIRED, json!({"status": "declined", "reason": "insufficient funds"}))
        }
        Some(Behaviour::LoseAnswer) => {
            book.lock().unwrap().charges.insert(key, ("charged".to_owned(), 0));
            reply(StatusCode::INTERNAL_SERVER_ERROR, json!({"error": "lost"}))
        }
        None => {
            book.lock().unwrap().charges.insert(key.clone(), ("charged".to_owned(), 0));
            reply(StatusCode::CREATED, json!({"status": "charged", "reference": format!("fake-{key}")}))
        }
    }
}

async fn app_with(gateway: &FakeGateway) -> TestApp {
    let app = TestApp::spawn_with(&[
        ("ORDERS_PAYMENT_GATEWAY", "http"),
        ("ORDERS_PAYMENT_URL", &gateway.url),
        ("ORDERS_PAYMENT_TOKEN", "fake-gateway-token"),
        ("ORDERS_PAYMENT_TIMEOUT", "1s"),
    ])
    .await;
    let reply = app.put_json("/products/tea-001", r#"{"name": "Tea", "unit_price": 4.25, "stock": 100}"#).await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    app
}

async fn place(app: &TestApp) -> i64 {
    let reply = app.post_json("/orders", r#"{"customer_id": 3, "items": [{"sku": "tea-001", "quantity": 2}]}"#).await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    reply.json()["id"].as_i64().unwrap()
}

async fn settled(app: &TestApp, id: i64) -> Value {
    eventually(Duration::from_secs(60), "the payment settled", || async {
        let order = app.get(&format!("/orders/{id}")).await.json();
        let done = order["status"] == "failed" || order["shipment"]["status"] == "booked";
        done.then_some(order)
    })
    .await
}

#[tokio::test]
async fn gateway_errors_hangs_and_lost_answers_charge_once_and_refund_once() {
    use Behaviour::*;
    let gateway = FakeGateway::start(&[Fail, Fail, Hang, LoseAnswer]).await;
    let app = app_with(&gateway).await;
    let id = place(&app).await;
    // While the gateway fails, the order waits in `processing`, saying where.
    let waiting = eventually(Duration::from_secs(20), "the order waits on its payment", || async {
        let order = app.get(&format!("/orders/{id}")).await.json();
        (order["workflow_step"] == "charging-payment").then_some(order)
    })
    .await;
    assert_eq!(waiting["status"], "processing", "{waiting}");

    // 503, 503, a hang cut off by the timeout, a charge whose answer is lost: each retried
    // with the same key, the last retry answered from the gateway's own record.
    let order = settled(&app, id).await;
    assert_eq!(order["payment"]["status"], "charged", "{order}");
    assert_eq!(order["total_amount"].to_string(), "8.50");
    let charges = gateway.charges();
    assert_eq!(charges.len(), 1, "one charge: {charges:?}");
    let key = charges.keys().next().unwrap().clone();
    assert!(key.ends_with(&format!("-{id}-charge")), "{key}");
    assert_eq!(order["payment"]["reference"], format!("fake-{key}"));
    let attempts: Vec<_> = gateway.calls().into_iter().filter(|(path, _, _)| path == "/v1/charges").collect();
    assert!(attempts.len() >= 5, "{attempts:?}");
    assert!(attempts.iter().all(|(_, k, auth)| *k == key && auth == "Bearer fake-gateway-token"));

    let cancelled = app.put_json(&format!("/orders/{id}"), r#"{"status": "cancelled"}"#).await;
    assert_eq!(cancelled.status, 200, "{}", cancelled.text);
    assert_eq!(cancelled.json()["payment"]["status"], "refunded");
    assert_eq!(gateway.charges()[&key], ("refunded".to_owned(), 1), "refunded once");
}

#[tokio::test]
async fn a_gateway_decline_fails_the_order_and_releases_the_stock() {
    let gateway = FakeGateway::start(&[Behaviour::Decline]).await;
    let app = app_with(&gateway).await;
    let id = place(&app).await;
    let order = settled(&app, id).await;
    assert_eq!(
        (order["status"].as_str(), order["failure_reason"].as_str()),
        (Some("failed"), Some("payment_declined"))
    );
    assert_eq!(order["payment"]["status"], "declined");
    let tea = app.get("/products/tea-001").await.json();
    assert_eq!(tea["reserved"], 0, "{tea}");
    let refunds = gateway.calls().into_iter().filter(|(path, _, _)| path == "/v1/refunds").count();
    assert_eq!(refunds, 0, "nothing to refund after a decline");
}
