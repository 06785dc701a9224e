"""A gunicorn worker that takes in each whole request before a thread serves it, as nginx does in front of a site.

gunicorn's gthread worker hands a connection to a thread as soon as its first bytes arrive, and the thread then
waits for the rest. A client that sends half a request holds that thread until it gives up; and the kernel tends to
give new connections to the same worker, so fifty such clients can fill one worker's threads while the others sit
idle, and a patient whose request lands there waits. Here the worker's own event loop reads each request's head
and body (up to the site's body limit) as they arrive, at no cost but a buffer, and gives the complete request to
a thread. A client that goes silent partway is dropped after IDLE_SECONDS. A request too large to take in is handed
over as soon as its head is read, so the site can refuse it from its declared length.

It also sends each answer's head together with the start of its body, in one write (`OneWriteResponse`).
"""

from __future__ import annotations

import re
import selectors
import time
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.conf import settings
from gunicorn import util
from gunicorn.http import wsgi
from gunicorn.http2 import negotiation
from gunicorn.workers.gthread import TConn, ThreadWorker

IDLE_SECONDS = 10.0
HEAD_END = b"\r\n\r\n"
CONTENT_LENGTH = re.compile(rb"\r\ncontent-length:[ \t]*(\d+)[ \t]*\r\n", re.IGNORECASE)
CHUNKED = re.compile(rb"\r\ntransfer-encoding:[^\r\n]*chunked", re.IGNORECASE)


@dataclass
class Arrival:
    deadline: float
    data: bytearray = field(default_factory=bytearray)

    def complete(self, *, max_head: int, max_body: int) -> bool:
        """Whether the request has arrived far enough for a thread to serve it without waiting on the client."""
        head_end = self.data.find(HEAD_END)
        if head_end < 0:
            return len(self.data) > max_head  # gunicorn refuses it at once
        head = bytes(self.data[: head_end + 2])
        if CHUNKED.search(head):
            return True  # no length to wait for; rare, and the site reads no such body
        length = CONTENT_LENGTH.search(head)
        if length is None or int(length.group(1)) > max_body:
            return True
        return len(self.data) - (head_end + len(HEAD_END)) >= int(length.group(1))


class _Capture:
    """Stands in for the socket while gunicorn writes a response's head, to keep the bytes instead."""

    def __init__(self) -> None:
        self.data = b""

    def sendall(self, data: bytes) -> None:
        self.data += data


class OneWriteResponse(wsgi.Response):
    """gunicorn's HTTP/1 response, but its head waits for the first piece of its body and goes out with it.

    Written apart, another thread can run between the two writes; if the server dies just then, nginx has passed
    the head to the patient and cannot retry the request on another server, so the patient gets half an answer.
    """

    _head = b""

    def send_headers(self) -> None:
        if self.headers_sent:
            return
        sock, capture = self.sock, _Capture()
        self.sock = capture
        try:
            super().send_headers()
        finally:
            self.sock = sock
        self._head = capture.data

    def _emit_body(self, data: bytes) -> None:
        if self._head and not self.chunked:
            head, self._head = self._head, b""
            util.write(self.sock, head + data)
            return
        self._flush()
        super()._emit_body(data)

    def sendfile(self, respiter: Any) -> bool:
        self.send_headers()
        self._flush()
        return bool(super().sendfile(respiter))

    def close(self) -> None:
        self.send_headers()
        self._flush()  # an answer with no body: a redirect, a 304, a HEAD
        super().close()

    def _flush(self) -> None:
        if self._head:
            head, self._head = self._head, b""
            util.write(self.sock, head)


class BufferingWorker(ThreadWorker):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.arriving: dict[TConn, Arrival] = {}
        cfg = self.cfg
        self.max_head = cfg.limit_request_line + cfg.limit_request_fields * (cfg.limit_request_field_size + 2)

    def init_process(self) -> None:
        # gthread builds each HTTP/1 response with wsgi.create(), which takes gunicorn's Response unless told
        # otherwise and offers no setting for it; this worker process alone uses the one-write kind.
        wsgi.Response = OneWriteResponse  # type: ignore[misc]
        super().init_process()

    def enqueue_req(self, conn: TConn) -> None:
        if not self._can_buffer(conn):
            super().enqueue_req(conn)
            return
        conn.sock.setblocking(False)
        self.arriving[conn] = Arrival(deadline=time.monotonic() + IDLE_SECONDS)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_bytes, conn))

    def _can_buffer(self, conn: TConn) -> bool:
        if self.cfg.is_ssl or negotiation.prior_knowledge_allowed(self.cfg, conn.client):
            return False
        # Bytes already read past the last request (a pipelined one) are the parser's to serve.
        return not (conn.initialized and conn.parser.unreader.buf.getvalue())

    def _on_bytes(self, conn: TConn, _sock: object) -> None:
        arrival = self.arriving[conn]
        try:
            chunk = conn.sock.recv(256 * 1024)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:  # the client went away
            self._drop(conn)
            return
        arrival.data += chunk
        arrival.deadline = time.monotonic() + IDLE_SECONDS
        if arrival.complete(max_head=self.max_head, max_body=settings.DATA_UPLOAD_MAX_MEMORY_SIZE):
            self.poller.unregister(conn.sock)
            del self.arriving[conn]
            conn.init()
            conn.parser.unreader.unread(bytes(arrival.data))
            super().enqueue_req(conn)

    def murder_pending(self) -> None:
        super().murder_pending()
        now = time.monotonic()
        for conn in [conn for conn, arrival in self.arriving.items() if arrival.deadline <= now]:
            self._drop(conn)

    def _drop(self, conn: TConn) -> None:
        self.poller.unregister(conn.sock)
        del self.arriving[conn]
        self.nr_conns -= 1
        conn.close()
