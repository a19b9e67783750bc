//! The operations of `spec/openapi.yaml`, implementing the generated `Api` trait over the
//! PostgreSQL pool. Each handler parses its input into domain types, runs queries from
//! `sql/queries/`, and answers with a documented response variant: it never returns `Err`
//! (which the generated code would turn into an undocumented plain-text 500).

use std::{str::FromStr, time::Duration};

use async_trait::async_trait;
use chrono::Utc;
use deadpool_postgres::Pool;
use orders_api::{
    models, Api, CreateOrderResponse, DeleteOrderResponse, GetOpenApiSpecResponse, GetOrderResponse,
    GetProblemTypeResponse, HealthzResponse, ListOrderEventsResponse, ListOrdersResponse, MetricsResponse,
    ReadyzResponse, UpdateOrderResponse,
};
use swagger::{auth::Authorization, ApiError, Has, XSpanIdString};
use tracing::{info, warn};

use super::problem::{Failure, ProblemType};
use crate::{
    auth::Principal,
    db::{self, idempotency_queries, queries},
    domain::{CustomerId, FieldError, IdempotencyKey, IfMatch, Money, OrderId, OrderStatus, PageCursor, PageLimit},
    workflow::{cancel_outcome, CancelAnswer, CancelRequest, OrderOrigin, OrderWorkflows},
};

#[derive(Clone)]
pub struct OrdersApi {
    pub pool: Pool,
    pub workflows: OrderWorkflows,
    pub idempotency_ttl: Duration,
    /// Where the Temporal SDK's own exporter listens, when this process runs the worker.
    pub sdk_exporter_addr: Option<std::net::SocketAddr>,
}

type Outcome<T> = Result<T, Failure>;

/// The contract itself, served at `GET /openapi.yaml` (and rendered by Swagger UI at `/docs`).
pub const OPENAPI_SPEC: &str = include_str!("../../spec/openapi.yaml");

/// An order with its version, which is its ETag.
struct Found {
    order: models::Order,
    version: i64,
}

impl Found {
    fn etag(&self) -> String {
        format!("\"{}\"", self.version)
    }

    fn matches(&self, if_match: &IfMatch) -> bool {
        if_match.matches(&self.etag())
    }
}

/// The request id a change is recorded with: the pipeline hands `X-Request-Id` (or a new id) to
/// the generated layer, which keeps it as the span id.
fn request_id<C: Has<XSpanIdString>>(context: &C) -> String {
    context.get().0.clone()
}

/// The authenticated caller, which the pipeline put in the context of every orders route.
fn caller<C: Has<Option<Authorization>>>(context: &C) -> Result<Principal, Failure> {
    let authorization: &Option<Authorization> = context.get();
    authorization
        .as_ref()
        .and_then(|a| Principal::from_subject(&a.subject))
        .ok_or_else(|| Failure::forbidden("no authenticated caller"))
}

/// Whose Idempotency-Keys a request uses: the caller's principal and token subject.
fn key_owner<C: Has<Option<Authorization>>>(context: &C) -> String {
    let authorization: &Option<Authorization> = context.get();
    authorization.as_ref().map(|a| a.subject.clone()).unwrap_or_default()
}

/// What a cancelling update or delete did.
enum Done<T> {
    /// Decided and carried out.
    Now(T),
    /// Taken up by the order's workflow, which finishes it on its own.
    InProgress(T),
}

