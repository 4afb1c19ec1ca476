#!/usr/bin/env python3
"""Recovery benchmark: what a dead worker and a broker outage cost, for one or more builds in turn.

Two scenarios, each on loopback only, with a private database, Redis key prefix and cluster name:

kill    One JVM with the http and store roles and two worker JVMs (-cluster). --jobs calendar jobs
        (each waits --simulated-work-ms on a timer, like the original's time.sleep) are submitted
        at once; when the second worker holds jobs it is SIGKILLed. Prints the seconds from the
        first submission until every job is SUCCESS, and from the kill until the first and the
        last of the jobs the killed worker held finish elsewhere.
outage  One JVM with every role, on a Redis of its own (redis-server on a free port, with an
        append-only file, so a restart keeps the queue). --submissions submissions are paced
        evenly over --submit-seconds; Redis is shut down --outage-seconds after the first second
        and started again. Prints how many submissions were answered 202 and how many refused,
        whether every accepted job succeeded, and how long after Redis came back no job was left
        held in PostgreSQL.

Needs the shaded jar(s), python3, psql, redis-server, and PostgreSQL and Redis on loopback.
Usage: python3 bench/recovery.py [--scenarios kill,outage] [JAR ...]   (default: target/taskoverflow.jar)
"""
import argparse
import json
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

from jvms import JAR, Jvm, free_port, psql


def submit(base):
    """POST /todos/ical: (status, task id or None). A connection refused or reset counts as 0."""
    request = urllib.request.Request(base + "/api/v1/todos/ical", data=b"", method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)["task_id"]
    except urllib.error.HTTPError as e:
        return e.code, None
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, None


def await_all(pg_server, database, ids, limit):
    """Seconds until every job in ids is SUCCESS (or the limit): polls PostgreSQL."""
    start = time.time()
    listed = ",".join(f"'{i}'" for i in ids)
    while time.time() - start < limit:
        done = int(psql(pg_server, database, f"SELECT count(*) FROM calendar_jobs WHERE status = 'SUCCESS' AND id IN ({listed})"))
        if done == len(ids):
            return True
        time.sleep(0.05)
    return False


def base_env(args, tag, database, redis_url):
    return {
        "TASKOVERFLOW_HTTP_PORT": str(free_port()),
        "TASKOVERFLOW_PG_URL": f"{args.pg_server}/{database}",
        "TASKOVERFLOW_REDIS_URL": redis_url,
        "TASKOVERFLOW_REDIS_KEY_PREFIX": f"bench-{tag}:",
        "TASKOVERFLOW_EMBEDDED": "false",
        "TASKOVERFLOW_WORKER_SIMULATED_WORK_MS": str(args.simulated_work_ms),
    }


def kill(jar, args):
    tag = uuid.uuid4().hex[:8]
    database = f"taskoverflow_bench_{tag}"
    env = base_env(args, tag, database, args.redis_url)
    env.update({"TASKOVERFLOW_CLUSTER_NAME": f"bench-{tag}",
                "TASKOVERFLOW_CLUSTER_PORT": str(30000 + (int(tag, 16) % 400) * 50),
                "TASKOVERFLOW_WORKER_CONCURRENCY": str(args.concurrency)})
    base = f"http://127.0.0.1:{env['TASKOVERFLOW_HTTP_PORT']}"
    jvms = [Jvm(f"recovery-{tag}-api", env, ["-cluster", "--roles", "http,store"], jar)]
    try:
        jvms[0].wait_started()
        jvms += [Jvm(f"recovery-{tag}-worker{i}", env, ["-cluster", "--roles", "worker"], jar) for i in (1, 2)]
        for jvm in jvms[1:]:
            jvm.wait_started()
        victim = jvms[2]
        first = time.time()
        with ThreadPoolExecutor(16) as clients:
            answers = list(clients.map(lambda _: submit(base), range(args.jobs)))
        ids = [task for status, task in answers if status == 202]
        held = []
        deadline = time.time() + 60
        while not held and time.time() < deadline:
            held = psql(args.pg_server, database, "SELECT id FROM calendar_jobs WHERE status = 'STARTED'"
                        f" AND worker LIKE '%-{victim.proc.pid}-%'").split()
        victim.proc.kill()
        victim.proc.wait()
        killed = time.time()
        held = psql(args.pg_server, database, "SELECT id FROM calendar_jobs WHERE status = 'STARTED'"
                    f" AND worker LIKE '%-{victim.proc.pid}-%'").split() or held
        first_elsewhere = None
        listed = ",".join(f"'{i}'" for i in held) or "NULL"
        while held and time.time() - killed < args.limit:
            done = int(psql(args.pg_server, database,
                            f"SELECT count(*) FROM calendar_jobs WHERE status = 'SUCCESS' AND id IN ({listed})"))
            if done and first_elsewhere is None:
                first_elsewhere = time.time() - killed
            if done == len(held):
                break
            time.sleep(0.05)
        last_elsewhere = time.time() - killed
        all_done = await_all(args.pg_server, database, ids, args.limit)
        total = time.time() - first
        succeeded = int(psql(args.pg_server, database, "SELECT count(*) FROM calendar_jobs WHERE status = 'SUCCESS'"))
        return {"scenario": "kill", "jar": jar, "jobs": args.jobs, "accepted": len(ids), "succeeded": succeeded,
                "all_done": all_done, "total_s": round(total, 1), "killed_worker_held": len(held),
                "death_to_first_elsewhere_s": None if first_elsewhere is None else round(first_elsewhere, 2),
                "death_to_last_elsewhere_s": round(last_elsewhere, 2)}
    finally:
        for jvm in jvms:
            jvm.stop()
        psql(args.pg_server, "postgres", f"DROP DATABASE IF EXISTS {database}")


