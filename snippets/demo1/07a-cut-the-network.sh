# title: Beyond the seed: cut the network instead of pausing the standby
# note: not in the seed, which only pauses the standby; Docker has no command that cuts just the link between two containers (network disconnect would cut the deck off the standby too), so the deck's pgdemo-net does it

# The standby keeps running; only the link between the two nodes is cut, both ways
pgdemo-net cut postgres-standby

# PRIMARY: writes go on
docker exec postgres-primary psql -U postgres -c "
INSERT INTO network_test (data)
SELECT 'Written during the partition ' || generate_series(1, 1000);
"
