#!/usr/bin/env bash
# Usage: bench/list_100k.sh [JAR [OTHER_JAR]]  (HEAP=-Xmx128m to cap the heap); PostgreSQL and Redis on the default ports, port 6400 free.
# GET /todos with 100k todos (50-character descriptions): time and the JVM's peak RSS, per jar.
set -u
measure() { # label jar
  local label=$1 jar=$2 db=list100k_$1
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db" >/dev/null 2>&1
  TASKOVERFLOW_PG_URL=postgresql://postgres@127.0.0.1:5432/$db TASKOVERFLOW_REDIS_KEY_PREFIX="$db:" java ${HEAP:-} -jar $jar > /tmp/$label-list.log 2>&1 &
  local pid=$! n
  for n in $(seq 1 60); do curl -sf localhost:6400/api/v1/health >/dev/null && break; sleep 0.5; done
  psql -h 127.0.0.1 -U postgres -d $db -qc "INSERT INTO todos (owner, title, description, completed, deadline_at, created_at, updated_at) SELECT '', 'todo ' || g, repeat('d', 50), false, now() at time zone 'utc' + g * interval '1 minute', now() at time zone 'utc', now() at time zone 'utc' FROM generate_series(1, 100000) g"
  local rss0=$(grep VmRSS /proc/$pid/status | awk '{print $2}')
  for run in 1 2 3; do
    curl -s -o /dev/null -w "$label run $run: %{http_code} %{size_download} bytes in %{time_total} s (first byte %{time_starttransfer} s)\n" localhost:6400/api/v1/todos
  done
  echo "$label: RSS before $((rss0/1024)) MB, peak $(( $(grep VmHWM /proc/$pid/status | awk '{print $2}') / 1024 )) MB"
  kill -TERM $pid; wait $pid
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db" >/dev/null 2>&1
}
measure streamed "${1:-target/taskoverflow.jar}"
[ -n "${2:-}" ] && measure other "$2"
