"""What the HTTP benchmarks share: a throwaway app (SQLite and media under one folder), its
management commands, gunicorn on a free port, and a client session that logs in."""

import http.client
import os
import re
import socket
import subprocess
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"


class App:
    """The app with its data in `out`; `env` adds or overrides environment variables."""

    def __init__(self, out, **env):
        self.out = Path(out)
        self.extra = env

    def env(self, **more):
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="zi_tracker.settings",
            DATABASE_URL=f"sqlite:///{self.out / 'bench.sqlite3'}",
            DJANGO_MEDIA_ROOT=str(self.out / "media"),
        )
        env.update(self.extra)
        env.update(more)
        return env

    def manage(self, *args):
        return subprocess.run(
            [str(BIN / "python"), "manage.py", *args],
            cwd=ROOT,
            env=self.env(),
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def serve(self, workers=1, **env):
        """Start gunicorn on a free port and wait until it listens: (process, port)."""
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "zi_tracker.wsgi",
                "-w",
                str(workers),
                "-b",
                f"127.0.0.1:{port}",
                "--timeout",
                "300",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env(**env),
        )
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return server, port
            except OSError:
                time.sleep(0.1)
        server.kill()
        raise RuntimeError("gunicorn did not start")


class Session:
    """Cookies kept across requests to one server."""

    def __init__(self, port, cookies=None):
        self.port = port
        self.cookies = dict(cookies or {})

    def headers(self, extra=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        headers.update(extra or {})
        return headers

    def keep(self, response):
        for header in response.headers.get_all("Set-Cookie") or []:
            for key, morsel in SimpleCookie(header).items():
                self.cookies[key] = morsel.value

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        conn.request(method, path, body=body, headers=self.headers(headers))
        response = conn.getresponse()
        data = response.read()
        self.keep(response)
        conn.close()
        return response.status, data

    def csrf(self, path):
        _, page = self.request("GET", path)
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()

    def login(self, username, password):
        body = urlencode(
            {
                "csrfmiddlewaretoken": self.csrf("/masuk/"),
                "username": username,
                "password": password,
            }
        )
        status, _ = self.request(
            "POST", "/masuk/", body, {"Content-Type": "application/x-www-form-urlencoded"}
        )
        assert status == 302, f"login failed ({status})"
        return self


def django_here(name):
    """Django set up in this process on a throwaway SQLite database bench/out/NAME.sqlite3
    (or DATABASE_URL when it is set), migrated."""
    import sys

    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    db = out / f"{name}.sqlite3"
    db.unlink(missing_ok=True)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{db}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "zi_tracker.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
