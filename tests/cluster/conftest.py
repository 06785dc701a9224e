"""Several servers, as production runs them: nginx in front of two gunicorn servers sharing PostgreSQL and Redis,
all on loopback. `make test-cluster` runs these (CI too); they need those services, so a plain `pytest` leaves
them out."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass

import psycopg
import pytest
import redis

from tools.site_server import Server, _free_port, gunicorn, manage, prepare_database, site_environment

if not os.environ.get("CLUSTER_TESTS"):
    collect_ignore_glob = ["test_*.py"]

POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/5"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
NGINX_CONF = """
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log;
events {{ worker_connections 256; }}
http {{
    access_log {workdir}/nginx-access.log;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    client_max_body_size 256k;
    upstream legpain {{
        server 127.0.0.1:{first} max_fails=1 fail_timeout=10s;
        server 127.0.0.1:{second} max_fails=1 fail_timeout=10s;
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://legpain;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-For $remote_addr;
            # A server that fails is skipped and the request retried on the other. Patients' posts (the
            # self-check) store nothing, so they are safe to send twice.
            proxy_next_upstream error timeout http_502 http_503 non_idempotent;
            proxy_next_upstream_tries 2;
            proxy_connect_timeout 2s;
        }}
    }}
}}
"""


@dataclass
class Cluster:
    front: str  # nginx's address
    servers: list[Server]
    env: dict[str, str]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    workdir = tmp_path_factory.mktemp("cluster")
    database = f"cluster_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{POSTGRES}/test", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{database}"')
    redis.Redis.from_url(REDIS).flushdb()
    env = site_environment(
        workdir,
        DATABASE_URL=f"{POSTGRES}/{database}",
        REDIS_URL=REDIS,
        WEB_CONCURRENCY="2",
        TRUSTED_PROXY_COUNT="1",
        RATELIMIT_RATE="100000/m",
    )
    try:
        prepare_database(env)
        manage(
            env,
            "shell",
            "-c",
            "from tests.factories import make_staff; u = make_staff('Clinical reviewer', username='rita'); "
            "u.set_password('a long reviewer password 42'); u.save()",
            quiet=True,
        )
        with ExitStack() as stack:
            servers = [stack.enter_context(gunicorn(env, workdir / f"gunicorn-{n}.log")) for n in (1, 2)]
            port = _free_port()
            conf = workdir / "nginx.conf"
            conf.write_text(
                NGINX_CONF.format(workdir=workdir, port=port, first=servers[0].port, second=servers[1].port)
            )
            front = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(workdir), "-g", "daemon off;"])  # noqa: S603
            stack.callback(lambda: (front.terminate(), front.wait(timeout=10)))
            yield Cluster(f"http://127.0.0.1:{port}", servers, env)
    finally:
        with psycopg.connect(f"{POSTGRES}/test", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
