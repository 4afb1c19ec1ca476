#!/usr/bin/env bash
# Usage: bench/feed.sh [JAR] (TODOS=10000, PORT=6481); PostgreSQL and Redis on the default ports.
# The calendar feed of one owner with TODOS todos with deadlines, under wrk -t2 -c16 for 10 s
# (after 3 s of warm-up) on loopback: answered 304 (If-None-Match with the current ETag: one
# indexed read, no calendar) beside 200 (the whole calendar, streamed), and the JVM's peak RSS.
set -euo pipefail
jar=${1:-target/taskoverflow.jar}
todos=${TODOS:-10000}
port=${PORT:-6481}
db=feed_bench
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
. "$(dirname "$0")/one_jvm.sh"
start_jvm $db "$port" "$jar" 256m /tmp/feed-bench.log TASKOVERFLOW_ROLES=http,store
todos_with_deadlines $db "$todos" "1 hour"
feed=$(curl -sf -X POST "127.0.0.1:$port/api/v1/calendar/feed" | python3 -c 'import json,sys; print(json.load(sys.stdin)["feed_url"])')
etag=$(curl -sf -D - -o /tmp/feed-bench.ics "$feed" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag" {print $2}')
echo "feed of $todos todos: $(wc -c < /tmp/feed-bench.ics) bytes, $(grep -c BEGIN:VEVENT /tmp/feed-bench.ics) events, ETag $etag"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$feed")" = 304 ] || { echo "no 304"; exit 1; }
run() { # label, wrk arguments...
  local label=$1; shift
  wrk -t2 -c16 -d3s "$@" "$feed" >/dev/null
  local out
  out=$(wrk -t2 -c16 -d10s --latency "$@" "$feed")
  echo "$label: $(echo "$out" | awk '/Requests\/sec/ {print $2}') /s, p50 $(echo "$out" | awk '$1=="50%" {print $2}'), p99 $(echo "$out" | awk '$1=="99%" {print $2}')$(echo "$out" | awk '/Non-2xx/ {print ", " $NF " non-2xx"}')"
}
run "304 (If-None-Match)" -H "If-None-Match: $etag"
run "200 (whole calendar)"
echo "peak RSS $(( $(grep VmHWM /proc/$jvm_pid/status | awk '{print $2}') / 1024 )) MB"
