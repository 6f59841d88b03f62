-- title: Generate high-volume writes
-- node: postgres-primary
-- step: 2
-- timeout: 5m
-- note: records the WAL position and the clock around the insert (demo_metrics) so step 4 computes real throughput; '0/0' measures all WAL since initdb

CREATE TABLE IF NOT EXISTS orders (
    id SERIAL PRIMARY KEY,
    customer_id INT,
    product_code VARCHAR(50),
    amount NUMERIC(10,2),
    order_date TIMESTAMP DEFAULT now()
);

-- Create index for realistic workload
CREATE INDEX IF NOT EXISTS idx_orders_customer ON orders(customer_id);
CREATE INDEX IF NOT EXISTS idx_orders_date ON orders(order_date);

-- Remember where WAL, clock and row ids stand before the insert (step 4 computes the throughput from them)
CREATE TABLE IF NOT EXISTS demo_metrics (
    label TEXT PRIMARY KEY,
    wal_lsn PG_LSN,
    recorded_at TIMESTAMPTZ,
    max_order_id INT
);
INSERT INTO demo_metrics
SELECT 'before_insert', pg_current_wal_lsn(), clock_timestamp(), coalesce(max(id), 0) FROM orders
ON CONFLICT (label) DO UPDATE SET wal_lsn = EXCLUDED.wal_lsn, recorded_at = EXCLUDED.recorded_at,
    max_order_id = EXCLUDED.max_order_id;

-- Insert 1 million rows as fast as possible
\timing on
INSERT INTO orders (customer_id, product_code, amount)
SELECT 
    (random() * 10000)::int,
    'PROD-' || (random() * 1000)::int,
    (random() * 1000 + 10)::numeric(10,2)
FROM generate_series(1, 1000000);

INSERT INTO demo_metrics
SELECT 'after_insert', pg_current_wal_lsn(), clock_timestamp(), coalesce(max(id), 0) FROM orders
ON CONFLICT (label) DO UPDATE SET wal_lsn = EXCLUDED.wal_lsn, recorded_at = EXCLUDED.recorded_at,
    max_order_id = EXCLUDED.max_order_id;

-- Check WAL generated
SELECT pg_size_pretty(
    pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')
);

-- ...that is all WAL since initdb; the insert's own WAL is the LSN difference around it
SELECT 
    after.max_order_id - before.max_order_id AS rows_inserted,
    pg_size_pretty(pg_wal_lsn_diff(after.wal_lsn, before.wal_lsn)) AS insert_wal,
    round(extract(epoch FROM after.recorded_at - before.recorded_at), 1) AS insert_seconds
FROM demo_metrics before, demo_metrics after
WHERE before.label = 'before_insert' AND after.label = 'after_insert';
