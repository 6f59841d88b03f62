-- title: Generate transactions while the standby is down
-- node: postgres-primary
-- step: 3

CREATE TABLE IF NOT EXISTS network_test (
    id SERIAL PRIMARY KEY,
    data TEXT,
    created_at TIMESTAMP DEFAULT now()
);

-- Insert 100,000 rows while standby is offline
INSERT INTO network_test (data)
SELECT 'Data row ' || generate_series(1, 100000);

-- Check how much WAL was generated
SELECT pg_current_wal_lsn();
