"""gunicorn's answer leaves in one write, head and body together, so a server that dies between them cannot leave
nginx holding a head it has already passed on (tests/cluster kills a server under load)."""

from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from site_config.workers import OneWriteResponse


class Socket:
    def __init__(self):
        self.writes = []

    def sendall(self, data):
        self.writes.append(bytes(data))


def respond(status, headers, body=b"", method="GET"):
    request = SimpleNamespace(version=(1, 1), method=method, headers=[], should_close=lambda: False)
    socket = Socket()
    response = OneWriteResponse(request, socket, Config())
    response.start_response(status, headers)
    if body:
        response.write(body)
    response.close()
    return socket.writes


def test_a_page_is_one_write():
    writes = respond("200 OK", [("Content-Type", "text/html"), ("Content-Length", "5")], b"hello")
    assert len(writes) == 1
    assert writes[0].startswith(b"HTTP/1.1 200 OK\r\n") and writes[0].endswith(b"\r\n\r\nhello")


@pytest.mark.parametrize(("status", "method"), [("302 Found", "GET"), ("304 Not Modified", "GET"), ("200 OK", "HEAD")])
def test_an_answer_without_a_body_still_sends_its_head_once(status, method):
    writes = respond(status, [("Location", "/"), ("Content-Length", "0")], method=method)
    assert len(writes) == 1 and writes[0].startswith(f"HTTP/1.1 {status}".encode()) and writes[0].endswith(b"\r\n\r\n")


def test_a_streamed_answer_sends_its_head_first_then_each_piece():
    request = SimpleNamespace(version=(1, 1), method="GET", headers=[], should_close=lambda: False)
    socket = Socket()
    response = OneWriteResponse(request, socket, Config())
    response.start_response("200 OK", [("Content-Type", "text/plain")])  # no length: chunked
    response.write(b"one")
    response.write(b"two")
    response.close()
    body = b"".join(socket.writes)
    assert body.index(b"HTTP/1.1 200 OK") == 0 and body.index(b"one") < body.index(b"two")
    assert body.endswith(b"0\r\n\r\n")
