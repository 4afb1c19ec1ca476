#!/usr/bin/env bash
# Usage: bench/wrk_submit.sh JAR [JAR ...]
# wrk -t2 -c16 POST /api/v1/todos/ical for 10 s (after a 3 s warm-up) against each jar in turn,
# run with the http and store roles only: every 202 is a committed row and a queued entry.
# Needs wrk, PostgreSQL and Redis on the default ports, and port 6400 free.
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
measure() { # label jar
  local label=$1 jar=$2 db=wrk_submit_$1 n
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db" >/dev/null 2>&1
  TASKOVERFLOW_PG_URL=postgresql://postgres@127.0.0.1:5432/$db TASKOVERFLOW_REDIS_KEY_PREFIX="$db:" \
    TASKOVERFLOW_ROLES=http,store java -jar "$jar" > "/tmp/$label-wrk.log" 2>&1 &
  local pid=$!
  for n in $(seq 1 60); do curl -sf localhost:6400/api/v1/health >/dev/null && break; sleep 0.5; done
  wrk -t2 -c16 -d3s -s "$here/post_ical.lua" http://127.0.0.1:6400 > /dev/null
  echo "== $jar"
  wrk -t2 -c16 -d10s --latency -s "$here/post_ical.lua" http://127.0.0.1:6400 | grep -E "Requests/sec|50%|99%|Non-2xx"
  kill -TERM $pid; wait $pid
  redis-cli --scan --pattern "$db:*" | xargs -r redis-cli del > /dev/null
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db" >/dev/null 2>&1
}
i=0
for jar in "$@"; do
  i=$((i + 1))
  measure "jar$i" "$jar"
done
