"""A production stack on loopback for the fault suite and the deployment check.

Starts, each on a port of its own and all on 127.0.0.1: a throwaway PostgreSQL
cluster (initdb in a temporary directory, port 5434), a redis-server (6384), an
SMTP server (aiosmtpd, in this process), gunicorn with the production settings
(8114, WhiteNoise serving the static files) and the task worker
(``manage.py run_worker``). Each piece can be stopped, killed and started again.
Nothing here touches the shared PostgreSQL or Redis.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.prod.redis_server import RedisServer  # noqa: E402
from tests.prod.smtp_server import SmtpServer  # noqa: E402

PG_PORT = int(os.environ.get("FAULTS_PG_PORT", "5434"))
# A search cluster of our own (never the shared one on 9200): the fault suite stops
# and hangs it.
SEARCH_PORT = int(os.environ.get("FAULTS_SEARCH_PORT", "9231"))
REDIS_PORT = int(os.environ.get("FAULTS_REDIS_PORT", "6384"))
WEB_PORT = int(os.environ.get("FAULTS_WEB_PORT", "8114"))
SECRET = "f" * 20 + "k7#Qm2v!Lr9@xP4s$Wd8&Fz1^Hb6*Jn3(Tc5)Yg0"
PASSWORD = "demo-exchange-2026"
CASEWORKER = "caseworker@demo.ocmw.example"


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found:
        return found[-1]
    path = shutil.which(name)
    if not path:
        raise SystemExit(f"{name} not found: install PostgreSQL (make services)")
    return path


class Postgres:
    """A throwaway cluster owned by the postgres user when we run as root."""

    def __init__(self, port: int = PG_PORT):
        self.port = port
        self.dir = tempfile.mkdtemp(prefix="exchange-faults-pg-")
        self.data = os.path.join(self.dir, "data")
        self.log = os.path.join(self.dir, "log")
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.dir, "postgres", "postgres")

    def _run(self, *args, check=True):
        command = list(args)
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True)

    def init(self):
        self._run(_pg_bin("initdb"), "-D", self.data, "-A", "trust", "-U", "postgres")
        with open(os.path.join(self.data, "postgresql.conf"), "a") as conf:
            conf.write(
                f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.dir}'\nfsync = off\n"
                "max_connections = 60\n"
            )
        self.start()
        self._run(
            _pg_bin("createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "exchange",
        )

    def start(self):
        self._run(_pg_bin("pg_ctl"), "-D", self.data, "-l", self.log, "-w", "start")

    def stop(self):
        self._run(
            _pg_bin("pg_ctl"),
            "-D",
            self.data,
            "-m",
            "fast",
            "-w",
            "stop",
            check=False,
        )

    def restart(self):
        self._run(
            _pg_bin("pg_ctl"),
            "-D",
            self.data,
            "-l",
            self.log,
            "-m",
            "fast",
            "-w",
            "restart",
        )

    def destroy(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/exchange"

    def query(self, sql: str, *params):
        with psycopg.connect(self.url.replace("postgres://", "postgresql://")) as conn:
            return conn.execute(sql, params).fetchall()


class SearchCluster:
    """A one-node OpenSearch cluster of scripts/search_cluster.sh on its own port
    and directory, which the suite can stop, start, hang (SIGSTOP) and resume."""

    def __init__(self, port: int = SEARCH_PORT):
        self.port = port
        self.home = tempfile.mkdtemp(prefix="exchange-faults-search-")
        self.url = f"http://127.0.0.1:{port}"

    def _script(self, *args, timeout=600):
        env = {
            **os.environ,
            "SEARCH_CLUSTER_PORT": str(self.port),
            "SEARCH_CLUSTER_HOME": self.home,
            "SEARCH_CLUSTER_HEAP": os.environ.get("FAULTS_SEARCH_HEAP", "512m"),
            "SEARCH_CLUSTER_NAME": f"exchange-faults-{self.port}",
        }
        return subprocess.run(
            ["bash", "scripts/search_cluster.sh", *args],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def _pid(self) -> int:
        return int(Path(self.home, "node1.pid").read_text().strip())

    def start(self):
        self._script("start")

    def stop(self):
        self._script("stop")

    def hang(self):
        os.kill(self._pid(), signal.SIGSTOP)

    def resume(self):
        os.kill(self._pid(), signal.SIGCONT)

    def destroy(self):
        with contextlib.suppress(Exception):
            self.resume()
        with contextlib.suppress(Exception):
            self.stop()
        shutil.rmtree(self.home, ignore_errors=True)


class Stack:
    def __init__(self, *, web_workers: int = 2, search_cluster: bool = False):
        self.search = SearchCluster() if search_cluster else None
        self.pg = Postgres()
        self.redis = RedisServer(REDIS_PORT)
        self.smtp = SmtpServer()
        self.web_workers = web_workers
        self.gunicorn = None
        self.worker = None
        self.var = tempfile.mkdtemp(prefix="exchange-faults-var-")
        self.base = f"http://127.0.0.1:{WEB_PORT}"

    # -- environment ---------------------------------------------------------------
    def env(self) -> dict:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("EMAIL_", "DJANGO_", "DATABASE_", "REDIS_"))
        }
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "exchange.settings.production",
                "SECRET_KEY": SECRET,
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "SITE_URL": f"https://127.0.0.1:{WEB_PORT}",
                "CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{WEB_PORT}",
                "DATABASE_URL": self.pg.url,
                "REDIS_URL": self.redis.url,
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(self.smtp.port),
                "EMAIL_USE_TLS": "false",
                "EMAIL_TIMEOUT": "2",
                "EMAIL_RETRY_BASE_SECONDS": "1",
                "DEFAULT_FROM_EMAIL": "Newcomer Exchange <noreply@example.be>",
                "TASKS_BACKEND": "database",
                "TRUSTED_PROXY_COUNT": "1",
                "STATIC_ROOT": os.path.join(self.var, "static"),
                "MEDIA_ROOT": os.path.join(self.var, "media"),
                "VAR_DIR": self.var,
                "LOG_LEVEL": "WARNING",
                "MFA_REQUIRED_ROLES": "coordinator",
            }
        )
        if self.search is not None:
            env["SEARCH_ENGINE"] = "opensearch"
            env["OPENSEARCH_URL"] = self.search.url
            env["SEARCH_INDEX_PREFIX"] = f"faults{self.search.port}"
        return env

    def manage(self, *args, timeout=900, settings_module=None):
        env = self.env()
        if settings_module:
            env["DJANGO_SETTINGS_MODULE"] = settings_module
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)}: {result.stderr[-3000:]}")
        return result.stdout

    # -- life cycle ----------------------------------------------------------------
    def setup(self, *, log=print, scale: int = 0):
        log(f"PostgreSQL: initdb on port {self.pg.port}")
        self.pg.init()
        self.redis.start()
        self.smtp.start()
        if self.search is not None:  # before seed_demo, which rebuilds the index
            log(f"search cluster on port {self.search.port}")
            self.search.start()
        log("migrate, collectstatic, municipalities, demo content")
        self.manage("migrate", "--no-input", "-v", "0")
        self.manage("collectstatic", "--no-input", "-v", "0")
        self.manage("load_municipalities")
        # seed_demo refuses the production settings (demo accounts have published
        # passwords): the throw-away database is seeded with the development ones.
        self.manage(
            "seed_demo",
            *(["--scale", str(scale)] if scale else []),
            timeout=3600,
            settings_module="exchange.settings.dev",
        )
        self.start_web()
        self.start_worker()

    def start_web(self):
        self.gunicorn = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "exchange.wsgi",
                "--bind",
                f"127.0.0.1:{WEB_PORT}",
                "--workers",
                str(self.web_workers),
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env=self.env(),
            stdout=open(os.path.join(self.var, "gunicorn.log"), "a"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
        self.wait_http()

    def gunicorn_workers(self) -> list[int]:
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.gunicorn.pid)],
            capture_output=True,
            text=True,
        ).stdout
        return [int(pid) for pid in out.split()]

    def start_worker(self):
        self.worker = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "run_worker",
                "--interval",
                "0.2",
                "--no-startup-delay",
                "-v",
                "0",
            ],
            cwd=ROOT,
            env=self.env(),
            stdout=open(os.path.join(self.var, "worker.log"), "a"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )

    def kill_worker(self):
        if self.worker is not None:
            self.worker.send_signal(signal.SIGKILL)
            self.worker.wait()
            self.worker = None

    def wait_http(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(self.base + "/healthz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer /healthz")

    def teardown(self):
        for process in (self.gunicorn, self.worker):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        self.smtp.stop()
        self.redis.stop()
        self.pg.destroy()
        if self.search is not None:
            self.search.destroy()
        for name in ("gunicorn.log", "worker.log"):  # kept for a look afterwards
            with contextlib.suppress(OSError):
                shutil.copy(os.path.join(self.var, name), f"/tmp/exchange-last-{name}")
        shutil.rmtree(self.var, ignore_errors=True)


class Client:
    """A browser over plain HTTP as if behind the TLS proxy (X-Forwarded-*)."""

    def __init__(self, base: str, client_ip: str = "10.0.0.1"):
        self.base = base
        self.cookies: dict[str, str] = {}
        self.client_ip = client_ip
        self.http = requests.Session()

    def _headers(self, extra=None):
        headers = {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.client_ip,
            "Origin": self.base.replace("http://", "https://"),
            "Referer": self.base.replace("http://", "https://") + "/",
        }
        headers.update(extra or {})
        return headers

    def _keep(self, response):
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value

    def get(self, path, **kwargs):
        response = self.http.get(
            self.base + path,
            headers=self._headers(kwargs.pop("headers", None)),
            cookies=self.cookies,
            allow_redirects=False,
            timeout=kwargs.pop("timeout", 15),
            **kwargs,
        )
        self._keep(response)
        return response

    def post(self, path, data, **kwargs):
        data = dict(data)
        data.setdefault("csrfmiddlewaretoken", self.cookies.get("csrftoken", ""))
        response = self.http.post(
            self.base + path,
            data=data,
            headers=self._headers(kwargs.pop("headers", None)),
            cookies=self.cookies,
            allow_redirects=False,
            timeout=kwargs.pop("timeout", 15),
            **kwargs,
        )
        self._keep(response)
        return response

    def csrf_from(self, path):
        response = self.get(path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
        return match.group(1) if match else "", response

    def login(self, email=CASEWORKER, password=PASSWORD):
        token, _ = self.csrf_from("/en/accounts/login/")
        response = self.post(
            "/en/accounts/login/",
            {"login": email, "password": password, "csrfmiddlewaretoken": token},
        )
        if response.status_code != 302:
            raise RuntimeError(f"log-in failed: {response.status_code}")
        return response
