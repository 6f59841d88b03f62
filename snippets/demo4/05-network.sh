# title: Check the network between primary and standby
# step: 5

# Test network bandwidth
docker exec postgres-primary bash -c "
ping -c 5 postgres-standby 2>&1 | tail -2
"
