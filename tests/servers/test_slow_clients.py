"""Slow or idle clients cannot starve patients, and oversized bodies are refused before they are read."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest
import requests

from tests.servers.conftest import csrf_token
from tools.site_server import Server, gunicorn, prepare_database, site_environment

SLOW_CLIENTS = 50


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, dict[str, str]]]:
    """One worker with fewer threads than there are slow clients: what a busy worker looks like when the kernel
    gives it every new connection, as it tends to."""
    workdir = tmp_path_factory.mktemp("site")
    env = site_environment(workdir, WEB_CONCURRENCY="1", WEB_THREADS="4", CACHE_DIR=str(workdir / "cache"))
    prepare_database(env)
    with gunicorn(env, workdir / "gunicorn.log") as server:
        yield server, env


def test_fifty_half_sent_requests_do_not_hold_up_the_self_check(site):
    server, _ = site
    hanging = []
    try:
        for _ in range(SLOW_CLIENTS):
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            sock.sendall(b"GET /self-check/ HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow")  # never finished
            hanging.append(sock)
        started = time.monotonic()
        response = requests.get(f"{server.base_url}/self-check/", timeout=10)
        assert response.status_code == 200
        assert time.monotonic() - started < 2
    finally:
        for sock in hanging:
            sock.close()


def test_bodies_sent_slowly_do_not_hold_up_other_requests(site):
    # Each worker runs one request at a time in the site's code; a body still arriving must not take that turn.
    server, _ = site
    hanging = []
    try:
        for _ in range(SLOW_CLIENTS):
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            sock.sendall(
                b"POST /api/v1/self-check/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                b'Content-Length: 200\r\n\r\n{"red_flags": '  # the rest never comes
            )
            hanging.append(sock)
        for _ in range(12):
            started = time.monotonic()
            response = requests.post(f"{server.base_url}/api/v1/self-check/", json={"red_flags": ["none"]}, timeout=10)
            assert response.status_code == 200
            assert time.monotonic() - started < 2
    finally:
        for sock in hanging:
            sock.close()


def test_a_huge_upload_is_refused_before_it_is_read(site):
    server, _ = site
    session = requests.Session()
    login = f"{server.base_url}/admin/login/"
    token = csrf_token(session.get(login, timeout=5).text)
    # Announce 200 MB but send only the headers: the answer must come without the body being read.
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    try:
        cookie = "; ".join(f"{name}={value}" for name, value in session.cookies.items())
        sock.sendall(
            b"POST /admin/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: multipart/form-data; boundary=x\r\n"
            + f"Content-Length: {200 * 1024 * 1024}\r\nCookie: {cookie}\r\nX-CSRFToken: {token}\r\n\r\n".encode()
        )
        status_line = sock.recv(200).split(b"\r\n", 1)[0]
    finally:
        sock.close()
    assert status_line.startswith(b"HTTP/1.1 413"), status_line


def test_a_request_sent_in_pieces_is_answered_once_it_is_whole(site):
    server, _ = site
    body = b'{"red_flags": ["none"]}'
    pieces = [
        b"POST /api/v1/self-check/ HTTP/1.1\r\nHost: 127.0.0.1\r\n",
        b"Content-Type: application/json\r\nConnection: close\r\n",
        b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body[:10],
        body[10:],
    ]
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        for piece in pieces:
            sock.sendall(piece)
            time.sleep(0.3)
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 200"), reply[:200]
    assert b'"urgency"' in reply
