-- title: Generate high-volume writes
-- node: postgres-primary
-- step: 2
-- timeout: 5m
-- note: records the WAL position and the clock around the insert (demo_metrics) so step 4 computes real throughput, and waits until the standby has replayed the insert to time its catch-up; '0/0' measures all WAL since initdb

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

-- Wait (at most 2 minutes) until the standby has replayed the whole insert, and record when
DO $$
DECLARE
    inserted pg_lsn := (SELECT wal_lsn FROM demo_metrics WHERE label = 'after_insert');
    deadline timestamptz := clock_timestamp() + interval '2 minutes';
BEGIN
    WHILE NOT EXISTS (SELECT 1 FROM pg_stat_replication WHERE replay_lsn >= inserted)
          AND clock_timestamp() < deadline LOOP
        PERFORM pg_sleep(0.05);
    END LOOP;
    INSERT INTO demo_metrics
    SELECT 'standby_replayed', replay_lsn, clock_timestamp(), NULL
    FROM pg_stat_replication WHERE replay_lsn >= inserted
    ON CONFLICT (label) DO UPDATE SET wal_lsn = EXCLUDED.wal_lsn, recorded_at = EXCLUDED.recorded_at;
END $$;

-- Check WAL generated
SELECT pg_size_pretty(
    pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')
);

-- ...that is all WAL since initdb; the insert's own WAL is the LSN difference around it
SELECT 
    after.max_order_id - before.max_order_id AS rows_inserted,
    pg_size_pretty(pg_wal_lsn_diff(after.wal_lsn, before.wal_lsn)) AS insert_wal,
    round(extract(epoch FROM after.recorded_at - before.recorded_at), 1) AS insert_seconds,
    round(extract(epoch FROM replayed.recorded_at - after.recorded_at), 2) AS standby_caught_up_after_s
FROM demo_metrics before
JOIN demo_metrics after ON after.label = 'after_insert'
LEFT JOIN demo_metrics replayed ON replayed.label = 'standby_replayed' AND replayed.recorded_at > after.recorded_at
WHERE before.label = 'before_insert';
