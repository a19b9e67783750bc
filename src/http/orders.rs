//! The order operations (`/orders`, `/orders/{id}`, its events and shipment events): parsed
//! into domain types, carried out over the pool and the order's workflow, answered as the
//! order now is.

use std::str::FromStr;

use chrono::Utc;
use orders_api::models;
use rust_decimal::Decimal;
use tracing::{info, warn};

use super::{handlers::OrdersApi, problem::Failure};
use crate::{
    auth::Principal,
    db::{self, catalog_queries, idempotency_queries, queries},
    domain::{
        CarrierEvent, CustomerId, FieldError, IdempotencyKey, IfMatch, Money, OrderId, OrderLines, OrderStatus,
        PageCursor, PageLimit,
    },
    workflow::{cancel_outcome, CancelAnswer, CancelRequest, OrderOrigin, ShipmentEventAnswer, ShipmentEventRequest},
};

type Outcome<T> = Result<T, Failure>;

/// An order with its version, which is its ETag.
pub(super) struct Found {
    pub(super) order: models::Order,
    pub(super) version: i64,
    /// An order with items also has lines, and in time a payment and a shipment.
    pub(super) with_items: bool,
}

impl Found {
    pub(super) fn etag(&self) -> String {
        format!("\"{}\"", self.version)
    }

    pub(super) fn matches(&self, if_match: &IfMatch) -> bool {
        if_match.matches(&self.etag())
    }
}

/// What a cancelling update or delete did.
pub(super) enum Done<T> {
    /// Decided and carried out.
    Now(T),
    /// Taken up by the order's workflow, which finishes it on its own.
    InProgress(T),
}

