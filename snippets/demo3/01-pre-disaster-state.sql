-- title: Document pre-disaster state
-- node: postgres-primary
-- step: 1

-- Create critical production data
CREATE TABLE IF NOT EXISTS orders (
    id SERIAL PRIMARY KEY,
    order_number VARCHAR(50) UNIQUE,
    customer_email VARCHAR(255),
    total_amount NUMERIC(10,2),
    created_at TIMESTAMP DEFAULT now()
);

INSERT INTO orders (order_number, customer_email, total_amount)
VALUES ('ORD-2025-001', 'customer@example.com', 599.99);

-- Capture current state
\echo '=== PRE-DISASTER STATE ==='
SELECT 
    pg_current_wal_lsn() AS primary_lsn,
    now() AS timestamp;

SELECT * FROM orders;
