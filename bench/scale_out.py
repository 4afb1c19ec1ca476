#!/usr/bin/env python3
"""Scale-out benchmark: calendar jobs per second with 1, 2, 4 ... worker JVMs in one cluster.

For each worker count N it starts, on loopback only, one JVM with the http and store roles and N
JVMs with the worker role (all with -cluster, a private cluster name, database and Redis key
prefix), queues enough calendar jobs while no worker runs, starts the N workers together and
measures how fast they drain the queue in steady state: --warmup-seconds after the last worker
is up (a fresh JVM spends its first seconds compiling its hot code, and N JVMs on a small host
compete for the cores while they do), it counts the jobs done over --measure-seconds. Each job
waits --simulated-work-ms on a timer (the original's time.sleep), so the figure shows how
throughput grows with JVMs. The queue must not run dry before the window ends (checked).

Needs the shaded jar (mvn -q package -DskipTests), python3, psql, PostgreSQL and Redis.
Usage: python3 bench/scale_out.py [--workers 1,2,4] [--concurrency 16] [--warmup-seconds 40]
"""
import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

from jvms import JAR, Jvm, free_port, psql


class RedisCounter:
    """Jobs still queued (unread or in progress): acknowledged entries are deleted from the stream.
    One raw RESP connection, so polling costs next to nothing."""

    def __init__(self, redis_url, key):
        rest = redis_url.split("://", 1)[1]
        hostport, _, db = rest.partition("/")
        host, _, port = hostport.partition(":")
        self.sock = socket.create_connection((host, int(port or 6379)), timeout=10)
        self.file = self.sock.makefile("rb")
        if db and db != "0":
            self._call("SELECT", db)
        self.key = key

    def _call(self, *parts):
        command = f"*{len(parts)}\r\n" + "".join(f"${len(p)}\r\n{p}\r\n" for p in parts)
        self.sock.sendall(command.encode())
        line = self.file.readline().decode().strip()
        if line.startswith("-"):
            raise RuntimeError(line)
        return line

    def remaining(self):
        return int(self._call("XLEN", self.key)[1:])

    def close(self):
        self.sock.close()




