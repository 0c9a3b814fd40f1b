"""Background work: a management command run later, away from the web worker that asked.

With ZI_QUEUE_URL set (redis://…), the command goes on the RQ queue in Redis and a worker on any
host runs it (`manage.py rqworker`, one systemd unit per host). Without it (development,
`make run`), it starts at once in a child process of this machine. Either way the command runs
in a process of its own that ends with it: WeasyPrint's memory grows with the page count and is
not given back, and RQ's worker forks a fresh process for every job.

Only the commands named in TUGAS may be queued."""

import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.db import connections

# Commands that run as background work, and how long each may take (seconds).
TUGAS = {
    "render_dokumen": 600,
    "send_reminders": 1800,
    "snapshot_progress": 1800,
    "sweep_orphan_files": 1800,
    "tulis_impor": 600,
}


def _database_url():
    """The database this process uses, as a URL, so the child writes to the very same one
    (in tests: the test database)."""
    db = connections["default"].settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] or ""
    if db.get("PASSWORD"):
        auth += f":{db['PASSWORD']}"
    host = db["HOST"] or "localhost"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{auth}@{host}{port}/{db['NAME']}"


def _spawn(command, args):
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "zi_tracker.settings"),
    }
    return subprocess.Popen(
        [sys.executable, str(settings.BASE_DIR / "manage.py"), command, *args],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )


def run(command, *args):
    """What a queue worker calls: the command, in the worker's own process."""
    if command not in TUGAS:
        raise ValueError(f"{command} bukan tugas latar.")
    call_command(command, *args)


def enqueue(command, *args):
    """Run `command` with `args` later, on the queue when one is configured."""
    if command not in TUGAS:
        raise ValueError(f"{command} bukan tugas latar.")
    args = [str(a) for a in args]
    if not settings.ZI_QUEUE_URL:
        return _spawn(command, args)
    import django_rq

    return django_rq.get_queue("default").enqueue(
        run, command, *args, job_timeout=TUGAS[command], result_ttl=3600, failure_ttl=7 * 86400
    )
