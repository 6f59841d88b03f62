-- title: Data integrity verification
-- node: postgres-standby
-- step: 7

SELECT 
    count(*) AS total_orders,
    sum(total_amount) AS total_revenue,
    max(created_at) AS latest_order
FROM orders;

-- List all orders
SELECT * FROM orders ORDER BY id;
