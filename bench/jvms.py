"""What the benchmark scripts share: free loopback ports, psql, and TaskOverflow JVMs started from a jar."""
import os
import signal
import socket
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "target", "taskoverflow.jar")
LOGS = os.path.join(ROOT, "target", "bench-logs")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def psql(pg_server, database, sql):
    out = subprocess.run(["psql", f"{pg_server}/{database}", "-tAqc", sql], capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip())
    return out.stdout.strip()


class Jvm:
    """java -jar JAR ARGS with the TASKOVERFLOW_ settings given (and no others), logging to target/bench-logs/NAME.log."""

    def __init__(self, name, env, args, jar=JAR):
        os.makedirs(LOGS, exist_ok=True)
        self.log_path = os.path.join(LOGS, f"{name}.log")
        self.log = open(self.log_path, "w")
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("TASKOVERFLOW_")}
        full_env.update(env)
        self.proc = subprocess.Popen(["java", "-jar", jar] + args, env=full_env, stdout=self.log,
                                     stderr=subprocess.STDOUT)

    def wait_started(self, limit=90):
        """Waits for the start line; answers when it came."""
        deadline = time.time() + limit
        while time.time() < deadline:
            with open(self.log_path) as f:
                if "TaskOverflow started" in f.read():
                    return time.time()
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.log_path}: exited {self.proc.returncode}")
            time.sleep(0.05)
        raise RuntimeError(f"{self.log_path}: not started in {limit} s")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
