#!/usr/bin/env python3
"""TaskOverflow's own benchmark: the job path and the large lists, one table.

    python3 bench/perf.py [--jar target/taskoverflow.jar] [--heap 256m] [--sizes 1000,10000,100000,1000000]

Every JVM runs the jar with -Xmx<heap> on a private database and Redis key prefix (PostgreSQL and
Redis on their default ports), HTTP on --port (loopback). The phases:
  submit capacity   wrk -t2 -c16 POST /api/v1/todos/ical for 10 s (after 3 s of warm-up), against
                    a JVM with the http and store roles: every 202 is a committed row and a queued entry
  steady drain      one JVM with every role takes over the jobs queued above, topped up to 200,000
                    (20-todo calendars):
                    jobs finished per second, counted in PostgreSQL from 10 s to 30 s after it is up
  idle latency      one job at a time, submit -> SUCCESS seen on its event stream, and (every other
                    job) by polling its status every 0.5 ms, in a JVM warmed the way a running service
                    is (and the peers are, measured after their drain): 5 s of wrk submissions drained,
                    then --idle-warmup single jobs not counted, and more, 1,000 at a time, until a
                    thousand compile for under 50 ms (jstat -compiler), at most --idle-warmup-max: a
                    JIT still compiling the job's path costs a young JVM milliseconds a job
  calendar N todos  one JVM with every role, N todos with deadlines and 110-character descriptions:
                    the 202's time, submit -> SUCCESS, the download, and the heap (jstat, every 100 ms)
  GET /todos        the whole list at 100k todos: first byte, whole answer, heap
With --dashboard, headless Chromium keeps the dashboard (/jobs) open on every JVM with the http
role while it runs (its stream of figures, and its two admin calls every 2 s): run the phases with
and without it, back to back, to see what an open dashboard costs (--auth none only: the dashboard
signs in through a browser under oidc).
With --auth oidc every JVM signs callers in against a real OpenID Connect server started here
(mock-oauth2-server from the project's test classpath, on loopback), and every call carries one
user's bearer token (the todos are that user's): the cost of sign-in beside --auth none.
With --peers, after its own phases it runs JobRunr and BullMQ doing the same calendar job from a copy of
../shared/peers (bench/peers.py: --peer-jobs for their drain, --peer-idle-jobs one at a time; JobRunr's
5-s poll makes each of those take 5 s) and prints the three side by side.
The drain phase also reads the CPU the JVM, PostgreSQL and Redis spent in its 20 s from /proc, per job.
Needs wrk (installed with apt-get when missing and run as root), psql, jstat, curl; chromium for --dashboard;
Maven and Node.js (npm) for --peers.
"""
import base64
import argparse
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import peers

HERE = os.path.dirname(os.path.abspath(__file__))
DESCRIPTION_CHARS = 110


TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """User + system CPU seconds of one process, from /proc."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def cpu_seconds_of(command):
    """CPU seconds of every process with this command name (all of PostgreSQL's backends, say)."""
    total = 0.0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if open(f"/proc/{pid}/comm").read().strip() == command:
                total += cpu_seconds(pid)
        except OSError:
            pass  # a process that just ended
    return total


class Cpu:
    """CPU seconds spent by the JVM, PostgreSQL and Redis from one reading to the next."""

    def __init__(self, pid):
        self.pid = pid
        self.start = self._read()

    def _read(self):
        return cpu_seconds(self.pid), cpu_seconds_of("postgres"), cpu_seconds_of("redis-server")

    def spent(self):
        """(JVM, PostgreSQL, Redis) seconds since this was made."""
        return tuple(now - then for now, then in zip(self._read(), self.start))


def psql(database, sql):
    done = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-qAtc", sql],
                          check=True, capture_output=True, text=True)
    return done.stdout.strip()


def fresh_database(name):
    psql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    psql("postgres", f'CREATE DATABASE "{name}"')


def drop(name):
    psql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    keys = subprocess.run(["redis-cli", "--scan", "--pattern", f"{name}:*"], capture_output=True, text=True).stdout.split()
    for start in range(0, len(keys), 500):
        subprocess.run(["redis-cli", "del", *keys[start:start + 500]], capture_output=True)


