"""gunicorn settings for `make run`: workers from the CPU count, threads per worker, graceful restart, access
log.

PORT and HOST are honoured (HOST defaults to loopback). `kill -HUP <master>` reloads gracefully: new workers
start, old ones finish their requests within graceful_timeout. Migrations and the demo load run before
gunicorn starts (separate flask commands in the Makefile), so no worker races another at start-up.
"""

import multiprocessing
import os

_cpus = multiprocessing.cpu_count()

wsgi_app = "wsgi:app"
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
# 2 × CPUs + 1 processes (at most 9) of one thread per CPU (2 to 4): at most 36 database connections in use
# at
# once, well under the embedded cluster's max_connections = 100 (a thread holds at most one pooled
# connection).
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * _cpus + 1, 9)))
threads = int(os.environ.get("GUNICORN_THREADS", max(2, min(_cpus, 4))))
worker_class = "gthread"
timeout = 60  # a worker silent this long is hung: it is replaced
graceful_timeout = 30  # on HUP/TERM a worker finishes its requests first
keepalive = 5
max_requests = 2000  # recycle workers now and then …
max_requests_jitter = 200  # … not all at once
accesslog = "-"  # access log to stdout
errorlog = "-"
capture_output = True
proc_name = "rural-registry"
