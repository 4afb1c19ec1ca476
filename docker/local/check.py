#!/usr/bin/env python3
"""Brings the compose files up for real with podman and checks what they promise.

For each shape, docker/compose.yaml (Redis as the broker) and with docker/compose.sqs.yaml (SQS,
ElasticMQ, no Redis): the local stand-ins swapped in (compose.local.yaml), the service's image
built with docker/Dockerfile, `up` until every health check passes, the seed's session through the
published port 127.0.0.1:6400, `--scale worker=3` and every worker container seen taking jobs, one
worker container killed while it holds jobs (none lost), then `down -v`. Whatever it started is
stopped and removed, also when a step fails; the stand-in base images are kept for the next run.

Run by .ci/run as root, after `mvn verify` built target/taskoverflow.jar:
    python3 docker/local/check.py            # both shapes;  --shape redis | sqs  for one
Needs podman, mmdebstrap and Debian's docker-compose (.ci/run installs them). Each shape's logs
are left in target/compose-check/.
"""
import argparse
import collections
import concurrent.futures
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

DOCKER = Path(__file__).resolve().parent.parent
PROJECT = DOCKER.parent
LOGS = PROJECT / "target" / "compose-check"
SOCKET = Path("/run/taskoverflow-check/podman.sock")
API = ("127.0.0.1", 6400)
SHAPES = {
    "redis": ["compose.yaml", "local/compose.local.yaml"],
    "sqs": ["compose.yaml", "compose.sqs.yaml", "local/compose.local.yaml", "local/compose.sqs.local.yaml"],
}
SEED_TODO = {"title": "Project Proposal", "description": "CSSE6400 Project Proposal Due",
             "deadline_at": "2023-04-03T14:00:00"}
WORKERS = 3
# Todos in the calendar each load job builds: enough that a job lasts long enough to be killed in.
LOAD_TODOS = 4000
SPREAD_JOBS = 90
KILL_JOBS = 150
# After the victim is paused: long enough for an outcome it had sent before to be committed.
FREEZE_SETTLE_S = 0.5
FINAL = {"SUCCESS", "FAILURE", "CANCELLED"}


class CheckFailed(Exception):
    pass


def say(message):
    print(f"[compose-check] {message}", flush=True)


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


def run(*command, check=True, quiet=True, env=None):
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if check and result.returncode != 0:
        raise CheckFailed(f"{' '.join(command)} exited {result.returncode}:\n{result.stdout}{result.stderr}")
    if not quiet:
        print(result.stdout, end="", flush=True)
    return result.stdout


# ---- the engine -------------------------------------------------------------------------------

