DROP TRIGGER IF EXISTS orders_status_transition ON orders;
DROP FUNCTION IF EXISTS check_order_status_transition();
DROP FUNCTION IF EXISTS order_status_transition_allowed(TEXT, TEXT);
DROP TABLE IF EXISTS order_events;
