"""The peers: JobRunr and BullMQ doing TaskOverflow's calendar job (../shared/peers), for bench/perf.py --peers.

The peers' folder is read-only where it lies, so it is copied (timestamps kept, so a build made by an
earlier run is reused) to a folder of the logs; each peer's run.sh builds it on first use (mvn package,
npm ci: it says so) and prints one JSON line, read here.
"""
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "peers"))
# name -> (folder, run.sh arguments after N, environment): as the peers' README runs them
PEERS = {
    "JobRunr": ("jobrunr", [], {}),
    "BullMQ": ("bullmq", ["8"], {"WORKER_PROCS": "2"}),
}


def run_all(args):
    """{peer name: its JSON line}, each run in turn with args.peer_jobs jobs and args.peer_idle_jobs idle ones."""
    copy = os.path.join(args.logs, "taskoverflow-peers")
    print(f"peers: copying {SOURCE} to {copy}", flush=True)
    shutil.copytree(SOURCE, copy, dirs_exist_ok=True)
    results = {}
    for name, (folder, extra, environment) in PEERS.items():
        command = ["./run.sh", str(args.peer_jobs), *extra]
        print(f"peers: {name}: {' '.join(f'{k}={v}' for k, v in environment.items())} {' '.join(command)}"
              f" in {os.path.join(copy, folder)} (progress below)", flush=True)
        env = dict(os.environ, IDLE_N=str(args.peer_idle_jobs), **environment)
        done = subprocess.run(command, cwd=os.path.join(copy, folder), env=env, stdout=subprocess.PIPE, text=True)
        lines = done.stdout.strip().splitlines()
        if done.returncode != 0 or not lines:
            sys.exit(f"peers: {name} failed (exit {done.returncode})")
        results[name] = json.loads(lines[-1])
    return results


def rows(figures, peers):
    """The side-by-side table's rows: TaskOverflow's figures from perf.py's phases, then each peer's."""
    def rate(value):
        return "–" if value is None else f"{value:,.0f}"

    names = list(peers)
    header = ["", "TaskOverflow"] + [f"{name} {peers[name].get('version', '')}" for name in names]
    table = [header, ["---"] * len(header)]
    table.append(["enqueue", f"{rate(figures.get('submit'))} /s over HTTP, each durable"]
                 + [f"{rate(p.get('enqueue_per_s'))} /s in batches; {rate(p.get('enqueue_single_per_s'))} /s one by one"
                    for p in peers.values()])
    def drain(peer):
        after_poll = peer.get("drain_after_pickup_jobs_per_s")  # JobRunr: its first poll left out
        return f"{rate(peer.get('drain_jobs_per_s'))} jobs/s" + (
            f" ({rate(after_poll)} after its first poll)" if after_poll else "")

    def fastest_drain(peer):
        return max(peer.get("drain_jobs_per_s") or 0, peer.get("drain_after_pickup_jobs_per_s") or 0)

    table.append(["drain, 20-todo calendars", f"{rate(figures.get('drain'))} jobs/s"]
                 + [drain(p) for p in peers.values()])
    idle = (f"{figures['idle_p50']:.1f} / {figures['idle_p99']:.1f} ms through HTTP, seen on its event stream"
            f" (after {figures['idle_warmup']:,} single jobs)" if "idle_p50" in figures else "–")
    table.append(["one job at a time, p50 / p99", idle]
                 + [f"{p.get('idle_p50_ms')} / {p.get('idle_p99_ms')} ms" for p in peers.values()])
    cpu = f"{figures['cpu_per_job']:.2f} ms (JVM, PostgreSQL, Redis)" if "cpu_per_job" in figures else "–"
    table.append(["CPU per finished job", cpu] + ["not measured"] * len(names))
    if figures.get("drain"):
        table.append(["TaskOverflow's drain over the peer's (its faster figure)", ""]
                     + [f"{figures['drain'] / fastest_drain(p):.1f}×" if fastest_drain(p) else "–"
                        for p in peers.values()])
    return table