impl OrdersApi {
    /// Inserts the order with its outbox entry (the dispatcher starts the workflow) and its
    /// first history event. With an Idempotency-Key, the check, the insert and the stored
    /// response share one transaction, so a crash leaves no half-used key behind.
    pub(super) async fn create(
        &self,
        caller: Principal,
        key_owner: String,
        request: models::CreateOrderRequest,
        key: Option<String>,
        request_id: String,
    ) -> Outcome<models::Order> {
        let key = key.map(IdempotencyKey::parse).transpose().map_err(Failure::bad_param)?;
        let new = NewOrder::parse(&request)?;
        if caller.customer().is_some_and(|own| own != new.customer_id.get()) {
            return Err(Failure::forbidden("a customer may create orders only for itself"));
        }
        let mut client = self.pool.get().await?;
        let Some(key) = key else {
            if new.lines.is_none() {
                return insert_order(&**client, &new, request_id).await;
            }
            let tx = client.transaction().await?;
            let order = insert_order(&tx, &new, request_id).await?;
            tx.commit().await?;
            return Ok(order);
        };

        // The request as the key remembers it: the parsed values, so `10.5` and `10.50` agree.
        let fingerprint = new.fingerprint();
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
        let order = insert_order(&tx, &new, request_id).await?;
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
    pub(super) async fn list(
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
    pub(super) async fn get(&self, caller: Principal, id: u64) -> Outcome<Found> {
        let id = OrderId::parse(id).map_err(Failure::bad_param)?;
        let mut found = self.find(caller, id).await?;
        self.add_details(&mut found).await?;
        if matches!(found.order.status, models::OrderStatus::Processing | models::OrderStatus::Shipped) {
            found.order.workflow_step = self.workflows.current_step(id.get()).await;
        }
        Ok(found)
    }

    /// An order with items: its lines, its payment and its shipment (two queries; nothing for
    /// the seed's orders).
    async fn add_details(&self, found: &mut Found) -> Outcome<()> {
        if !found.with_items {
            return Ok(());
        }
        let id = found.order.id;
        let client = self.pool.get().await?;
        let lines = db::traced("order_lines", queries::order_lines().bind(&client, &id).all()).await?;
        let records = db::traced("order_saga_records", queries::order_saga_records().bind(&client, &id).one()).await?;
        let order = &mut found.order;
        order.items = Some(
            lines
                .into_iter()
                .map(|l| models::OrderItem::new(l.sku, l.quantity as u32, l.unit_price, l.line_total))
                .collect(),
        );
        if let (Some(status), Some(amount)) = (records.payment_status, records.payment_amount) {
            let mut payment = models::Payment::new(
                models::PaymentStatus::from_str(&status)
                    .map_err(|_| Failure::internal(format!("unknown payment status {status:?}")))?,
                amount,
            );
            payment.reference = records.payment_reference;
            order.payment = Some(payment);
        }
        if let (Some(status), Some(carrier), Some(tracking)) =
            (records.shipment_status, records.carrier, records.tracking_number)
        {
            order.shipment = Some(models::Shipment::new(
                models::ShipmentStatus::from_str(&status)
                    .map_err(|_| Failure::internal(format!("unknown shipment status {status:?}")))?,
                carrier,
                tracking,
            ));
        }
        Ok(())
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
    pub(super) async fn update(
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
        self.add_details(&mut found).await?;
        Ok(Done::Now(found))
    }

    /// Cancels (or deletes) through the workflow; returns what the workflow answered. If the
    /// workflow cannot be reached, the order's status in the database is the answer when it is
    /// final already; otherwise a 503 that means nothing was changed (see
    /// [`OrderWorkflowClient::cancel`]).
    async fn cancel(&self, caller: Principal, id: OrderId, request: CancelRequest) -> Outcome<CancelAnswer> {
        let target = self.workflow_target(id).await?;
        let failed = match self.workflows.cancel(id.get(), &target.origin, target.with_items, request).await {
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

    /// What a call to the order's workflow needs from the database (one query).
    async fn workflow_target(&self, id: OrderId) -> Outcome<WorkflowTarget> {
        let client = self.pool.get().await?;
        let row = db::traced("order_origin", queries::order_origin().bind(&client, &id.get()).opt())
            .await?
            .ok_or_else(|| Failure::not_found(format_args!("order {id}")))?;
        Ok(WorkflowTarget {
            origin: OrderOrigin::new(row.database_id, row.order_created_at),
            with_items: row.with_items,
            status: parse_status(&row.status)?,
        })
    }

    /// A final order is removed at once; any other is cancelled and removed by its workflow,
    /// so nothing keeps working on it.
    pub(super) async fn delete(&self, caller: Principal, id: u64, request_id: String) -> Outcome<Done<()>> {
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

    /// A carrier's event, decided by the order's workflow (see `OrderWorkflow::shipment_event`).
    pub(super) async fn shipment_event(
        &self,
        caller: Principal,
        id: u64,
        event: models::ShipmentEvent,
        request_id: String,
    ) -> Outcome<Found> {
        if !matches!(caller, Principal::Admin | Principal::Carrier) {
            return Err(Failure::forbidden("only a carrier or an admin may report shipment events"));
        }
        let id = OrderId::parse(id).map_err(Failure::bad_param)?;
        let status = match event.status {
            models::ShipmentEventStatus::Dispatched => CarrierEvent::Dispatched,
            models::ShipmentEventStatus::Delivered => CarrierEvent::Delivered,
        };
        let target = self.workflow_target(id).await?;
        if !target.with_items {
            return Err(Failure::shipment_event_refused(
                target.status,
                format!("order {id} has no items, so no shipment"),
            ));
        }
        // A pending order has booked no shipment yet, and its workflow may not even be started:
        // the answer is known here, without waiting for a workflow that is not there to refuse.
        if OrderStatus::from_model(&target.status) == OrderStatus::Pending {
            return Err(Failure::shipment_event_refused(
                target.status,
                format!("order {id} is `pending`: no shipment is booked yet"),
            ));
        }
        let request =
            ShipmentEventRequest { status, request_id: Some(request_id), deadline_unix_ms: None, origin: None };
        let answer = self.workflows.shipment_event(id.get(), &target.origin, request).await;
        let mut found = self.find(caller, id).await?;
        let answer = match answer {
            Ok(answer) => answer,
            // A final order's workflow has ended: the database has the answer.
            Err(_) if OrderStatus::from_model(&found.order.status).is_final() => {
                return Err(Failure::shipment_event_refused(
                    found.order.status,
                    format!("order {id} is `{}`: `{}` refused", found.order.status, status.as_str()),
                ));
            }
            Err(e) => {
                warn!(order_id = id.get(), error = format!("{e:#}"), "shipment event did not reach the workflow");
                return Err(Failure::unavailable(format!(
                    "the order's workflow could not be reached in time; nothing was changed: {e}"
                )));
            }
        };
        match answer {
            Some(answer) if answer.outcome == ShipmentEventAnswer::ACCEPTED => {}
            Some(answer) if answer.outcome == ShipmentEventAnswer::REFUSED => {
                return Err(Failure::shipment_event_refused(
                    found.order.status,
                    format!("order {id}: `{}` refused: {}", status.as_str(), answer.detail),
                ));
            }
            Some(answer) => {
                return Err(Failure::unavailable(format!(
                    "the order's workflow did not take the event in time ({}); nothing was changed",
                    answer.outcome
                )));
            }
            // Taken up; the order shows it once the workflow is done.
            None => {}
        }
        self.add_details(&mut found).await?;
        Ok(found)
    }

    pub(super) async fn events(&self, caller: Principal, id: u64) -> Outcome<Vec<models::OrderEvent>> {
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
                // Only saga events have a step: the seed's orders' history reads as before.
                event.step = e.step.map(swagger::Nullable::Present);
                Ok(event)
            })
            .collect()
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

/// A new order as parsed from `POST /orders`: an amount (the seed's orders), or lines priced
/// from the catalog, with an optional amount that must match them.
struct NewOrder {
    customer_id: CustomerId,
    amount: Option<Money>,
    lines: Option<OrderLines>,
}

impl NewOrder {
    /// Every refused field is named, not only the first.
    fn parse(request: &models::CreateOrderRequest) -> Outcome<Self> {
        let mut errors = Vec::new();
        let customer_id = CustomerId::parse("customer_id", request.customer_id).map_err(|e| errors.push(e)).ok();
        let amount =
            request.total_amount.and_then(|a| Money::parse("total_amount", a).map_err(|e| errors.push(e)).ok());
        let lines = request.items.as_ref().and_then(|items| {
            let items: Vec<_> = items.iter().map(|i| (i.sku.clone(), i.quantity)).collect();
            OrderLines::parse(&items).map_err(|e| errors.extend(e)).ok()
        });
        if request.items.is_none() && request.total_amount.is_none() {
            errors.push(FieldError::new("total_amount", "is required for an order without items"));
        }
        match (customer_id, errors.is_empty()) {
            (Some(customer_id), true) => Ok(Self { customer_id, amount, lines }),
            _ => Err(Failure::invalid_fields(errors)),
        }
    }

    /// What an Idempotency-Key remembers of the request (parsed values: `10.5` is `10.50`).
    fn fingerprint(&self) -> String {
        let mut print = format!("customer_id={}", self.customer_id.get());
        if let Some(amount) = self.amount {
            print.push_str(&format!(";total_amount={}", amount.get()));
        }
        if let Some(lines) = &self.lines {
            let lines: Vec<_> = lines.lines().iter().map(|(sku, q)| format!("{}:{q}", sku.as_str())).collect();
            print.push_str(&format!(";items={}", lines.join(",")));
        }
        print
    }
}

/// Inserts the order (with its outbox entry and first event); an order with lines is priced
/// from the catalog and must be inserted in a transaction (the lines are a second statement).
async fn insert_order(
    client: &impl orders_db::client::GenericClient,
    new: &NewOrder,
    request_id: String,
) -> Outcome<models::Order> {
    let Some(lines) = &new.lines else {
        let amount = new.amount.expect("parsed: an order without lines has an amount");
        let row = db::traced(
            "insert_order",
            queries::insert_order().bind(client, &new.customer_id.get(), &amount.get(), &0, &Some(request_id)).one(),
        )
        .await?;
        crate::metrics::get().orders_created.inc();
        info!(order_id = row.id, customer_id = row.customer_id, "order created");
        return Ok(to_model(row)?.order);
    };
    let skus: Vec<&str> = lines.lines().iter().map(|(sku, _)| sku.as_str()).collect();
    let prices: std::collections::HashMap<String, Decimal> =
        db::traced("products_by_skus", catalog_queries::products_by_skus().bind(client, &skus).all())
            .await?
            .into_iter()
            .map(|p| (p.sku, p.unit_price))
            .collect();
    let mut errors = Vec::new();
    let mut total = Decimal::ZERO;
    let mut items = Vec::with_capacity(skus.len());
    for (i, (sku, quantity)) in lines.lines().iter().enumerate() {
        match prices.get(sku.as_str()) {
            Some(price) => {
                let line_total = Decimal::from(*quantity) * price;
                total += line_total;
                items.push(models::OrderItem::new(sku.as_str().to_owned(), *quantity as u32, *price, line_total));
            }
            None => errors
                .push(FieldError::new(format!("items[{i}].sku"), format!("{} is not in the catalog", sku.as_str()))),
        }
    }
    if errors.is_empty() {
        match new.amount {
            _ if total > Money::MAX => errors.push(FieldError::new(
                "total_amount",
                format!("the lines add up to {total}, above the maximum {}", Money::MAX),
            )),
            Some(given) if given.get() != total => errors
                .push(FieldError::new("total_amount", format!("{} is not the sum of the lines, {total}", given.get()))),
            _ => {}
        }
    }
    if !errors.is_empty() {
        return Err(Failure::invalid_fields(errors));
    }
    let count = items.len() as i32;
    let row = db::traced(
        "insert_order",
        queries::insert_order().bind(client, &new.customer_id.get(), &total, &count, &Some(request_id)).one(),
    )
    .await?;
    let quantities: Vec<i32> = lines.lines().iter().map(|(_, q)| *q).collect();
    let unit_prices: Vec<Decimal> = items.iter().map(|i| i.unit_price).collect();
    db::traced(
        "insert_order_items",
        queries::insert_order_items().bind(client, &row.id, &skus, &quantities, &unit_prices),
    )
    .await?;
    crate::metrics::get().orders_created.inc();
    info!(order_id = row.id, customer_id = row.customer_id, lines = count, "order created");
    let mut order = to_model(row)?.order;
    order.items = Some(items);
    Ok(order)
}

fn parse_status(status: &str) -> Outcome<models::OrderStatus> {
    models::OrderStatus::from_str(status).map_err(|_| Failure::internal(format!("unknown status {status:?}")))
}

/// What the order's workflow records to be recognised as this order's, whether the order has
/// items (its workflow is then the saga), and its status now: what some calls can be answered
/// from without the workflow.
struct WorkflowTarget {
    origin: OrderOrigin,
    with_items: bool,
    status: models::OrderStatus,
}

fn to_model(row: queries::Order) -> Outcome<Found> {
    let mut order = models::Order::new(
        row.id,
        row.customer_id,
        parse_status(&row.status)?,
        row.total_amount,
        row.created_at.with_timezone(&Utc),
        row.updated_at.with_timezone(&Utc),
    );
    let with_items = row.item_count > 0;
    if with_items {
        order.failure_reason = row.failure_reason.as_deref().and_then(|r| models::OrderFailureReason::from_str(r).ok());
        order.short_skus = row.short_skus;
        order.delivery_overdue = Some(row.delivery_overdue);
    }
    Ok(Found { order, version: row.version, with_items })
}
