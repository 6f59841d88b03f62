-- title: Scene: the reporting table analysts read on the standby
-- node: postgres-primary
-- note: not in the seed, which never creates the lag it troubleshoots; steps 00a–00c make real replay lag

CREATE TABLE IF NOT EXISTS daily_report (
    id      INT PRIMARY KEY,
    region  INT,
    amount  NUMERIC(10,2)
);

INSERT INTO daily_report
SELECT g, g % 20, round((random() * 500)::numeric, 2)
FROM generate_series(1, 200000) g
ON CONFLICT (id) DO NOTHING;

SELECT count(*) AS report_rows, pg_current_wal_lsn() AS primary_lsn FROM daily_report;
