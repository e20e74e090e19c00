"""A Madani cluster on loopback (issue 17): two gunicorn app servers behind nginx, two task workers,
Redis (cache, sessions, rate limits and — REDIS_URL being set — the job queue, through RQ), the local
PostgreSQL and moto's S3 server as the object store — every part a separate process, configured by
settings only, as production is.

Each worker pauses after every job step (``MADANI_CLUSTER_STEP_PAUSE`` seconds) so that a test can
kill one in the middle of a job.
"""

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
VENV = Path(sys.executable).parent
PG = os.environ.get("MADANI_CLUSTER_PG", "postgres://postgres@127.0.0.1:5432")
DATABASE = "madani_cluster"
REDIS = os.environ.get("MADANI_CLUSTER_REDIS", "redis://127.0.0.1:6379/7")
BUCKET = "madani-cluster"
PASSWORD = "cluster-Pa55word!"

WORKER = """
import os, time
import django
django.setup()
from madani.core.jobs import Job
advance = Job.advance
def paused_advance(self, progress, **fields):
    advance(self, progress, **fields)
    time.sleep(float(os.environ["MADANI_CLUSTER_STEP_PAUSE"]))
Job.advance = paused_advance
from django.core.management import call_command
call_command("worker", "--no-startup-delay", "--no-reload", "--interval", "0.2",
             "--worker-id", os.environ["MADANI_CLUSTER_WORKER_ID"], verbosity=0)
"""

SETUP = """
from madani.accounts.models import ApiToken, Role, User
from madani.accounts.services import token_digest
from madani.activities.models import Program
from madani.branches.models import Branch
branch = Branch.objects.create(code="raqqa", name="الرقة", name_ar="الرقة", name_en="Raqqa")
user = User.objects.create_user(email="admin@cluster.test", password="{password}", role=Role.ADMINISTRATOR)
ApiToken.objects.create(user=user, name="cluster", digest=token_digest("c1uster0000000000000000000000000000token"),
                        prefix="c1uster0")
User.objects.create_user(email="guessed@cluster.test", password="{password}", role=Role.ME_OFFICER)
for role in (Role.BRANCH_MANAGER, Role.ME_OFFICER, Role.TRAINER):
    User.objects.create_user(email=f"{{role}}@cluster.test", password="{password}", role=role).branches.add(branch)
program = Program.objects.create(code="CB", name="بناء القدرات", name_ar="بناء القدرات", name_en="Capacity building",
                                 start_date="2026-01-01", end_date="2026-12-31")
program.branches.add(branch)
print(program.pk)
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            requests.get(url, timeout=2)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise TimeoutError(url)


class Cluster:
    def __init__(self, tmp: Path, *, step_pause=0.6):
        self.tmp = tmp
        self.step_pause = step_pause
        self.processes = {}
        self.ports = {name: free_port() for name in ("nginx", "app1", "app2", "s3")}

    # --- the settings every process shares ---------------------------------------------------------
    def env(self):
        keep = {k: v for k, v in os.environ.items()
                if not k.startswith(("MADANI_", "DATABASE_URL", "REDIS_URL", "DJANGO_", "PYTEST"))}
        keep.update(
            DJANGO_SETTINGS_MODULE="madani.settings", DEBUG="0", SECRET_KEY="cluster-" + "s" * 50,
            ALLOWED_HOSTS="127.0.0.1,localhost", DATABASE_URL=f"{PG}/{DATABASE}", REDIS_URL=REDIS,
            MADANI_S3_BUCKET=BUCKET, MADANI_S3_ENDPOINT_URL=f"http://127.0.0.1:{self.ports['s3']}",
            MADANI_S3_REGION="us-east-1", MADANI_S3_ACCESS_KEY="cluster", MADANI_S3_SECRET_KEY="cluster",
            MADANI_REQUIRE_2FA="0", MADANI_JOB_LEASE_SECONDS="2",
            RATELIMIT_IP_META_KEY="HTTP_X_REAL_IP", MADANI_CLUSTER_STEP_PAUSE=str(self.step_pause),
            MADANI_SQLITE_PATH=str(self.tmp / "unused.sqlite3"),
        )
        return keep

    def manage(self, *args, input=None):
        return subprocess.run([str(VENV / "python"), "manage.py", *args], cwd=ROOT, env=self.env(), check=True,
                              capture_output=True, text=True, input=input).stdout

    def start(self, name, argv):
        out = open(self.tmp / f"{name}.log", "w")
        env = self.env() | {"MADANI_CLUSTER_WORKER_ID": name}
        self.processes[name] = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=out, stderr=out,
                                                start_new_session=True)

    def kill(self, name):
        """SIGKILL a process with everything it started, as a lost machine or the kernel's OOM killer of its
        systemd unit would (RQ runs each job in a child in a process group of its own)."""
        process = self.processes.pop(name)
        for pid in list(self.tree(process.pid)):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.wait()

    def stop(self):
        for name in list(self.processes):
            self.kill(name)

    # --- bringing it up -----------------------------------------------------------------------------
    def up(self):
        subprocess.run(["psql", PG + "/postgres", "-qc", f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"],
                       check=True, capture_output=True)
        subprocess.run(["psql", PG + "/postgres", "-qc", f"CREATE DATABASE {DATABASE}"], check=True,
                       capture_output=True)
        import redis

        redis.Redis.from_url(REDIS).flushdb()
        self.start("s3", [str(VENV / "python"), "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.ports["s3"])])
        wait_for(f"http://127.0.0.1:{self.ports['s3']}/")
        import boto3

        boto3.client("s3", endpoint_url=f"http://127.0.0.1:{self.ports['s3']}", aws_access_key_id="cluster",
                     aws_secret_access_key="cluster", region_name="us-east-1").create_bucket(Bucket=BUCKET)
        self.manage("migrate", "--noinput", "-v0")
        self.program = int(self.manage("shell", "--no-imports", "-c", SETUP.format(password=PASSWORD)).strip().splitlines()[-1])
        for app in ("app1", "app2"):
            self.start(app, [str(VENV / "gunicorn"), "madani.wsgi", "-b", f"127.0.0.1:{self.ports[app]}", "-w", "2",
                             "--timeout", "60"])
        for worker in ("worker1", "worker2"):
            self.start(worker, [str(VENV / "python"), "-c", WORKER])
        conf = self.tmp / "nginx.conf"
        conf.write_text(f"""
