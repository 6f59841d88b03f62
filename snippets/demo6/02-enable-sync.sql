-- title: Enable synchronous replication (zero data loss)
-- node: postgres-primary
-- step: 2
-- note: runs statement by statement (like psql -f), because the seed's single psql -c string fails (ALTER SYSTEM cannot run inside a transaction block); waits until the walsender has picked up the reload instead of the seed's pg_sleep(5)

-- Enable sync replication
ALTER SYSTEM SET synchronous_standby_names = 'standby';
SELECT pg_reload_conf();

-- Wait until the walsender has picked up the reload (its sync_priority turns 1), at most 5 seconds
DO $$
DECLARE
    started timestamptz := clock_timestamp();
BEGIN
    WHILE NOT EXISTS (SELECT 1 FROM pg_stat_replication WHERE sync_priority > 0)
          AND clock_timestamp() < started + interval '5 seconds' LOOP
        PERFORM pg_sleep(0.01);
    END LOOP;
    RAISE NOTICE 'walsender saw the reload after % ms',
        round(extract(epoch FROM clock_timestamp() - started) * 1000);
END $$;

-- Verify sync is active
SELECT 
    application_name,
    sync_state,
    sync_priority
FROM pg_stat_replication;
