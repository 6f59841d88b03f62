-- title: Quorum commit: ANY 1 (standby, standby2)
-- node: postgres-primary
-- step: 2
-- note: not in the seed: a commit waits for whichever ONE of the two standbys flushes it first; statement by statement, because ALTER SYSTEM cannot run inside a transaction block

ALTER SYSTEM SET synchronous_standby_names = 'ANY 1 (standby, standby2)';
SELECT pg_reload_conf();

-- Wait until both walsenders have picked up the reload (sync_state turns quorum), at most 5 seconds
DO $$
DECLARE
    started timestamptz := clock_timestamp();
BEGIN
    WHILE (SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'quorum') < 2
          AND clock_timestamp() < started + interval '5 seconds' LOOP
        PERFORM pg_sleep(0.01);
    END LOOP;
END $$;

SELECT application_name, state, sync_priority, sync_state
FROM pg_stat_replication
ORDER BY application_name;