class Engine:
    """podman's Docker-compatible socket (docker-compose talks to it), and its health checks."""

    def __init__(self):
        SOCKET.parent.mkdir(parents=True, exist_ok=True)
        self.service = subprocess.Popen(["podman", "system", "service", "--time=0", f"unix://{SOCKET}"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while not self._answers():
            expect(time.monotonic() < deadline, "podman's socket did not answer within 30 s")
            time.sleep(0.2)
        self.stopping = threading.Event()
        self.health = threading.Thread(target=self._run_health_checks, daemon=True)
        self.health.start()

    @staticmethod
    def _answers():
        try:
            with socket.socket(socket.AF_UNIX) as probe:
                probe.connect(str(SOCKET))
            return True
        except OSError:
            return False

    def _run_health_checks(self):
        # podman schedules health checks with systemd timers; this machine has no systemd, so
        # without this they would never run and no container would become healthy.
        while not self.stopping.wait(1):
            listing = run("podman", "ps", "--filter", "label=com.docker.compose.project",
                          "--format", "{{.ID}} {{.Status}}", check=False)
            for line in listing.splitlines():
                container, _, status = line.partition(" ")
                if "(" in status:  # it has a health check: (starting), (healthy) or (unhealthy)
                    run("podman", "healthcheck", "run", container, check=False)

    def compose(self, project, files, *arguments, quiet=True, check=True):
        command = ["docker-compose", "--no-ansi", "-p", project]
        for file in files:
            command += ["-f", str(DOCKER / file)]
        env = dict(os.environ, DOCKER_HOST=f"unix://{SOCKET}")
        return run(*command, *arguments, quiet=quiet, check=check, env=env)

    def close(self):
        self.stopping.set()
        self.health.join(5)
        self.service.terminate()
        self.service.wait(10)


def containers(project, service=None, every=False):
    """{container id: (name, hostname)} of a compose project's containers, or one service's."""
    command = ["podman", "ps", "--format", "{{.ID}}", "--filter", f"label=com.docker.compose.project={project}"]
    if service:
        command += ["--filter", f"label=com.docker.compose.service={service}"]
    if every:
        command.append("--all")
    found = {}
    for container in run(*command).split():
        name, hostname = run("podman", "inspect", "--format", "{{.Name}} {{.Config.Hostname}}", container).split()
        found[container] = (name, hostname)
    return found


def health(container):
    return run("podman", "inspect", "--format", "{{.State.Health.Status}}", container, check=False).strip()


def await_healthy(project, service, count, limit_s):
    deadline = time.monotonic() + limit_s
    while True:
        found = containers(project, service)
        healthy = [c for c in found if health(c) == "healthy"]
        if len(healthy) >= count:
            return found
        expect(time.monotonic() < deadline,
               f"{service}: {len(healthy)} of {count} containers healthy after {limit_s} s")
        time.sleep(0.5)


def await_taking(workers, limit_s):
    """Healthy says a worker joined the cluster; its log says when it takes jobs, a moment later. Jobs
    submitted before then go to the others, which with enough slots between them take them all."""
    deadline = time.monotonic() + limit_s
    while waiting := [name for container, (name, _) in workers.items()
                      if "taking jobs from" not in run("podman", "logs", container, check=False)]:
        expect(time.monotonic() < deadline, f"not taking jobs after {limit_s} s: {waiting}")
        time.sleep(0.5)


# ---- HTTP through the published port ----------------------------------------------------------

def call(method, path, body=None):
    connection = http.client.HTTPConnection(*API, timeout=30)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        connection.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
        answer = connection.getresponse()
        return answer.status, answer.getheader("Content-Type", ""), answer.read()
    except OSError as error:
        raise CheckFailed(f"{method} {path} on {API[0]}:{API[1]}: {error}") from error
    finally:
        connection.close()


def call_json(method, path, body=None, status=200):
    got, _, content = call(method, path, body)
    expect(got == status, f"{method} {path}: {got} (expected {status}): {content[:300]!r}")
    return json.loads(content)


def status_path(task_id):
    return f"/api/v1/todos/ical/{task_id}/status"


def submit():
    return call_json("POST", "/api/v1/todos/ical", status=202)["task_id"]


def await_final(task_ids, limit_s):
    """Polls each job until it is final; returns {task id: status}."""
    final, deadline = {}, time.monotonic() + limit_s
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        while len(final) < len(task_ids):
            waiting = [t for t in task_ids if t not in final]
            for task_id, status in zip(waiting, pool.map(lambda t: call_json("GET", status_path(t)), waiting)):
                if status["task_status"] in FINAL:
                    final[task_id] = status
            expect(time.monotonic() < deadline, f"{len(task_ids) - len(final)} of {len(task_ids)} jobs "
                   f"not final after {limit_s} s")
            time.sleep(0.2)
    return final


def await_members(count, limit_s):
    """The API's health tells how many JVMs its cluster has: the containers must form one."""
    deadline = time.monotonic() + limit_s
    while (members := call_json("GET", "/api/v1/health")["cluster"]["members"]) != count:
        expect(time.monotonic() < deadline, f"the cluster has {members} members, not {count}, after {limit_s} s")
        time.sleep(0.5)
    return members


def seed_session():
    """The README's curl session: a todo, its calendar as a job, the job's result."""
    expect(call_json("GET", "/api/v1/health")["status"] == "ok", "health is not ok")
    todo = call_json("POST", "/api/v1/todos", SEED_TODO, status=201)
    listed = call_json("GET", "/api/v1/todos")
    expect(any(item["id"] == todo["id"] for item in listed), "the new todo is not listed")
    task_id = submit()
    status = await_final([task_id], 60)[task_id]
    expect(status["task_status"] == "SUCCESS", f"the seed's job ended {status}")
    got, content_type, calendar = call("GET", f"/api/v1/todos/ical/{task_id}/result")
    expect(got == 200 and content_type.startswith("text/calendar"), f"result: {got} {content_type}")
    expect(b"SUMMARY:Project Proposal" in calendar, f"the calendar lacks the todo:\n{calendar[:500]!r}")
    return status["worker"]


def add_todos(count):
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda n: call_json("POST", "/api/v1/todos", dict(SEED_TODO, title=f"Load {n}"), status=201),
                      range(count)))


