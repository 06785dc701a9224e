"""gunicorn settings for `make run` and production. Each can be overridden on the command line.

Workers are gthread workers that take in each whole request in their event loop before a thread serves it
(site_config/workers.py): a client that sends its request slowly, or opens a connection and says nothing, holds no
thread, so slow or hostile clients cannot keep patients waiting (README.md, "Serving"). Behind nginx, which buffers
whole requests too, plain sync workers would do as well.
"""

import gc
import multiprocessing
import os

worker_class = os.environ.get("WEB_WORKER_CLASS", "site_config.workers.BufferingWorker")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Threads per worker: they send responses, so a client slow to read one holds a thread; the site's own work runs
# a request or so at a time (site_config/admission.py).
threads = int(os.environ.get("WEB_THREADS", 32))
# A worker silent this long is restarted; idle keep-alive connections close after a few seconds.
timeout = 30
graceful_timeout = 20
keepalive = 5
# Request lines and headers are small here; anything larger is refused before the app sees it.
limit_request_line = 4094
limit_request_fields = 60
limit_request_field_size = 8190
# Load the app once before forking: workers start ready, share memory, and the first request is not slow.
preload_app = True
# Access lines carry only the method, path and status: self-check answers travel in request bodies and a
# cookie, never in a URL, so nothing a patient said reaches the log.
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
# Control characters in a request's path are written as escapes, so no request can forge a log line.
logger_class = "site_config.log_escaping.EscapingLogger"
errorlog = "-"
# The runtime control socket lives at one path per user, so several servers on a machine (make run, bench,
# loadtest, audit) would take it from each other; nothing here uses it.
control_socket_disable = True
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server):
    # The app is loaded, before the workers are forked: everything it made lives as long as the process, so the
    # garbage collector need never walk it again. Full collections then take a fraction of the time (they were the
    # slowest requests' pauses), and the workers keep sharing those pages of memory with the master.
    gc.freeze()
