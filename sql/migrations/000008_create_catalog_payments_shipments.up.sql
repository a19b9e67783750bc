-- The order domain (issue #11): a catalog with stock, orders with items, and the saga's records
-- (stock reservations, payments, shipments). The saga's tables do not reference `orders`: they
-- are what the warehouse, the payment gateway and the carrier hold, and a compensation must still
-- find them after a deleted order is gone.

CREATE TABLE products (
    sku        VARCHAR(64)   PRIMARY KEY CHECK (sku ~ '^[A-Za-z0-9._-]{1,64}$'),
    name       TEXT          NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    unit_price NUMERIC(10,2) NOT NULL CHECK (unit_price >= 0),
    -- Units on hand; `reserved` of them are held by open orders. Never below zero, never
    -- more reserved than there are: two orders racing for the last unit cannot both get it.
    stock      INTEGER       NOT NULL CHECK (stock >= 0),
    reserved   INTEGER       NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= stock),
    version    BIGINT        NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ   NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ   NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TRIGGER products_bump_version
    BEFORE UPDATE ON products
    FOR EACH ROW EXECUTE FUNCTION bump_order_version();

-- An order's lines, priced from the catalog when the order was created.
CREATE TABLE order_items (
    order_id   BIGINT        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    sku        VARCHAR(64)   NOT NULL REFERENCES products (sku),
    quantity   INTEGER       NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
    unit_price NUMERIC(10,2) NOT NULL CHECK (unit_price >= 0),
    line_total NUMERIC(12,2) NOT NULL CHECK (line_total = quantity * unit_price),
    PRIMARY KEY (order_id, sku)
);

ALTER TABLE orders
    ADD COLUMN item_count       INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN failure_reason   TEXT CHECK (failure_reason IN ('out_of_stock', 'payment_declined')),
    ADD COLUMN short_skus       TEXT[],
    ADD COLUMN delivery_overdue BOOLEAN NOT NULL DEFAULT false;

-- Stock held for an order: one row per line while the order holds it. `products.reserved` is
-- the sum of these rows, kept by the same statements.
CREATE TABLE stock_reservations (
    order_id BIGINT      NOT NULL,
    sku      VARCHAR(64) NOT NULL REFERENCES products (sku),
    quantity INTEGER     NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, sku)
);

-- Units taken for good when an order was dispatched.
CREATE TABLE stock_sales (
    order_id BIGINT      NOT NULL,
    sku      VARCHAR(64) NOT NULL REFERENCES products (sku),
    quantity INTEGER     NOT NULL CHECK (quantity > 0),
    at       TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (order_id, sku)
);

-- The order's payment as this service knows it, whichever gateway took it.
CREATE TABLE payments (
    order_id        BIGINT        PRIMARY KEY,
    idempotency_key TEXT          NOT NULL UNIQUE,
    amount          NUMERIC(10,2) NOT NULL CHECK (amount >= 0),
    status          TEXT          NOT NULL CHECK (status IN ('pending', 'charged', 'declined', 'refunded')),
    reference       TEXT,
    updated_at      TIMESTAMPTZ   NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- The `ledger` payment gateway's own book: charges and refunds, idempotent by key.
CREATE TABLE ledger_charges (
    idempotency_key TEXT          PRIMARY KEY,
    customer_id     BIGINT        NOT NULL,
    amount          NUMERIC(10,2) NOT NULL CHECK (amount >= 0),
    status          TEXT          NOT NULL CHECK (status IN ('charged', 'declined', 'refunded')),
    reference       TEXT          NOT NULL UNIQUE,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_ledger_charges_customer ON ledger_charges (customer_id) WHERE status = 'charged';

CREATE TABLE shipments (
    order_id        BIGINT      PRIMARY KEY,
    carrier         TEXT        NOT NULL,
    tracking_number TEXT        NOT NULL UNIQUE,
    status          TEXT        NOT NULL CHECK (status IN ('booked', 'dispatched', 'delivered', 'cancelled')),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Steps that do not change the status (stock reserved, payment charged, ...) are events too.
ALTER TABLE order_events ADD COLUMN step TEXT;

-- The one transition table, with the saga's statuses: processing -> shipped -> completed;
-- processing -> failed; pending or processing -> cancelled. completed, cancelled and failed are
-- final.
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check
    CHECK (status IN ('pending', 'processing', 'shipped', 'completed', 'cancelled', 'failed'));

CREATE OR REPLACE FUNCTION order_status_transition_allowed(from_status TEXT, to_status TEXT)
RETURNS BOOLEAN IMMUTABLE LANGUAGE sql AS $$
    SELECT from_status = to_status
        OR (from_status, to_status) IN (
            ('pending', 'processing'), ('processing', 'completed'),
            ('processing', 'shipped'), ('shipped', 'completed'), ('processing', 'failed'),
            ('pending', 'cancelled'), ('processing', 'cancelled'))
$$;
