"""gunicorn settings for `make run` and production. Each can be overridden on the command line."""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("WEB_THREADS", 1))
# Load the app once before forking: workers start ready, share memory, and the first request is not slow.
preload_app = True
# Access lines carry only the method, path and status: self-check answers travel in request bodies and a
# cookie, never in a URL, so nothing a patient said reaches the log.
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
# The runtime control socket lives at one path per user, so several servers on a machine (make run, bench,
# loadtest, audit) would take it from each other; nothing here uses it.
control_socket_disable = True
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
