# title: Insert conflicting data
# step: 3

# OLD PRIMARY (Timeline 1): Insert order
docker exec postgres-primary psql -U postgres -c "
CREATE TABLE IF NOT EXISTS orders (
    id SERIAL PRIMARY KEY,
    order_number VARCHAR(50),
    timeline INT
);

INSERT INTO orders (order_number, timeline)
VALUES ('ORD-TIMELINE-1', 1)
RETURNING *;
"

# NEW PRIMARY (Timeline 2): Insert different order
docker exec postgres-standby psql -U postgres -c "
CREATE TABLE IF NOT EXISTS orders (
    id SERIAL PRIMARY KEY,
    order_number VARCHAR(50),
    timeline INT
);

INSERT INTO orders (order_number, timeline)
VALUES ('ORD-TIMELINE-2', 2)
RETURNING *;
"