class Issuer:
    """mock-oauth2-server on loopback, and one user's token from it (client credentials)."""

    AUDIENCE = "taskoverflow"

    def __init__(self, args):
        classpath = os.path.join(args.logs, "taskoverflow-test-classpath.txt")
        subprocess.run(["mvn", "-B", "-q", "dependency:build-classpath", "-Dmdep.includeScope=test",
                        f"-Dmdep.outputFile={classpath}"], check=True, cwd=os.path.join(HERE, ".."))
        self.url = f"http://127.0.0.1:{args.issuer_port}/default"
        env = dict(os.environ, SERVER_HOSTNAME="127.0.0.1", SERVER_PORT=str(args.issuer_port))
        self.log = open(os.path.join(args.logs, "issuer.log"), "w")
        with open(classpath) as text:
            self.process = subprocess.Popen(["java", "-cp", text.read().strip(),
                                             "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt"],
                                            env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while True:
            try:
                self.token = self._token(args.issuer_port)
                break
            except OSError:
                if time.time() > deadline:
                    self.stop()
                    sys.exit("the issuer did not come up: see " + self.log.name)
                time.sleep(0.3)
        payload = self.token.split(".")[1]
        self.owner = self.url + "#" + json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["sub"]

    def _token(self, port):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            connection.request("POST", "/default/token", body="grant_type=client_credentials&client_id=bench"
                               f"&client_secret=unused&scope={self.AUDIENCE}",
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
            return json.loads(connection.getresponse().read())["access_token"]
        finally:
            connection.close()

    def environment(self):
        return {"TASKOVERFLOW_AUTH_MODE": "oidc", "TASKOVERFLOW_AUTH_ISSUER": self.url,
                "TASKOVERFLOW_AUTH_AUDIENCE": self.AUDIENCE}

    def stop(self):
        self.process.terminate()
        self.process.wait()
        self.log.close()


# Set by main() under --auth oidc: the issuer, whose user every call and every todo belongs to.
ISSUER = None
# The job path's figures, for the table beside the peers: submit, drain, cpu_per_job, idle_p50, idle_p99.
FIGURES = {}
# Half of what the drain cost before issue 22's work (ms of CPU per job; see docs/performance.md).
CPU_TARGET = "half of the 2026-11-30 baseline"


def headers():
    return {"Authorization": f"Bearer {ISSUER.token}"} if ISSUER else {}


def insert_todos(database, first, last):
    """Todos first..last (by number) with deadlines and long descriptions, in one statement, the caller's."""
    owner = (ISSUER.owner if ISSUER else "").replace("'", "''")
    psql(database, "INSERT INTO todos (owner, title, description, completed, deadline_at, created_at, updated_at)"
         f" SELECT '{owner}', 'todo ' || n, rpad('about todo ' || n || ' ', {DESCRIPTION_CHARS}, 'x'), false,"
         " timestamp '2030-01-01' + n * interval '1 minute', now() AT TIME ZONE 'utc', now() AT TIME ZONE 'utc'"
         f" FROM generate_series({first}, {last}) AS n")


class Service:
    """The jar in a JVM of its own."""

    def __init__(self, args, database, roles, log_name):
        env = dict(os.environ, TASKOVERFLOW_PG_URL=f"postgresql://postgres@127.0.0.1:5432/{database}",
                   TASKOVERFLOW_REDIS_KEY_PREFIX=f"{database}:", TASKOVERFLOW_ROLES=roles,
                   TASKOVERFLOW_HTTP_PORT=str(args.port), TASKOVERFLOW_HTTP_HOST="127.0.0.1",
                   **(ISSUER.environment() if ISSUER else {}))
        self.log = open(os.path.join(args.logs, log_name), "w")
        self.process = subprocess.Popen(["java", f"-Xmx{args.heap}", "-jar", args.jar], env=env,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        self.port = args.port
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                # under oidc, a signed-in call once the issuer's keys are read (503 before)
                if get(self.port, "/api/v1/health")[0] == 200 and get(self.port, "/api/v1/todos?limit=1")[0] == 200:
                    if getattr(args, "dashboard", False) and "http" in roles:
                        self.open_dashboard()
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        sys.exit(f"the service did not come up: see {self.log.name}")

    def open_dashboard(self):
        """Headless Chromium on /jobs, loopback only, until the service stops."""
        profile = tempfile.mkdtemp(prefix="perf-dashboard-")
        self.dashboard = subprocess.Popen(
            ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", f"--user-data-dir={profile}",
             "--remote-debugging-port=0", f"http://127.0.0.1:{self.port}/jobs"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 30
        while time.time() < deadline and not self.dashboard_streaming():
            time.sleep(0.2)
        if not self.dashboard_streaming():
            self.stop()
            sys.exit("the dashboard did not open its stream")

    @property
    def pid(self):
        return self.process.pid

    def out_of_memory(self):
        with open(self.log.name) as log:
            return "OutOfMemoryError" in log.read()

    def dashboard_streaming(self):
        """Whether a browser holds a connection to the service open (the dashboard's stream), by ss."""
        out = subprocess.run(["ss", "-Htn", "state", "established", f"( dport = :{self.port} )"],
                             capture_output=True, text=True).stdout
        return bool(out.strip())

    def stop(self):
        if getattr(self, "dashboard", None):
            self.dashboard.terminate()
            self.dashboard.wait()
        self.process.terminate()
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("GET", path, headers=headers())
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


class Heap:
    """The JVM's heap as jstat sees it every 100 ms: peak used (young + old) and peak old generation, in MB."""

    def __init__(self, pid):
        self.process = subprocess.Popen(["jstat", "-gc", str(pid), "100"], stdout=subprocess.PIPE, text=True)
        self.peak_used = 0.0
        self.peak_old = 0.0
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        columns = None
        for line in self.process.stdout:
            fields = line.split()
            if fields and fields[0] == "S0C":
                columns = fields
                continue
            if not columns or len(fields) != len(columns):
                continue
            value = dict(zip(columns, (float(field.replace(",", ".")) for field in fields)))
            self.peak_used = max(self.peak_used, (value["S0U"] + value["S1U"] + value["EU"] + value["OU"]) / 1024)
            self.peak_old = max(self.peak_old, value["OU"] / 1024)

    def stop(self):
        time.sleep(0.25)
        self.process.terminate()
        self.process.wait()
        self.thread.join(2)
        return self.peak_used, self.peak_old


class Client:
    """One keep-alive connection, as a client that submits and polls would use."""

    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def call(self, method, path):
        self.connection.request(method, path, body=b"" if method == "POST" else None, headers=headers())
        response = self.connection.getresponse()
        return response.status, response.read()

    def submit(self):
        status, body = self.call("POST", "/api/v1/todos/ical")
        if status != 202:
            sys.exit(f"submit answered {status}: {body[:200]!r}")
        return json.loads(body)["task_id"]

    def await_final_event(self, task_id):
        """Reads the job's event stream (on a connection of its own) until it ends with a final state."""
        if not hasattr(self, "events"):
            self.events = http.client.HTTPConnection("127.0.0.1", self.connection.port, timeout=120)
        self.events.request("GET", f"/api/v1/todos/ical/{task_id}/events", headers=headers())
        response = self.events.getresponse()
        states = re.findall(r"^event: (\w+)", response.read().decode(), re.M)  # the stream ends after the last
        return states[-1] if states else None

    def await_final(self, task_id, poll_s, limit_s=600):
        path = f"/api/v1/todos/ical/{task_id}/status"
        deadline = time.perf_counter() + limit_s
        while time.perf_counter() < deadline:
            status, body = self.call("GET", path)
            state = json.loads(body)["task_status"] if status == 200 else None
            if state in ("SUCCESS", "FAILURE"):
                return state, json.loads(body)
            time.sleep(poll_s)
        sys.exit(f"job {task_id} not final after {limit_s} s")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def wrk_post(args, seconds, latency=False):
    """wrk -t2 -c16 POST /api/v1/todos/ical for this long: its report."""
    if not shutil.which("wrk"):
        if os.geteuid() == 0:
            subprocess.run(["apt-get", "install", "-y", "wrk"], check=True, capture_output=True)
        else:
            sys.exit("wrk is missing: apt-get install wrk")
    script = os.path.join(HERE, "post_ical.lua")
    base = f"http://127.0.0.1:{args.port}"
    token = [f"-H", f"Authorization: Bearer {ISSUER.token}"] if ISSUER else []
    return subprocess.run(["wrk", "-t2", "-c16", f"-d{seconds}s", *(["--latency"] if latency else []), *token,
                           "-s", script, base], check=True, capture_output=True, text=True).stdout


def wrk_submit(args):
    wrk_post(args, 3)
    out = wrk_post(args, 10, latency=True)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rate, latency.get("50"), latency.get("99"), int(errors.group(1)) if errors else 0


def count_finished(database):
    return int(psql(database, "SELECT count(*) FROM calendar_jobs WHERE status IN ('SUCCESS', 'FAILURE')"))


# Jobs queued before the drain: 30 s at up to about 6,500 jobs/s.
DRAIN_BACKLOG = 200_000


def throughput_phases(args, rows):
    database = "perf_jobs"
    fresh_database(database)
    try:
        api = Service(args, database, "http,store", "submit.log")
        insert_todos(database, 1, 20)
        try:
            rate, p50, p99, errors = wrk_submit(args)
            # enough queued that the drain below never runs dry before its window ends
            for _ in range(10):
                if int(psql(database, "SELECT count(*) FROM calendar_jobs")) >= DRAIN_BACKLOG:
                    break
                wrk_post(args, 5)
        finally:
            api.stop()
        queued = int(psql(database, "SELECT count(*) FROM calendar_jobs"))
        rows.append(("submit capacity (wrk -c16, every 202 durable)",
                     f"{rate:,.0f} /s, p50 {p50}, p99 {p99}" + (f", {errors} non-2xx" if errors else ""),
                     "≥ 5,000 /s, p99 ≤ 20 ms"))

        whole = Service(args, database, "http,store,worker", "drain.log")
        try:
            time.sleep(10)
            start, first, cpu = time.perf_counter(), count_finished(database), Cpu(whole.pid)
            time.sleep(20)
            end, last, spent = time.perf_counter(), count_finished(database), cpu.spent()
        finally:
            whole.stop()
        drained = (last - first) / (end - start)
        left = queued - last
        jvm, postgres, redis = (seconds / (last - first) * 1000 for seconds in spent)
        FIGURES.update(submit=rate, drain=drained, cpu_per_job=jvm + postgres + redis)
        rows.append(("steady drain, 20-todo calendars, one JVM",
                     f"{drained:,.0f} jobs/s" + ("" if left > 0 else " (queue ran dry: not steady)"), "≥ 3,000 jobs/s"))
        rows.append(("CPU per finished job in the drain (JVM + PostgreSQL + Redis, from /proc)",
                     f"{jvm + postgres + redis:.2f} ms (JVM {jvm:.2f}, PostgreSQL {postgres:.2f}, Redis {redis:.2f})",
                     CPU_TARGET))
    finally:
        drop(database)


def compile_seconds(pid):
    """The seconds the JVM's JIT compilers have spent so far (jstat -compiler: Time)."""
    out = subprocess.run(["jstat", "-compiler", str(pid)], check=True, capture_output=True, text=True).stdout
    header, values = out.split("\n")[:2]
    return float(dict(zip(header.split(), values.split()))["Time"].replace(",", "."))


def one_idle_job(client, n):
    """Job n alone, submit -> SUCCESS: read on its event stream (n odd) or by polling every 0.5 ms (n even)."""
    begin = time.perf_counter()
    task_id = client.submit()
    state = client.await_final_event(task_id) if n % 2 else client.await_final(task_id, 0.0005)[0]
    if state != "SUCCESS":
        sys.exit(f"an idle job ended {state}")
    return (time.perf_counter() - begin) * 1000


# A JVM's JIT has settled when a block of this many single jobs compiles for less than SETTLED_COMPILE_S.
SETTLE_BLOCK = 1000
SETTLED_COMPILE_S = 0.05


def settle(client, pid, args):
    """Single jobs not counted: at least --idle-warmup, then blocks of SETTLE_BLOCK until the JIT is
    quiet (compiling in the middle of a job's path is a young JVM's cost, not a running service's),
    at most --idle-warmup-max. Returns how many ran and the last block's compile seconds."""
    for n in range(args.idle_warmup):
        one_idle_job(client, n)
    ran, compiled = args.idle_warmup, float("inf")
    while ran < args.idle_warmup_max and compiled >= SETTLED_COMPILE_S:
        before = compile_seconds(pid)
        for n in range(ran, ran + SETTLE_BLOCK):
            one_idle_job(client, n)
        ran, compiled = ran + SETTLE_BLOCK, compile_seconds(pid) - before
    return ran, compiled


def idle_phase(args, rows):
    database = "perf_idle"
    fresh_database(database)
    try:
        service = Service(args, database, "http,store,worker", "idle.log")
        insert_todos(database, 1, 20)
        try:
            wrk_post(args, 5)  # a burst of work first, as in a service that has been running
            while count_finished(database) < int(psql(database, "SELECT count(*) FROM calendar_jobs")):
                time.sleep(0.5)
            client = Client(args.port)
            warmed, compiled = settle(client, service.pid, args)
            polled, streamed = [], []
            for n in range(args.idle_jobs):
                (streamed if n % 2 else polled).append(one_idle_job(client, n))
        finally:
            service.stop()
        FIGURES.update(idle_p50=statistics.median(streamed), idle_p99=percentile(streamed, 0.99), idle_warmup=warmed)
        settled = (f"after {warmed:,} single jobs, the last {SETTLE_BLOCK:,} compiling for {compiled * 1000:.0f} ms"
                   + ("" if compiled < SETTLED_COMPILE_S else ": the JIT had not settled"))
        for how, times in (("its event stream", streamed), ("polling its status every 0.5 ms", polled)):
            rows.append((f"one job at a time, submit → SUCCESS seen on {how} ({len(times)} jobs, {settled}), p50 / p99",
                         f"{statistics.median(times):.1f} / {percentile(times, 0.99):.1f} ms", "≤ 2 / ≤ 5 ms"))
    finally:
        drop(database)


def calendar_phases(args, rows):
    database = "perf_calendar"
    fresh_database(database)
    try:
        service = Service(args, database, "http,store,worker", "calendar.log")
        try:
            client = Client(args.port)
            client.await_final(client.submit(), 0.01)  # warm-up: an empty calendar
            have = 0
            for size in args.sizes:
                insert_todos(database, have + 1, size)
                have = size
                psql(database, "VACUUM ANALYZE todos")
                psql(database, "VACUUM ANALYZE todo_versions")
                results = []
                for _ in range(2 if size >= 1_000_000 else 3):
                    heap = Heap(service.pid)
                    begin = time.perf_counter()
                    task = client.submit()
                    accepted = time.perf_counter()
                    state, status = client.await_final(task, 0.005)
                    finished = time.perf_counter()
                    size_bytes, first_byte, whole = download(args.port, status["result_url"])
                    used, old = heap.stop()
                    if state != "SUCCESS":
                        sys.exit(f"the {size:,}-todo calendar failed: {status.get('error')}")
                    results.append(((accepted - begin) * 1000, finished - begin, whole, used, old, size_bytes))
                rows.append((f"calendar of {size:,} todos ({results[0][5] / 1e6:,.1f} MB), -Xmx{args.heap}",
                             "202 in " + " / ".join(f"{r[0]:.1f}" for r in results) + " ms; SUCCESS after "
                             + " / ".join(f"{r[1]:.2f}" for r in results) + " s; download "
                             + " / ".join(f"{r[2]:.2f}" for r in results) + " s; heap peak "
                             + f"{max(r[3] for r in results):.0f} MB (old gen {max(r[4] for r in results):.0f} MB)",
                             target(size)))
                if size == 100_000:
                    rows.append(list_row(args, service))
            if service.out_of_memory():
                rows.append(("OutOfMemoryError", "seen in the log", "never"))
        finally:
            service.stop()
    finally:
        drop(database)


def target(size):
    return {100_000: "≤ 1.5 s", 1_000_000: "≤ 15 s, no OutOfMemoryError"}.get(size, "")


def download(port, result_url):
    path = result_url.split(str(port), 1)[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    begin = time.perf_counter()
    connection.request("GET", path, headers=headers())
    response = connection.getresponse()
    first = response.read(1)
    first_byte = time.perf_counter() - begin
    total = len(first)
    while True:
        chunk = response.read(1 << 16)
        if not chunk:
            break
        total += len(chunk)
    connection.close()
    if response.status != 200:
        sys.exit(f"download answered {response.status}")
    return total, first_byte, time.perf_counter() - begin


def list_row(args, service):
    times = []
    heap = Heap(service.pid)
    for _ in range(3):
        token = [f"-H", f"Authorization: Bearer {ISSUER.token}"] if ISSUER else []
        out = subprocess.run(["curl", "-s", "-o", "/dev/null", *token,
                              "-w", "%{http_code} %{time_starttransfer} %{time_total} %{size_download}",
                              f"http://127.0.0.1:{args.port}/api/v1/todos"], capture_output=True, text=True).stdout.split()
        times.append(out)
    used, old = heap.stop()
    return (f"GET /todos with 100,000 todos ({int(times[0][3]) / 1e6:.1f} MB), -Xmx{args.heap}",
            "first byte " + " / ".join(f"{float(t[1]) * 1000:.0f}" for t in times) + " ms; whole "
            + " / ".join(f"{float(t[2]):.2f}" for t in times) + f" s; heap peak {used:.0f} MB (old gen {old:.0f} MB)",
            "streamed, memory flat, ≤ 0.4 s")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jar", default="target/taskoverflow.jar")
    parser.add_argument("--heap", default="256m")
    parser.add_argument("--port", type=int, default=6480)
    parser.add_argument("--sizes", default="1000,10000,100000,1000000",
                        type=lambda text: [int(size) for size in text.split(",")])
    parser.add_argument("--idle-jobs", type=int, default=2000)
    parser.add_argument("--idle-warmup", type=int, default=3000)
    parser.add_argument("--idle-warmup-max", type=int, default=40_000)
    parser.add_argument("--phases", default="throughput,idle,calendar")
    parser.add_argument("--logs", default="/tmp")
    parser.add_argument("--auth", choices=["none", "oidc"], default="none")
    parser.add_argument("--issuer-port", type=int, default=6495)
    parser.add_argument("--dashboard", action="store_true")
    parser.add_argument("--peers", action="store_true",
                        help="then run JobRunr and BullMQ on the same job (bench/peers.py) and print all three")
    parser.add_argument("--peer-jobs", type=int, default=20000)
    parser.add_argument("--peer-idle-jobs", type=int, default=50)
    args = parser.parse_args()
    if args.dashboard and args.auth != "none":
        sys.exit("--dashboard needs --auth none")
    if not os.path.exists(args.jar):
        sys.exit(f"{args.jar} is missing: mvn -B -q package -DskipTests")
    os.makedirs(args.logs, exist_ok=True)
    global ISSUER
    ISSUER = Issuer(args) if args.auth == "oidc" else None
    rows = []
    phases = {"throughput": throughput_phases, "idle": idle_phase, "calendar": calendar_phases}
    try:
        for phase in args.phases.split(","):
            phases[phase](args, rows)
    finally:
        if ISSUER:
            ISSUER.stop()
    beside = peers.rows(FIGURES, peers.run_all(args)) if args.peers else []
    cpus = os.cpu_count()
    dashboard = ", dashboard open" if args.dashboard else ""
    print(f"\nTaskOverflow ({args.jar}), {cpus} cores, auth {args.auth}{dashboard}, {time.strftime('%Y-%m-%d %H:%M')}\n")
    print("| measure | result | target |")
    print("|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    if beside:
        print("\nThe same job on the peers, in the same run:\n")
        for row in beside:
            print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