# ---- the steps --------------------------------------------------------------------------------

def container_running(worker, workers):
    """The worker container whose host name starts the worker's name (host-pid-instance), or None."""
    return next((container for container, (_, hostname) in workers.items() if worker.startswith(hostname + "-")), None)


def container_of(worker, workers):
    """The name of the worker's container."""
    container = container_running(worker, workers)
    return workers[container][0] if container else f"unknown ({worker})"


def jobs_per_container(statuses, workers):
    counts = {name: 0 for name, _ in workers.values()}
    for status in statuses.values():
        name = container_of(status["worker"], workers)
        counts[name] = counts.get(name, 0) + 1
    return counts


def spread(workers):
    task_ids = [submit() for _ in range(SPREAD_JOBS)]
    statuses = await_final(task_ids, 120)
    expect(all(s["task_status"] == "SUCCESS" for s in statuses.values()), "a job of the spread round failed")
    counts = jobs_per_container(statuses, workers)
    say(f"{SPREAD_JOBS} jobs over {WORKERS} worker containers: " + ", ".join(f"{n} {c}" for n, c in counts.items()))
    expect(len(counts) == WORKERS and all(c > 0 for c in counts.values()),
           f"not every worker container took jobs: {counts}")


def started_by_container(statuses, workers):
    """The STARTED jobs among these statuses, by the worker container that runs each."""
    started = collections.defaultdict(list)
    for status in statuses:
        container = container_running(status["worker"], workers) if status["task_status"] == "STARTED" else None
        if container:
            started[container].append(status["task_id"])
    return started


def frozen_holding(victim, jobs, workers, pool):
    """Pauses the container, then reads the jobs it was seen to run again: those still STARTED on
    it. Reading the whole batch takes long enough for those jobs to end, and so does starting
    `podman kill`; frozen, the container can end none between this read and the kill. If it holds
    none, it runs on again."""
    run("podman", "pause", victim)
    time.sleep(FREEZE_SETTLE_S)
    try:
        held = started_by_container(pool.map(lambda t: call_json("GET", status_path(t)), jobs), workers)[victim]
    except BaseException:
        run("podman", "unpause", victim, check=False)
        raise
    if not held:
        run("podman", "unpause", victim)
        say(f"paused {workers[victim][0]}: the {len(jobs)} job(s) seen started on it had ended, so it runs on")
    return held


def holding_a_job(workers, at_least):
    """Submits KILL_JOBS jobs while reading their statuses: (the jobs, a worker container seen with
    at least `at_least` of them STARTED in one read and paused still holding some, or None if they
    all ended first, the jobs it holds, the submitting thread, perhaps still on)."""
    batch, failures = [], []

    def submit_batch():
        try:
            for _ in range(KILL_JOBS):
                batch.append(submit())
        except CheckFailed as failure:
            failures.append(failure)

    submitter = threading.Thread(target=submit_batch, daemon=True)
    submitter.start()
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        while True:
            submitting, seen = submitter.is_alive(), list(batch)
            statuses = list(pool.map(lambda t: call_json("GET", status_path(t)), seen))
            started = started_by_container(statuses, workers)
            if started and max(len(jobs) for jobs in started.values()) >= at_least:
                victim, jobs = max(started.items(), key=lambda item: len(item[1]))
                held = frozen_holding(victim, jobs, workers, pool)
                if held:
                    return batch, victim, held, submitter
            if not submitting and all(status["task_status"] in FINAL for status in statuses):
                expect(not failures, f"submitting failed: {failures}")
                return batch, None, [], submitter