def post(url):
    request = urllib.request.Request(url, data=b"", method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        if response.status != 202:
            raise RuntimeError(f"POST {url}: {response.status}")
        return json.load(response)["task_id"]


def jobs_per_worker(args):
    """Enough for the warm-up and the window even at full speed (every slot busy, no overhead)."""
    if args.jobs_per_worker:
        return args.jobs_per_worker
    full_speed = args.concurrency * 1000 / max(1, args.simulated_work_ms)
    return int(full_speed * (args.warmup_seconds + args.measure_seconds) * 1.1) + 100


def run(workers, args):
    tag = uuid.uuid4().hex[:8]
    database = f"taskoverflow_bench_{tag}"
    http_port = free_port()
    cluster_port = 30000 + (int(tag, 16) % 400) * 50
    env = {
        "TASKOVERFLOW_HTTP_PORT": str(http_port),
        "TASKOVERFLOW_PG_URL": f"{args.pg_server}/{database}",
        "TASKOVERFLOW_REDIS_URL": args.redis_url,
        "TASKOVERFLOW_REDIS_KEY_PREFIX": f"bench-{tag}:",
        "TASKOVERFLOW_CLUSTER_NAME": f"bench-{tag}",
        "TASKOVERFLOW_CLUSTER_PORT": str(cluster_port),
        "TASKOVERFLOW_WORKER_SIMULATED_WORK_MS": str(args.simulated_work_ms),
        "TASKOVERFLOW_WORKER_CONCURRENCY": str(args.concurrency),
    }
    jvms = []
    try:
        api = Jvm(f"{tag}-api", env, ["-cluster", "--roles", "http,store"])
        jvms.append(api)
        api.wait_started()
        base = f"http://127.0.0.1:{http_port}/api/v1"
        for i in range(args.todos):
            body = json.dumps({"title": f"todo {i}", "deadline_at": "2030-01-01T10:00:00"}).encode()
            urllib.request.urlopen(urllib.request.Request(f"{base}/todos", data=body, method="POST",
                                                          headers={"Content-Type": "application/json"}), timeout=30)
        jobs = jobs_per_worker(args) * workers
        with ThreadPoolExecutor(16) as pool:
            list(pool.map(lambda _: post(f"{base}/todos/ical"), range(jobs)))

        counter = RedisCounter(args.redis_url, f"bench-{tag}:calendar-jobs")
        launched = [Jvm(f"{tag}-worker{i + 1}", env, ["-cluster", "--roles", "worker"]) for i in range(workers)]
        jvms.extend(launched)
        up = max(jvm.wait_started() for jvm in launched)
        deadline = time.time() + args.timeout

        def await_done(count):
            while True:
                done = jobs - counter.remaining()
                if done >= count:
                    return time.time(), done
                if time.time() > deadline:
                    raise RuntimeError(f"only {done} of {jobs} jobs done after {args.timeout} s")
                time.sleep(0.02)

        time.sleep(max(0.0, up + args.warmup_seconds - time.time()))
        started_at, done_at_start = time.time(), jobs - counter.remaining()
        time.sleep(args.measure_seconds)
        finished, done = time.time(), jobs - counter.remaining()
        if jobs - done < workers * args.concurrency:
            raise RuntimeError(f"the queue ran low within the window (workers had idle slots): "
                               f"raise --jobs-per-worker above {jobs // workers}")
        rate = (done - done_at_start) / (finished - started_at)
        await_done(jobs)
        counter.close()
        succeeded = int(psql(args.pg_server, database, "SELECT count(*) FROM calendar_jobs WHERE status = 'SUCCESS'"))
        if succeeded != jobs:
            raise RuntimeError(f"{succeeded} of {jobs} jobs succeeded")
        per_worker = psql(args.pg_server, database,
                          "SELECT string_agg(n::text, '/' ORDER BY n DESC) FROM "
                          "(SELECT count(*) n FROM calendar_jobs GROUP BY worker) t")
        return {"workers": workers, "jobs": jobs, "measured": done - done_at_start,
                "seconds": finished - started_at, "rate": rate, "per_worker": per_worker}
    finally:
        for jvm in reversed(jvms):
            jvm.stop()
        subprocess.run(["psql", f"{args.pg_server}/postgres", "-qc",
                        f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'], capture_output=True)
        keys = subprocess.run(["redis-cli", "-u", args.redis_url, "--scan", "--pattern", f"bench-{tag}:*"],
                              capture_output=True, text=True).stdout.split()
        if keys:
            subprocess.run(["redis-cli", "-u", args.redis_url, "DEL", *keys], capture_output=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--jobs-per-worker", type=int, default=0,
                        help="jobs queued per worker JVM; 0: enough for the warm-up and the window")
    parser.add_argument("--warmup-seconds", type=float, default=40,
                        help="after the last worker is up, before measuring")
    parser.add_argument("--measure-seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=16, help="jobs at once per worker JVM")
    parser.add_argument("--simulated-work-ms", type=int, default=50)
    parser.add_argument("--todos", type=int, default=20)
    parser.add_argument("--timeout", type=int, default=300)
    parser.add_argument("--pg-server", default="postgresql://postgres@127.0.0.1:5432")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    args = parser.parse_args()
    if not os.path.isfile(JAR):
        sys.exit(f"{JAR} missing: run mvn -q package -DskipTests first")

    results = []
    for workers in [int(n) for n in args.workers.split(",")]:
        result = run(workers, args)
        results.append(result)
        print(f"{workers} worker JVM(s): {result['rate']:.1f} jobs/s "
              f"({result['measured']} jobs in {result['seconds']:.2f} s; "
              f"jobs per worker {result['per_worker']})",
              file=sys.stderr, flush=True)

    base = results[0]["rate"]
    print(f"\nsimulated work {args.simulated_work_ms} ms/job, concurrency {args.concurrency} per worker JVM, "
          f"{os.cpu_count()} cores, measured {args.measure_seconds:g} s after {args.warmup_seconds:g} s of warm-up\n")
    print("| worker JVMs | jobs/s | speed-up vs 1 |")
    print("|---|---|---|")
    for result in results:
        print(f"| {result['workers']} | {result['rate']:.1f} | {result['rate'] / base:.2f}x |")


if __name__ == "__main__":
    main()
