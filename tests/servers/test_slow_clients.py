"""Slow or idle clients cannot starve patients, and oversized bodies are refused before they are read."""

from __future__ import annotations

import socket
import time

import requests

from tests.servers.conftest import csrf_token

SLOW_CLIENTS = 50


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
