# title: Check standby resources
# step: 4
# note: adds the recovery processes' own lines: the seed's `head -10` cuts the process list before the startup process, whose title says whether replay is busy or waiting

# Check standby CPU and I/O
docker exec postgres-standby bash -c "
echo '=== CPU Usage ==='
top -bn1 | grep 'Cpu' | head -1

echo ''
echo '=== Disk I/O (last 1 second) ==='
iostat -x 1 2 | grep -A20 'Device'

echo ''
echo '=== PostgreSQL processes ==='
ps aux | grep postgres | head -10

echo ''
echo '=== Replay (startup) and streaming (walreceiver) ==='
ps aux | grep -E '[s]tartup|[w]alreceiver'
"
