-- title: Verify write capability
-- node: postgres-standby
-- step: 6
-- note: the new order gets id 34, not the seed's 3: a sequence WAL-logs 32 values ahead, and the promoted standby continues after the logged value

-- Insert new order on new primary
INSERT INTO orders (order_number, customer_email, total_amount)
VALUES ('ORD-2025-003', 'new@customer.com', 399.99)
RETURNING id, order_number, total_amount;