def kill_mid_load(workers):
    """Kills a worker container, paused while it holds a started job, as the queue still has jobs."""
    task_ids, victim = [], None
    for at_least in (3, 3, 1):  # a batch may end before a read sees enough started: then another
        batch, victim, held, submitter = holding_a_job(workers, at_least)
        if victim:
            break
        task_ids += batch
        time.sleep(2)  # the submit rate's bucket refills (100 a second beyond the API's host)
    expect(victim is not None, f"no job of {len(task_ids)} was seen started")
    run("podman", "kill", victim)
    killed_at = time.monotonic()
    submitter.join()  # the rest of the batch is submitted during and after the kill
    task_ids += batch
    say(f"killed worker container {workers[victim][0]} (paused) while it ran {len(held)} job(s)")
    statuses = await_final(task_ids, 180)
    succeeded = sum(1 for s in statuses.values() if s["task_status"] == "SUCCESS")
    again = sum(1 for s in statuses.values() if s.get("attempts", 1) > 1)
    say(f"worker container killed mid-load: jobs accepted {len(task_ids)}, succeeded {succeeded}, "
        f"lost {len(task_ids) - succeeded}, ran more than once {again} (one outcome each); "
        f"all final {time.monotonic() - killed_at:.1f} s after the kill")
    counts = jobs_per_container(statuses, workers)
    say("finished by: " + ", ".join(f"{n} {c}" for n, c in counts.items()))
    expect(succeeded == len(task_ids), "jobs were lost")
    expect(again > 0, "no job was run again: the killed container held none")


def check_shape(engine, shape):
    project = f"taskoverflow-check-{shape}"
    files = SHAPES[shape]
    LOGS.mkdir(parents=True, exist_ok=True)
    say(f"--- {shape}: docker-compose -p {project} " + " ".join(f"-f docker/{f}" for f in files))
    try:
        engine.compose(project, files, "down", "-v", "--remove-orphans", check=False)  # a failed run's leftovers
        started = time.monotonic()
        engine.compose(project, files, "build", "api")
        built = time.monotonic()
        say(f"built the service's image with docker/Dockerfile in {built - started:.0f} s")
        engine.compose(project, files, "up", "-d")
        await_healthy(project, "api", 1, 180)
        await_healthy(project, "worker", 1, 120)
        worker = seed_session()
        say(f"up and healthy, the seed's session done (its job ran on {worker}) "
            f"{time.monotonic() - built:.1f} s after `up`")
        services = {name.split("_")[-2] for name, _ in containers(project, every=True).values()}
        say("containers: " + ", ".join(sorted(services)))
        if shape == "sqs":
            expect("redis" not in services and "sqs" in services, f"the SQS shape runs {services}")
        scaled = time.monotonic()
        engine.compose(project, files, "up", "-d", "--no-recreate", "--scale", f"worker={WORKERS}")
        workers = await_healthy(project, "worker", WORKERS, 120)
        members = await_members(1 + WORKERS, 60)
        await_taking(workers, 60)
        say(f"--scale worker={WORKERS}: {WORKERS} healthy worker containers, {members} cluster members, "
            f"{time.monotonic() - scaled:.1f} s later")
        add_todos(LOAD_TODOS)
        spread(workers)
        kill_mid_load(workers)
    finally:
        (LOGS / f"{shape}.log").write_text(engine.compose(project, files, "logs", "--no-color", check=False))
        engine.compose(project, files, "down", "-v", "--remove-orphans", check=False)
        left = run("podman", "ps", "--all", "--quiet", "--filter", f"label=com.docker.compose.project={project}")
        expect(not left.strip(), f"containers left after down: {left}")
        say(f"{shape}: down -v, nothing left (logs: {LOGS.relative_to(PROJECT)}/{shape}.log)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", choices=sorted(SHAPES), action="append")
    shapes = parser.parse_args().shape or list(SHAPES)
    # a CI time-out's SIGTERM still takes everything down (the finally blocks)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    subprocess.run(["bash", str(DOCKER / "local" / "images.sh")], check=True)
    engine = Engine()
    try:
        for shape in shapes:
            check_shape(engine, shape)
    except CheckFailed as failure:
        say(f"FAILED: {failure}")
        return 1
    finally:
        engine.close()
        # the service's image is rebuilt each run; the stand-ins' base images are kept
        # (built through the Docker API, it is named as Docker names it)
        run("podman", "rmi", "--force", "docker.io/library/taskoverflow:1.0.0", check=False)
        run("podman", "image", "prune", "--force", check=False)
    say(f"passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
