"""gunicorn settings for `make run`: workers and threads from the CPU count, graceful restart, access log.

PORT and HOST are honoured (HOST defaults to loopback). `kill -HUP <master>` reloads gracefully: new workers
start, old ones finish their requests within graceful_timeout. Migrations and the demo load run before
gunicorn starts (separate flask commands in the Makefile), so no worker races another at start-up.
"""
import multiprocessing
import os

_cpus = multiprocessing.cpu_count()

wsgi_app = "wsgi:app"
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * _cpus + 1))
threads = int(os.environ.get("GUNICORN_THREADS", max(2, _cpus)))
worker_class = "gthread"
timeout = 60              # a request past this is stuck: the worker is replaced
graceful_timeout = 30     # on HUP/TERM a worker finishes its requests first
keepalive = 5
max_requests = 2000       # recycle workers now and then …
max_requests_jitter = 200  # … not all at once
accesslog = "-"           # access log to stdout
errorlog = "-"
capture_output = True
proc_name = "rural-registry"