#[async_trait]
impl<C> Api<C> for OrdersApi
where
    C: Has<XSpanIdString> + Has<Option<Authorization>> + Send + Sync,
{
    async fn create_order(
        &self,
        request: models::CreateOrderRequest,
        idempotency_key: Option<String>,
        context: &C,
    ) -> Result<CreateOrderResponse, ApiError> {
        let created = match caller(context) {
            Ok(caller) => self.create(caller, key_owner(context), request, idempotency_key, request_id(context)).await,
            Err(refused) => Err(refused),
        };
        Ok(created.map_or_else(Into::into, |order| CreateOrderResponse::Created {
            location: Some(format!("/orders/{}", order.id)),
            body: order,
        }))
    }

    async fn list_orders(
        &self,
        limit: Option<u32>,
        cursor: Option<String>,
        status: Option<models::OrderStatus>,
        customer_id: Option<u64>,
        context: &C,
    ) -> Result<ListOrdersResponse, ApiError> {
        let page = match caller(context) {
            Ok(caller) => self.list(caller, limit, cursor, status, customer_id).await,
            Err(refused) => Err(refused),
        };
        Ok(page.map_or_else(Into::into, |(body, link)| ListOrdersResponse::OrdersList { body, link }))
    }

    async fn get_order(&self, id: u64, context: &C) -> Result<GetOrderResponse, ApiError> {
        let found = match caller(context) {
            Ok(caller) => self.get(caller, id).await,
            Err(refused) => Err(refused),
        };
        Ok(found
            .map_or_else(Into::into, |found| GetOrderResponse::Order { e_tag: Some(found.etag()), body: found.order }))
    }

    async fn update_order(
        &self,
        id: u64,
        request: models::UpdateOrderRequest,
        if_match: Option<String>,
        context: &C,
    ) -> Result<UpdateOrderResponse, ApiError> {
        let updated = match caller(context) {
            Ok(caller) => self.update(caller, id, request, if_match, request_id(context)).await,
            Err(refused) => Err(refused),
        };
        Ok(updated.map_or_else(Into::into, |done| match done {
            Done::Now(found) => UpdateOrderResponse::Updated { e_tag: Some(found.etag()), body: found.order },
            Done::InProgress(found) => UpdateOrderResponse::CancelInProgress {
                location: Some(format!("/orders/{}", found.order.id)),
                body: found.order,
            },
        }))
    }

    async fn get_open_api_spec(&self, _context: &C) -> Result<GetOpenApiSpecResponse, ApiError> {
        Ok(GetOpenApiSpecResponse::Spec(OPENAPI_SPEC.to_owned()))
    }

    async fn delete_order(&self, id: u64, context: &C) -> Result<DeleteOrderResponse, ApiError> {
        let deleted = match caller(context) {
            Ok(caller) => self.delete(caller, id, request_id(context)).await,
            Err(refused) => Err(refused),
        };
        Ok(deleted.map_or_else(Into::into, |done| match done {
            Done::Now(()) => DeleteOrderResponse::Deleted,
            Done::InProgress(()) => DeleteOrderResponse::DeletionInProgress { location: Some(format!("/orders/{id}")) },
        }))
    }

    async fn list_order_events(&self, id: u64, context: &C) -> Result<ListOrderEventsResponse, ApiError> {
        let events = match caller(context) {
            Ok(caller) => self.events(caller, id).await,
            Err(refused) => Err(refused),
        };
        Ok(events.map_or_else(Into::into, ListOrderEventsResponse::Events))
    }

    async fn get_problem_type(&self, r#type: String, _context: &C) -> Result<GetProblemTypeResponse, ApiError> {
        let known = ProblemType::from_slug(&r#type).and_then(|kind| {
            let uri = models::ProblemTypeUri::from_str(&kind.uri()).ok()?;
            Some(models::ProblemTypeInfo::new(
                uri,
                kind.title().to_owned(),
                i32::from(kind.status().as_u16()),
                kind.description().to_owned(),
            ))
        });
        Ok(known.map_or_else(
            || {
                GetProblemTypeResponse::NotFound(
                    Failure::not_found(format_args!("problem type {type:?}", type = r#type)).into_problem(),
                )
            },
            GetProblemTypeResponse::ProblemType,
        ))
    }

    async fn healthz(&self, _context: &C) -> Result<HealthzResponse, ApiError> {
        Ok(HealthzResponse::Alive(models::Health::new("ok".to_owned())))
    }

    async fn metrics(&self, _context: &C) -> Result<MetricsResponse, ApiError> {
        Ok(MetricsResponse::Metrics(crate::metrics::get().render(&self.pool, self.sdk_exporter_addr).await))
    }

    async fn readyz(&self, _context: &C) -> Result<ReadyzResponse, ApiError> {
        Ok(self.ready().await.map_or_else(
            |f| ReadyzResponse::Unavailable(f.into_problem()),
            |()| ReadyzResponse::Ready(models::Health::new("ok".to_owned())),
        ))
    }
}

impl OrdersApi {
    /// Inserts the order with its outbox entry (the dispatcher starts the workflow) and its
    /// first history event. With an Idempotency-Key, the check, the insert and the stored
    /// response share one transaction, so a crash leaves no half-used key behind.
    async fn create(
        &self,
        caller: Principal,
        key_owner: String,
        request: models::CreateOrderRequest,
        key: Option<String>,
        request_id: String,
    ) -> Outcome<models::Order> {
        let key = key.map(IdempotencyKey::parse).transpose().map_err(Failure::bad_param)?;
        let (customer_id, amount) = both(
            CustomerId::parse("customer_id", request.customer_id),
            Money::parse("total_amount", request.total_amount),
        )?;
        if caller.customer().is_some_and(|own| own != customer_id.get()) {
            return Err(Failure::forbidden("a customer may create orders only for itself"));
        }
        let mut client = self.pool.get().await?;
        let Some(key) = key else { return insert_order(&**client, customer_id, amount, request_id).await };

        // The request as the key remembers it: the parsed values, so `10.5` and `10.50` agree.
        let fingerprint = format!("customer_id={};total_amount={}", customer_id.get(), amount.get());
        let ttl = self.idempotency_ttl.as_secs() as i64;
        let tx = client.transaction().await?;
        if !db::traced(
            "try_lock_idempotency_key",
            idempotency_queries::try_lock_idempotency_key().bind(&tx, &key_owner.as_str(), &key.as_str()).one(),
        )
        .await?
        {
            return Err(Failure::idempotency_key_in_flight(
                "a request with this Idempotency-Key is still being processed; retry later",
            ));
        }
        if let Some(stored) = db::traced(
            "stored_response",
            idempotency_queries::stored_response().bind(&tx, &key_owner.as_str(), &key.as_str(), &ttl).opt(),
        )
        .await?
        {
            if stored.request_fingerprint != fingerprint {
                return Err(Failure::idempotency_key_reused(
                    "this Idempotency-Key was already used with a different request body",
                ));
            }
            let order: models::Order = serde_json::from_str(&stored.response_body)
                .map_err(|e| Failure::internal(format!("stored response unreadable: {e}")))?;
            info!(order_id = order.id, "idempotent replay");
            return Ok(order);
        }
        let order = insert_order(&tx, customer_id, amount, request_id).await?;
        let body = serde_json::to_string(&order).map_err(|e| Failure::internal(e.to_string()))?;
        db::traced(
            "store_response",
            idempotency_queries::store_response().bind(
                &tx,
                &key_owner.as_str(),
                &key.as_str(),
                &fingerprint,
                &201,
                &body,
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(order)
    }

    /// One keyset page (one row more than asked, to know whether a next page exists) and the
    /// `Link` to that next page.
    async fn list(
        &self,
        caller: Principal,
        limit: Option<u32>,
        cursor: Option<String>,
        status: Option<models::OrderStatus>,
        customer_id: Option<u64>,
    ) -> Outcome<(Vec<models::Order>, Option<String>)> {
        let limit = PageLimit::parse(limit).map_err(Failure::bad_param)?;
        let after = cursor.as_deref().map(PageCursor::decode).transpose().map_err(Failure::bad_param)?;
        let customer =
            customer_id.map(|c| CustomerId::from_u64("customer_id", c)).transpose().map_err(Failure::bad_param)?;
        // A customer lists its own orders only; asking for someone else's finds none.
        let customer = match (caller.customer(), customer) {
            (Some(own), Some(asked)) if asked.get() != own => return Ok((Vec::new(), None)),
            (Some(own), _) => Some(CustomerId::parse("customer_id", own).map_err(Failure::bad_param)?),
            (None, asked) => asked,
        };
        let after_id = after.map_or(0, PageCursor::after_id);
        let fetch = limit.get() + 1;
        let status_text = status.map(|s| s.to_string());
        let client = self.pool.get().await?;
        let mut rows = match (customer, &status_text) {
            (None, None) => {
                db::traced("orders_page", queries::orders_page().bind(&client, &after_id, &fetch).all()).await?
            }
            (None, Some(s)) => {
                db::traced(
                    "orders_page_by_status",
                    queries::orders_page_by_status().bind(&client, s, &after_id, &fetch).all(),
                )
                .await?
            }
            (Some(c), None) => {
                db::traced(
                    "orders_page_by_customer",
                    queries::orders_page_by_customer().bind(&client, &c.get(), &after_id, &fetch).all(),
                )
                .await?
            }
            (Some(c), Some(s)) => {
                db::traced(
                    "orders_page_by_customer_and_status",
                    queries::orders_page_by_customer_and_status().bind(&client, &c.get(), s, &after_id, &fetch).all(),
                )
                .await?
            }
        };
        let link = if rows.len() as i64 > limit.get() {
            rows.truncate(limit.get() as usize);
            let next = PageCursor::after(rows.last().expect("a full page").id).encode();
            let mut query = format!("limit={}&cursor={next}", limit.get());
            if let Some(s) = &status_text {
                query.push_str(&format!("&status={s}"));
            }
            if let Some(c) = customer {
                query.push_str(&format!("&customer_id={}", c.get()));
            }
            Some(format!("</orders?{query}>; rel=\"next\""))
        } else {
            None
        };
        let orders = rows.into_iter().map(|row| to_model(row).map(|f| f.order)).collect::<Outcome<_>>()?;
        Ok((orders, link))
    }

    /// The order; while it is processing, with its workflow's current step.
    async fn get(&self, caller: Principal, id: u64) -> Outcome<Found> {
        let id = OrderId::parse(id).map_err(Failure::bad_param)?;
        let mut found = self.find(caller, id).await?;
        if found.order.status == models::OrderStatus::Processing {
            found.order.workflow_step = self.workflows.current_step(id.get()).await;
        }
        Ok(found)
    }

    /// The order, if it exists and the caller may see it: another customer's order is "not
    /// found" (404, not 403), so that existence does not leak.
    async fn find(&self, caller: Principal, id: OrderId) -> Outcome<Found> {
        let client = self.pool.get().await?;
        let order = db::traced("order_by_id", queries::order_by_id().bind(&client, &id.get()).opt())
            .await?
            .filter(|o| caller.customer().is_none_or(|own| own == o.customer_id));
        to_model(order.ok_or_else(|| Failure::not_found(format_args!("order {id}")))?)
    }

    /// See the spec: the amount changes only while `pending`; the status only by cancelling;
    /// with `If-Match`, only the version the client read (for a cancel: still that version when
    /// the workflow records it).
    async fn update(
        &self,
        caller: Principal,
        id: u64,
        request: models::UpdateOrderRequest,
        if_match: Option<String>,
        request_id: String,
    ) -> Outcome<Done<Found>> {
        let id = OrderId::parse(id).map_err(Failure::bad_param)?;
        let if_match = if_match.as_deref().map(IfMatch::parse).transpose().map_err(Failure::bad_param)?;
        let amount = request
            .total_amount
            .map(|a| Money::parse("total_amount", a))
            .transpose()
            .map_err(|e| Failure::invalid_fields(vec![e]))?;
        let wanted = request.status.map(|s| OrderStatus::from_model(&s));
        let mut found = self.find(caller, id).await?;
        if let Some(if_match) = &if_match {
            if !found.matches(if_match) {
                return Err(stale(id, &found));
            }
        }
        let current = OrderStatus::from_model(&found.order.status);

        if let Some(wanted) = wanted.filter(|w| !current.client_may_ask_for(*w)) {
            return Err(refused(id, current, format!("cannot change its status to `{wanted}`")));
        }
        if let Some(amount) = amount.filter(|a| a.get() != found.order.total_amount) {
            let expected = if_match.as_ref().map(|_| found.version);
            let client = self.pool.get().await?;
            let updated = db::traced(
                "update_pending_order_amount",
                queries::update_pending_order_amount().bind(&client, &amount.get(), &id.get(), &expected).opt(),
            )
            .await?;
            found = match updated {
                Some(row) => to_model(row)?,
                None => {
                    let now = self.find(caller, id).await?;
                    if expected.is_some_and(|v| v != now.version) {
                        return Err(stale(id, &now));
                    }
                    return Err(Failure::amount_locked(
                        now.order.status,
                        format!(
                            "order {id} is `{}`: its total_amount can change only while it is `pending`",
                            now.order.status
                        ),
                    ));
                }
            };
        }
        if wanted == Some(OrderStatus::Cancelled) && current.can_move_to(OrderStatus::Cancelled) {
            // The version this request has seen (after its own amount change, if any).
            let request = CancelRequest {
                expected_version: if_match.as_ref().map(|_| found.version),
                ..CancelRequest::new("client request", Some(request_id))
            };
            let outcome = self.cancel(caller, id, request).await?;
            found = self.find(caller, id).await?;
            let outcome = match outcome {
                CancelAnswer::InProgress => return Ok(Done::InProgress(found)),
                CancelAnswer::Decided(outcome) => outcome,
            };
            match outcome.as_str() {
                cancel_outcome::CANCELLED => {}
                cancel_outcome::STALE => return Err(stale(id, &found)),
                _ => {
                    let now = OrderStatus::from_model(&found.order.status);
                    return Err(refused(id, now, "it could not be cancelled".to_owned()));
                }
            }
        }
        Ok(Done::Now(found))
    }

    /// Cancels (or deletes) through the workflow; returns what the workflow answered. If the
    /// workflow cannot be reached, the order's status in the database is the answer when it is
    /// final already; otherwise a 503 that means nothing was changed (see
    /// [`OrderWorkflows::cancel`]).
    async fn cancel(&self, caller: Principal, id: OrderId, request: CancelRequest) -> Outcome<CancelAnswer> {
        let client = self.pool.get().await?;
        let origin = db::traced("order_origin", queries::order_origin().bind(&client, &id.get()).opt())
            .await?
            .ok_or_else(|| Failure::not_found(format_args!("order {id}")))?;
        drop(client);
        let origin = OrderOrigin::new(origin.database_id, origin.order_created_at);
        let failed = match self.workflows.cancel(id.get(), &origin, request).await {
            Ok(CancelAnswer::Decided(outcome)) if outcome == cancel_outcome::EXPIRED => {
                anyhow::anyhow!("the order's workflow took the request up after its deadline")
            }
            Ok(CancelAnswer::Decided(outcome)) if outcome == cancel_outcome::OTHER_ORDER => {
                crate::metrics::get().workflow_id_conflicts.inc();
                anyhow::anyhow!(
                    "workflow {} belongs to another order with this id",
                    crate::workflow::workflow_id(id.get())
                )
            }
            Ok(answer) => return Ok(answer),
            Err(e) => e,
        };
        let now = OrderStatus::from_model(&self.find(caller, id).await?.order.status);
        if now.is_final() {
            return Ok(CancelAnswer::Decided(now.as_str().to_owned()));
        }
        warn!(order_id = id.get(), error = format!("{failed:#}"), "cancel did not reach the workflow");
        Err(Failure::unavailable(format!(
            "the order's workflow could not be reached in time; nothing was changed: {failed}"
        )))
    }

    /// A final order is removed at once; any other is cancelled and removed by its workflow,
    /// so nothing keeps working on it.
    async fn delete(&self, caller: Principal, id: u64, request_id: String) -> Outcome<Done<()>> {
        let id = OrderId::parse(id).map_err(Failure::bad_param)?;
        let found = self.find(caller, id).await?;
        if !OrderStatus::from_model(&found.order.status).is_final() {
            let request = CancelRequest { delete: true, ..CancelRequest::new("order deleted", Some(request_id)) };
            match self.cancel(caller, id, request).await? {
                CancelAnswer::InProgress => return Ok(Done::InProgress(())),
                CancelAnswer::Decided(outcome) if outcome == cancel_outcome::DELETED => return Ok(Done::Now(())),
                // Final before the deletion was taken up: removed below.
                CancelAnswer::Decided(_) => {}
            }
        }
        let client = self.pool.get().await?;
        match db::traced("delete_order", queries::delete_order().bind(&client, &id.get())).await? {
            0 => Err(Failure::not_found(format_args!("order {id}"))),
            _ => Ok(Done::Now(())),
        }
    }

    async fn events(&self, caller: Principal, id: u64) -> Outcome<Vec<models::OrderEvent>> {
        let id = OrderId::parse(id).map_err(Failure::bad_param)?;
        if caller.customer().is_some() {
            self.find(caller, id).await?;
        }
        let client = self.pool.get().await?;
        let events = db::traced("order_events", queries::order_events().bind(&client, &id.get()).all()).await?;
        if events.is_empty() {
            // Every order has at least its creation event: none means no such order.
            return Err(Failure::not_found(format_args!("order {id}")));
        }
        events
            .into_iter()
            .map(|e| {
                let mut event =
                    models::OrderEvent::new(e.at.with_timezone(&Utc), parse_status(&e.to_status)?, e.reason);
                event.from_status = e.from_status.map(swagger::Nullable::Present).or(Some(swagger::Nullable::Null));
                event.request_id = e.request_id.map(swagger::Nullable::Present).or(Some(swagger::Nullable::Null));
                Ok(event)
            })
            .collect()
    }

    /// PostgreSQL answers a query and Temporal answers a call, each within its timeout.
    async fn ready(&self) -> Outcome<()> {
        let client = self.pool.get().await?;
        client.simple_query("SELECT 1").await?;
        let probe = self.workflows.client.count_workflows("WorkflowId = 'readiness-probe'", Default::default());
        match tokio::time::timeout(self.workflows.timeout, probe).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(Failure::unavailable(format!("Temporal is not reachable: {e}"))),
            Err(_) => Err(Failure::unavailable(format!("Temporal did not answer within {:?}", self.workflows.timeout))),
        }
    }
}

/// The 412 for an `If-Match` that names another version.
fn stale(id: OrderId, now: &Found) -> Failure {
    Failure::precondition_failed(format!(
        "order {id} changed since it was read: its ETag is now {}; read it again",
        now.etag()
    ))
}

/// The 409 for a change the transition table does not allow.
fn refused(id: OrderId, current: OrderStatus, what: String) -> Failure {
    let allowed = match current.allowed_by_clients() {
        [] => "none (it is final)".to_owned(),
        moves => moves.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", "),
    };
    Failure::invalid_transition(
        current.to_model(),
        current.allowed_by_clients().iter().map(|s| s.to_model()).collect(),
        format!("order {id} is `{current}` and {what}; status changes a client may ask for now: {allowed}"),
    )
}

/// Inserts the order (with its outbox entry and first event), in a transaction or not.
async fn insert_order(
    client: &impl orders_db::client::GenericClient,
    customer_id: CustomerId,
    amount: Money,
    request_id: String,
) -> Outcome<models::Order> {
    let row = db::traced(
        "insert_order",
        queries::insert_order().bind(client, &customer_id.get(), &amount.get(), &Some(request_id)).one(),
    )
    .await?;
    crate::metrics::get().orders_created.inc();
    info!(order_id = row.id, customer_id = row.customer_id, "order created");
    Ok(to_model(row)?.order)
}

/// Both fields parsed, or every field that was refused.
fn both<A, B>(a: Result<A, FieldError>, b: Result<B, FieldError>) -> Outcome<(A, B)> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (a, b) => Err(Failure::invalid_fields(a.err().into_iter().chain(b.err()).collect())),
    }
}

fn parse_status(status: &str) -> Outcome<models::OrderStatus> {
    models::OrderStatus::from_str(status).map_err(|_| Failure::internal(format!("unknown status {status:?}")))
}

fn to_model(row: queries::Order) -> Outcome<Found> {
    let order = models::Order::new(
        row.id,
        row.customer_id,
        parse_status(&row.status)?,
        row.total_amount,
        row.created_at.with_timezone(&Utc),
        row.updated_at.with_timezone(&Utc),
    );
    Ok(Found { order, version: row.version })
}
