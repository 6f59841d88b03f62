-- title: Data integrity verification
-- node: postgres-standby
-- step: 7
-- note: lists ids 1, 2 and 34 where the seed shows 1, 2, 3 (step 6: the sequence skipped its WAL-logged values at promotion)

SELECT 
    count(*) AS total_orders,
    sum(total_amount) AS total_revenue,
    max(created_at) AS latest_order
FROM orders;

-- List all orders
SELECT * FROM orders ORDER BY id;
