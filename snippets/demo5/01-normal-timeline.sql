-- title: Show normal timeline
-- node: postgres-primary
-- step: 1

SELECT 
    pg_control_checkpoint()::text AS checkpoint_info;

SELECT timeline_id, redo_wal_file
FROM pg_control_checkpoint();
