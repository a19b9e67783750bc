-- The saga's steps and their compensations (src/workflow/activities.rs). Each step is written so
-- that running it again changes nothing: a retried or replayed activity is harmless.

-- A step that does not change the order's status, recorded in its history. Nothing is recorded
-- for an order that is gone.
--! record_order_step (request_id?)
INSERT INTO order_events (order_id, from_status, to_status, reason, request_id, step)
SELECT id, status, status, :reason, :request_id, :step FROM orders WHERE id = :order_id;

-- ReserveStock: the order's lines with what each product has left, its product rows locked
-- (in SKU order, so concurrent reservations never deadlock) until the transaction ends. NO KEY:
-- new orders' lines (a foreign key to the product) are not held up meanwhile.
--! lock_order_stock
SELECT i.sku, i.quantity, p.stock - p.reserved AS available
FROM order_items i JOIN products p ON p.sku = i.sku
WHERE i.order_id = :order_id
ORDER BY i.sku
FOR NO KEY UPDATE OF p;

--! order_reservation_lines
SELECT count(*) AS lines FROM stock_reservations WHERE order_id = :order_id;

-- Holds every line of the order (run while `lock_order_stock` holds the rows).
--! reserve_order_stock
WITH held AS (
    INSERT INTO stock_reservations (order_id, sku, quantity)
    SELECT order_id, sku, quantity FROM order_items WHERE order_id = :order_id
    ON CONFLICT DO NOTHING
    RETURNING sku, quantity
)
UPDATE products p SET reserved = p.reserved + held.quantity, updated_at = CURRENT_TIMESTAMP
FROM held WHERE p.sku = held.sku;

-- ReleaseStock: gives back what the order holds; nothing when it holds nothing.
--! release_order_stock
WITH released AS (
    DELETE FROM stock_reservations WHERE order_id = :order_id RETURNING sku, quantity
)
UPDATE products p SET reserved = p.reserved - released.quantity, updated_at = CURRENT_TIMESTAMP
FROM released WHERE p.sku = released.sku;

-- On dispatch: what the order holds is sold, taken out of the stock for good.
--! take_order_stock
WITH taken AS (
    DELETE FROM stock_reservations WHERE order_id = :order_id RETURNING order_id, sku, quantity
), sold AS (
    INSERT INTO stock_sales (order_id, sku, quantity) SELECT order_id, sku, quantity FROM taken
    ON CONFLICT DO NOTHING
)
UPDATE products p
SET stock = p.stock - taken.quantity, reserved = p.reserved - taken.quantity, updated_at = CURRENT_TIMESTAMP
FROM taken WHERE p.sku = taken.sku;

-- Why an order failed (set in the transaction that moves it to `failed`).
--! set_order_failure (short_skus?)
UPDATE orders SET failure_reason = :reason, short_skus = :short_skus
WHERE id = :order_id AND failure_reason IS NULL;

-- The delivery took longer than ORDERS_DELIVERY_TIMEOUT: flagged once.
--! flag_delivery_overdue
UPDATE orders SET delivery_overdue = true, updated_at = CURRENT_TIMESTAMP
WHERE id = :order_id AND NOT delivery_overdue AND status IN ('processing', 'shipped');

-- ChargePayment: what it charges, and for whom.
--! order_charge_terms
SELECT customer_id, total_amount, (SELECT id::text FROM database_identity) AS database_id
FROM orders WHERE id = :order_id;

--: Payment(reference?)

--! payment_for_order : Payment
SELECT order_id, idempotency_key, amount, status, reference FROM payments WHERE order_id = :order_id;

-- Written before the gateway is asked, so that a crash in between leaves a `pending` payment
-- whose retry uses the same idempotency key.
--! start_payment : Payment
WITH started AS (
    INSERT INTO payments (order_id, idempotency_key, amount, status)
    VALUES (:order_id, :idempotency_key, :amount, 'pending')
    ON CONFLICT (order_id) DO NOTHING
    RETURNING order_id, idempotency_key, amount, status, reference
)
SELECT * FROM started
UNION ALL
SELECT order_id, idempotency_key, amount, status, reference FROM payments
WHERE order_id = :order_id AND NOT EXISTS (SELECT 1 FROM started);

-- The gateway's answer; a payment moves only forward (pending -> charged | declined,
-- charged -> refunded).
--! settle_payment (reference?)
UPDATE payments SET status = :status, reference = COALESCE(:reference, reference), updated_at = CURRENT_TIMESTAMP
WHERE order_id = :order_id
  AND (status, :status::text) IN (('pending', 'charged'), ('pending', 'declined'), ('charged', 'refunded'),
                            ('pending', 'refunded'));

-- The `ledger` gateway: one customer's charges are decided one at a time.
--! lock_ledger_customer
SELECT true AS locked FROM (SELECT pg_advisory_xact_lock(:customer_id)) AS l;

--: LedgerCharge()

--! ledger_charge : LedgerCharge
SELECT status, reference, amount FROM ledger_charges WHERE idempotency_key = :idempotency_key;

-- What the customer owes: its charges that are not refunded.
--! ledger_outstanding
SELECT COALESCE(sum(amount), 0)::numeric(12,2) AS outstanding
FROM ledger_charges WHERE customer_id = :customer_id AND status = 'charged';

--! insert_ledger_charge : LedgerCharge
INSERT INTO ledger_charges (idempotency_key, customer_id, amount, status, reference)
VALUES (:idempotency_key, :customer_id, :amount, :status, :reference)
RETURNING status, reference, amount;

-- A refund of a charge; refunding twice, or what was never charged, changes nothing.
--! refund_ledger_charge
UPDATE ledger_charges SET status = 'refunded' WHERE idempotency_key = :idempotency_key AND status = 'charged';

--: Shipment()

-- BookShipment: one shipment per order; booking again returns the first.
--! book_shipment : Shipment
WITH booked AS (
    INSERT INTO shipments (order_id, carrier, tracking_number, status)
    VALUES (:order_id, :carrier, :tracking_number, 'booked')
    ON CONFLICT (order_id) DO NOTHING
    RETURNING carrier, tracking_number, status
)
SELECT * FROM booked
UNION ALL
SELECT carrier, tracking_number, status FROM shipments
WHERE order_id = :order_id AND NOT EXISTS (SELECT 1 FROM booked);

-- A shipment moves forward only: booked -> dispatched -> delivered; booked -> cancelled.
--! advance_shipment
UPDATE shipments SET status = :to, updated_at = CURRENT_TIMESTAMP
WHERE order_id = :order_id
  AND (status, :to::text) IN (('booked', 'dispatched'), ('dispatched', 'delivered'), ('booked', 'cancelled'));
