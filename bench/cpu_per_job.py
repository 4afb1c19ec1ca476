#!/usr/bin/env python3
"""CPU per calendar job: what one JVM with every role spends to accept and run a job, each jar in turn.

    python3 bench/cpu_per_job.py JAR [JAR ...]      # e.g. before.jar after.jar before.jar after.jar
    python3 bench/cpu_per_job.py JAR JAR:dashboard  # the same jar without, then with the dashboard open

For each jar: a fresh database with 20 todos, one JVM (-Xmx256m, every role, HTTP on 127.0.0.1:6481),
`wrk -t2 -c16` submitting for 5 s as warm-up, then, once those jobs are done, for 10 s more; it
prints the JVM's CPU seconds (user + system, from /proc) and PostgreSQL's over the second batch,
per job finished, and the jobs per second end to end, then the JVM's CPU over 30 s with no load.
A jar named with ":dashboard" runs with headless Chromium keeping /jobs open (see perf.py
--dashboard): the JVM's CPU counts what serving the dashboard costs, not the browser's. CPU time is steadier than throughput on a
shared machine, since time the machine spends elsewhere is not counted; give the jars alternately
and more than once. Needs what bench/perf.py needs.
"""
import argparse
import os
import subprocess
import sys
import time

import perf

PORT = 6481
cpu_seconds = perf.cpu_seconds


def postgres_cpu_seconds():
    return perf.cpu_seconds_of("postgres")


def await_all_finished(database):
    while int(perf.psql(database, "SELECT count(*) FROM calendar_jobs WHERE status NOT IN ('SUCCESS', 'FAILURE')")):
        time.sleep(0.2)


def submit_for(seconds):
    script = os.path.join(perf.HERE, "post_ical.lua")
    subprocess.run(["wrk", "-t2", "-c16", f"-d{seconds}s", "-s", script, f"http://127.0.0.1:{PORT}"],
                   check=True, capture_output=True)


IDLE_SECONDS = 30


def measure(named):
    jar, _, mode = named.partition(":")
    database = "perf_cpu"
    perf.fresh_database(database)
    try:
        service = perf.Service(argparse.Namespace(jar=jar, heap="256m", port=PORT, logs="/tmp",
                                                  dashboard=mode == "dashboard"), database, "http,store,worker", "cpu.log")
        perf.insert_todos(database, 1, 20)
        try:
            submit_for(5)
            await_all_finished(database)
            jvm, postgres = cpu_seconds(service.pid), postgres_cpu_seconds()
            done, began = perf.count_finished(database), time.perf_counter()
            submit_for(10)
            await_all_finished(database)
            jobs = perf.count_finished(database) - done
            elapsed = time.perf_counter() - began
            jvm, postgres = cpu_seconds(service.pid) - jvm, postgres_cpu_seconds() - postgres
            resting = cpu_seconds(service.pid)
            time.sleep(IDLE_SECONDS)
            resting = cpu_seconds(service.pid) - resting
        finally:
            service.stop()
        print(f"{named}: {jobs} jobs, JVM {jvm / jobs * 1000:.3f} ms CPU/job, PostgreSQL {postgres / jobs * 1000:.3f}"
              f" ms CPU/job, {jobs / elapsed:,.0f} jobs/s end to end; idle JVM {resting / IDLE_SECONDS * 100:.2f}% of a core",
              flush=True)
    finally:
        perf.drop(database)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    if not perf.shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk (or run bench/perf.py once, which installs it)")
    for jar in sys.argv[1:]:
        measure(jar)
