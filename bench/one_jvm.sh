# Sourced by the bench scripts: one JVM of the jar on a database and Redis key prefix of its own,
# stopped and cleaned up when the script exits. Usage: start_jvm DB PORT JAR HEAP LOG [VAR=VALUE ...];
# then todos_with_deadlines DB N STEP (N todos, 110-character descriptions, deadlines STEP apart).
start_jvm() {
  local db=$1 port=$2 jar=$3 heap=$4 log=$5
  shift 5
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
  env TASKOVERFLOW_PG_URL="postgresql://postgres@127.0.0.1:5432/$db" TASKOVERFLOW_REDIS_KEY_PREFIX="$db:" \
    TASKOVERFLOW_HTTP_PORT="$port" "$@" java "-Xmx$heap" -jar "$jar" > "$log" 2>&1 &
  jvm_pid=$!
  jvm_db=$db
  trap stop_jvm EXIT
  for _ in $(seq 1 120); do curl -sf "127.0.0.1:$port/api/v1/health" >/dev/null && return 0; sleep 0.5; done
  echo "the service did not come up: see $log"
  exit 1
}

stop_jvm() {
  kill -TERM "$jvm_pid" 2>/dev/null && wait "$jvm_pid" || true
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $jvm_db WITH (FORCE)" >/dev/null 2>&1 || true
  redis-cli --scan --pattern "$jvm_db:*" | xargs -r redis-cli del >/dev/null
}

todos_with_deadlines() {
  psql -h 127.0.0.1 -U postgres -d "$1" -qc "INSERT INTO todos (owner, title, description, completed, deadline_at,
    created_at, updated_at) SELECT '', 'todo ' || n, rpad('about todo ' || n || ' ', 110, 'x'), false,
    timestamp '2031-01-01' + n * interval '$3', now() AT TIME ZONE 'utc', now() AT TIME ZONE 'utc'
    FROM generate_series(1, $2) AS n"
}
