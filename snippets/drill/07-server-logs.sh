# title: The last lines of each server's log

# the time of day and the message: the date and the time zone are the same on every line
SHORTER='s/^[0-9]{4}-[0-9]{2}-[0-9]{2} ([0-9:.]+) [A-Z]+ /\1 /'
echo "== postgres-primary"
docker exec postgres-primary bash -c 'tail -n 8 "$PGDEMO_LOG"' | sed -E "$SHORTER" | cut -c 1-150
echo "== postgres-standby"
docker exec postgres-standby bash -c 'tail -n 8 "$PGDEMO_LOG"' | sed -E "$SHORTER" | cut -c 1-150
