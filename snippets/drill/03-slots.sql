-- title: Replication slots on the primary
-- node: postgres-primary

SELECT
    slot_name,
    slot_type,
    active,
    xmin,
    age(xmin) AS xmin_age,
    wal_status,
    pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)) AS wal_retained
FROM pg_replication_slots
ORDER BY slot_name;
