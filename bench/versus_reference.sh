#!/usr/bin/env bash
# Usage: bench/versus_reference.sh [JAR]
# The shared harness (../shared/bench/bench.py, default phases) against TaskOverflow (one JVM, every
# role, a fresh database) and then against the original Flask + Celery stack (../shared/reference,
# its Debian packages installed as its README says), back to back; prints one row per run.
# PostgreSQL and Redis on the default ports; ports 6400 and 6401 free.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
shared=$(cd "$here/../../shared" && pwd)
jar=${1:-$here/../target/taskoverflow.jar}
out=${OUT:-/tmp/bench-results}; mkdir -p "$out"
stamp=$(date +%Y%m%dT%H%M%S)
db=taskoverflow_bench

psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db with (force)"
TASKOVERFLOW_PG_URL=postgresql://postgres@127.0.0.1:5432/$db TASKOVERFLOW_REDIS_KEY_PREFIX="$db:" \
  java -jar "$jar" > /tmp/taskoverflow-bench.log 2>&1 &
echo $! > /tmp/to.pid
trap 'kill -TERM $(cat /tmp/to.pid) 2>/dev/null || true; "$shared/reference/stop.sh" > /dev/null 2>&1 || true' EXIT
for n in $(seq 1 120); do curl -sf localhost:6400/api/v1/health > /dev/null && break; sleep 0.5; done
/usr/bin/python3 "$shared/bench/bench.py" http://127.0.0.1:6400 --label taskoverflow \
  --target-pidfile /tmp/to.pid --out "$out/taskoverflow-$stamp.json"
kill -TERM "$(cat /tmp/to.pid)"; wait "$(cat /tmp/to.pid)" || true

"$shared/reference/stop.sh" > /dev/null 2>&1 || true
RESET_RESULTS=1 ICAL_SLEEP_S=0 "$shared/reference/start.sh"
/usr/bin/python3 "$shared/bench/bench.py" http://127.0.0.1:6401 --label reference \
  --target-pidfile /tmp/ref/gunicorn.pid --target-pidfile /tmp/ref/celery.pid --out "$out/reference-$stamp.json"
"$shared/reference/stop.sh"

/usr/bin/python3 "$shared/bench/summarize.py" "$out/taskoverflow-$stamp.json" "$out/reference-$stamp.json"