pid {self.tmp}/nginx.pid;
error_log {self.tmp}/nginx-error.log;
daemon off;
events {{}}
http {{
    access_log off;
    client_body_temp_path {self.tmp}/body;
    proxy_temp_path {self.tmp}/proxy;
    upstream madani {{
        server 127.0.0.1:{self.ports['app1']} max_fails=1 fail_timeout=30s;
        server 127.0.0.1:{self.ports['app2']} max_fails=1 fail_timeout=30s;
    }}
    server {{
        listen 127.0.0.1:{self.ports['nginx']};
        client_max_body_size 20m;
        location / {{
            proxy_pass http://madani;
            proxy_set_header Host $host;
            proxy_set_header X-Real-IP $remote_addr;
            proxy_set_header X-Request-ID $request_id;
            proxy_next_upstream error timeout;
        }}
    }}
}}
""")
        self.start("nginx", ["/usr/sbin/nginx", "-c", str(conf), "-p", str(self.tmp)])
        for port in (self.ports["app1"], self.ports["app2"], self.ports["nginx"]):
            wait_for(f"http://127.0.0.1:{port}/healthz")
        return self

    def url(self, server, path):
        return f"http://127.0.0.1:{self.ports[server]}{path}"

    def rss_kb(self, name):
        """Resident memory of one of the cluster's processes and its children (gunicorn's workers), in KB."""
        return sum(int(re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text()).group(1))
                   for pid in self.tree(self.processes[name].pid))

    @staticmethod
    def tree(pid):
        """A process and its descendants (read from /proc), parents first."""
        yield pid
        children = []
        with contextlib.suppress(FileNotFoundError):  # it ended meanwhile
            children = [int(child) for task in Path(f"/proc/{pid}/task").iterdir()
                        for child in (task / "children").read_text().split()]
        for child in children:
            yield from Cluster.tree(child)

    def query(self, sql):
        return subprocess.run(["psql", f"{PG}/{DATABASE}", "-tAc", sql], check=True, capture_output=True,
                              text=True).stdout.strip()
