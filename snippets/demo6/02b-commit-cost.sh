# title: Beyond the seed: what a synchronous commit costs across a slower link
# note: not in the seed: 20 ms added to each round trip between the nodes (pgdemo-net delay), then ten commits each way; the seed's sync overhead depends on the link, so it is measured here
# timeout: 2m

pgdemo-net delay 20

# PRIMARY: ten single-row commits that wait only for the local disk (what async replication gives), then ten that
# also wait for the synchronous standby to flush them
docker exec postgres-primary psql -U postgres -c "
CREATE TABLE IF NOT EXISTS commit_cost (id serial PRIMARY KEY, mode text);
CREATE OR REPLACE PROCEDURE time_commits(INOUT synchronous_commit text, n int, INOUT avg_commit_ms numeric DEFAULT NULL)
LANGUAGE plpgsql AS \$\$
DECLARE
    started timestamptz;
    total interval := interval '0';
BEGIN
    FOR i IN 1..n LOOP
        PERFORM set_config('synchronous_commit', time_commits.synchronous_commit, true);
        started := clock_timestamp();
        INSERT INTO commit_cost (mode) VALUES (time_commits.synchronous_commit);
        COMMIT;
        total := total + (clock_timestamp() - started);
    END LOOP;
    avg_commit_ms := round((extract(epoch FROM total) * 1000 / n)::numeric, 2);
END \$\$;
" > /dev/null
docker exec postgres-primary psql -U postgres -c "CALL time_commits('local', 10)" -c "CALL time_commits('on', 10)"

pgdemo-net delay 0
