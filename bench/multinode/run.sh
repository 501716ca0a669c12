#!/usr/bin/env bash
# Runs the multi-node scenarios against a throwaway PostgreSQL instance of its own, on
# 127.0.0.1:55432 by default, so that stopping the database disturbs nothing else.
#   bench/multinode/run.sh                 all scenarios
#   bench/multinode/run.sh outage          one of: throughput1 throughput2 kill outage
# Extra driver flags go in ACTIONBOX_BENCH_ARGS, e.g. "--pool-size 4 --senders 32".
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT=${ACTIONBOX_BENCH_PG_PORT:-55432}
PGBIN=${ACTIONBOX_BENCH_PGBIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
SCENARIOS=${*:-throughput1 throughput2 kill outage}

if [ ! -f target/actionbox.jar ]; then
    echo "Building target/actionbox.jar"
    mvn -B -q package -DskipTests
fi

# PostgreSQL refuses to run as root; run its tools as the postgres user then.
AS_PG=""
if [ "$(id -u)" = 0 ]; then
    AS_PG="runuser -u postgres --"
fi

CLUSTER=$(mktemp -d)
if [ -n "$AS_PG" ]; then
    chown postgres "$CLUSTER"
fi
PG_CTL="$AS_PG $PGBIN/pg_ctl -D $CLUSTER/data -l $CLUSTER/postgres.log"
cleanup() {
    $PG_CTL -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$CLUSTER"
}
trap cleanup EXIT

echo "Starting a throwaway PostgreSQL on 127.0.0.1:${PORT}"
$AS_PG "$PGBIN/initdb" -D "$CLUSTER/data" --auth=trust -U postgres >/dev/null
START="$PG_CTL -o '-p $PORT -k $CLUSTER -c listen_addresses=127.0.0.1' -w start"
STOP="$PG_CTL -m fast -w stop"
bash -c "$START" >/dev/null

bench() {
    java -cp target/actionbox.jar bench/multinode/MultiNodeBench.java \
        --admin-url "jdbc:postgresql://127.0.0.1:${PORT}/postgres" "$@" \
        ${ACTIONBOX_BENCH_ARGS:-}
}

for scenario in $SCENARIOS; do
    echo "==> $scenario"
    case "$scenario" in
        throughput1) bench --scenario throughput --nodes 1 --messages 2000 ;;
        throughput2) bench --scenario throughput --nodes 2 --messages 2000 ;;
        kill) bench --scenario kill --nodes 2 --messages 2000 ;;
        outage) bench --scenario outage --nodes 1 --rate 40 --seconds 60 --outage-at 10 \
            --outage-seconds 30 --stop "$STOP" --start "$START" ;;
        *) echo "Unknown scenario $scenario" >&2; exit 2 ;;
    esac
done
