#!/usr/bin/env bash
# What an open dashboard costs a quiet service: one JVM with every role, its CPU (user + system,
# from /proc) over 30 s with nothing open, with the dashboard's stream read by curl, and with the
# dashboard (/jobs) open in headless Chromium, in turn, ROUNDS times (default 3).
# Usage: bench/dashboard_idle.sh [JAR] [ROUNDS]; needs chromium, curl, psql.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jar=${1:-$here/../target/taskoverflow.jar}
rounds=${2:-3}
port=6482
. "$here/one_jvm.sh"
start_jvm bench_dashboard_idle $port "$jar" 256m /tmp/dashboard-idle.log
tick=$(getconf CLK_TCK)
cpu() { awk -v t="$tick" '{print ($14 + $15) / t}' "/proc/$jvm_pid/stat"; }
measure() {
  sleep 5
  local before after
  before=$(cpu); sleep 30; after=$(cpu)
  awk -v a="$before" -v b="$after" -v what="$1" 'BEGIN { printf "%s: %.2f%% of a core\n", what, (b - a) / 30 * 100 }'
}
for _ in $(seq 1 "$rounds"); do
  measure "nothing open"
  curl -sN "127.0.0.1:$port/api/v1/admin/dashboard/events" > /dev/null & reader=$!
  measure "the dashboard's stream read by curl"
  kill "$reader"
  profile=$(mktemp -d)
  chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --disable-background-networking --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1" \
    --user-data-dir="$profile" --remote-debugging-port=0 "http://127.0.0.1:$port/jobs" > /dev/null 2>&1 & browser=$!
  measure "the dashboard in Chromium"
  kill "$browser"; wait "$browser" 2> /dev/null || true
  rm -rf "$profile"
done
