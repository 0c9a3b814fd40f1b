"""gunicorn for ZI Tracker: `gunicorn -c deploy/gunicorn.conf.py zi_tracker.wsgi`.

Every value can be changed from the environment file without editing this one."""

import multiprocessing
import os

# nginx on the same host talks to this address; on a second app server, bind its private
# address instead (and list it in nginx's upstream).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# Synchronous workers: nginx buffers slow clients, so a worker only ever waits for the database.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# A request that takes longer than this is stuck; PDFs render on the queue, not here.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
# Workers are replaced now and then, so a slow leak in a library cannot grow for months.
max_requests = 2000
max_requests_jitter = 200
# Only nginx on this host may say which scheme and address the client used.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
# Load the app once in the master: workers start faster and share its memory pages.
preload_app = True
