-- title: Insert final critical transaction
-- node: postgres-primary
-- step: 2

INSERT INTO orders (order_number, customer_email, total_amount)
VALUES ('ORD-2025-002', 'vip@company.com', 1299.99)
RETURNING id, order_number, total_amount, created_at;