class PrivateRedis:
    def __init__(self):
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="taskoverflow-bench-redis-")
        self.proc = None

    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.proc = subprocess.Popen(["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--dir", self.dir,
                                      "--save", "", "--appendonly", "yes", "--appendfsync", "everysec"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("private redis-server did not start")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait()

    def close(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def outage(jar, args):
    tag = uuid.uuid4().hex[:8]
    database = f"taskoverflow_bench_{tag}"
    redis = PrivateRedis()
    redis.start()
    env = base_env(args, tag, database, redis.url())
    base = f"http://127.0.0.1:{env['TASKOVERFLOW_HTTP_PORT']}"
    jvm = Jvm(f"recovery-{tag}-service", env, ["--roles", "http,store,worker"], jar)
    try:
        jvm.wait_started()
        interval = args.submit_seconds / args.submissions
        start = time.time()
        answers = []

        def paced(i):
            delay = start + i * interval - time.time()
            if delay > 0:
                time.sleep(delay)
            return submit(base)

        relayed_after = []

        def break_redis():
            time.sleep(1)
            redis.stop()
            time.sleep(args.outage_seconds)
            redis.start()
            back = time.time()
            try:  # jobs held in PostgreSQL while Redis was away (builds that hold them)
                while int(psql(args.pg_server, database, "SELECT count(*) FROM calendar_jobs WHERE held IS NOT NULL")):
                    time.sleep(0.01)
                relayed_after.append(round(time.time() - back, 2))
            except RuntimeError:
                pass  # a build without held jobs

        breaker = threading.Thread(target=break_redis)
        breaker.start()
        with ThreadPoolExecutor(32) as clients:
            answers = list(clients.map(paced, range(args.submissions)))
        breaker.join()
        by_status = {}
        for status, _ in answers:
            by_status[status] = by_status.get(status, 0) + 1
        ids = [task for status, task in answers if status == 202]
        all_done = await_all(args.pg_server, database, ids, args.limit)
        return {"scenario": "outage", "jar": jar, "submissions": args.submissions,
                "submit_seconds": args.submit_seconds, "redis_down_s": args.outage_seconds,
                "accepted": by_status.get(202, 0), "refused": args.submissions - by_status.get(202, 0),
                "answers": {str(k): v for k, v in sorted(by_status.items())}, "every_accepted_succeeded": all_done,
                "held_all_queued_s_after_redis_back": relayed_after[0] if relayed_after else None}
    finally:
        jvm.stop()
        redis.close()
        psql(args.pg_server, "postgres", f"DROP DATABASE IF EXISTS {database}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("jars", nargs="*", default=[JAR])
    parser.add_argument("--scenarios", default="kill,outage")
    parser.add_argument("--rounds", type=int, default=1, help="each jar in turn, this many times")
    parser.add_argument("--jobs", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--simulated-work-ms", type=int, default=100)
    parser.add_argument("--submissions", type=int, default=3000)
    parser.add_argument("--submit-seconds", type=float, default=10)
    parser.add_argument("--outage-seconds", type=float, default=5)
    parser.add_argument("--limit", type=float, default=180, help="seconds to wait for the jobs to finish")
    parser.add_argument("--pg-server", default="postgresql://postgres@127.0.0.1:5432")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    args = parser.parse_args()
    scenarios = {"kill": kill, "outage": outage}
    for _ in range(args.rounds):
        for name in args.scenarios.split(","):
            for jar in args.jars:
                print(json.dumps(scenarios[name](jar, args)), flush=True)


if __name__ == "__main__":
    main()
