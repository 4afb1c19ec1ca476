#!/usr/bin/env bash
# Usage: bench/cancel.sh [JAR] (TODOS=1000000, PORT=6486); PostgreSQL and Redis on the default ports.
# A calendar of TODOS todos cancelled mid-run, in one JVM with every role and one job slot
# (worker.concurrency 1): the DELETE's answer time (the job CANCELLED), and the time until the
# worker has let the attempt go, seen as the next job, submitted right after the DELETE, starting
# (it waits for the slot). Prints the progress the job had told when it was cancelled.
set -euo pipefail
jar=${1:-target/taskoverflow.jar}
todos=${TODOS:-1000000}
port=${PORT:-6486}
db=cancel_bench
base="http://127.0.0.1:$port/api/v1"
. "$(dirname "$0")/one_jvm.sh"
start_jvm $db "$port" "$jar" 512m /tmp/cancel-bench.log TASKOVERFLOW_WORKER_CONCURRENCY=1
todos_with_deadlines $db "$todos" "1 minute"
task=$(curl -sf -X POST "$base/todos/ical" | python3 -c 'import json,sys; print(json.load(sys.stdin)["task_id"])')
python3 - "$base" "$task" <<'EOF'
import http.client, json, sys, time, urllib.parse
base, task = sys.argv[1], sys.argv[2]
url = urllib.parse.urlparse(base)
def call(method, path):
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    connection.request(method, url.path + path, body=b"" if method == "POST" else None)
    response = connection.getresponse()
    body = json.loads(response.read() or b"null")
    connection.close()
    return response.status, body
while True:  # until the attempt has told some progress: it is mid-run
    status = call("GET", f"/todos/ical/{task}/status")[1]
    if status.get("progress", {}).get("done", 0) > 0:
        break
    time.sleep(0.05)
begin = time.perf_counter()
code, cancelled = call("DELETE", f"/todos/ical/{task}")
answered = time.perf_counter() - begin
following = call("POST", "/todos/ical")[1]["task_id"]  # waits for the only job slot
while call("GET", f"/todos/ical/{following}/status")[1]["task_status"] == "PENDING":
    time.sleep(0.005)
freed = time.perf_counter() - begin
call("DELETE", f"/todos/ical/{following}")
print(f"cancelled at {status['progress']['done']:,} of {status['progress']['total']:,} todos:"
      f" DELETE answered {code} {cancelled['task_status']} in {answered * 1000:.1f} ms;"
      f" the slot free again (the next job STARTED) {freed * 1000:.0f} ms after the DELETE")
EOF
echo "calendar parts left for the cancelled job: $(psql -h 127.0.0.1 -U postgres -d $db -Atc "SELECT count(*) FROM calendar_parts WHERE job_id = '$task'")"
