-- title: Verify write capability
-- node: postgres-standby
-- step: 6

-- Insert new order on new primary
INSERT INTO orders (order_number, customer_email, total_amount)
VALUES ('ORD-2025-003', 'new@customer.com', 399.99)
RETURNING id, order_number, total_amount;
