"""Many threads to wait on clients, few at a time running the site's own code.

A gthread worker gives each connection a thread, so a client that sends its request slowly holds only its own
thread (README.md, "Serving"). But the site's work is short and CPU-bound, and Python runs one thread's code at a
time: when a dozen threads render pages together they slow each other down, and a patient's page waits behind all
of them. So each worker lets only a few requests at a time into Django, in the order they arrived, and the rest
wait their turn at no cost. The request body is read before a request takes its turn, and the response is sent
after it gives it back, so a slow client never holds a turn: the same job nginx's request buffering does, done
in the worker for a bare `make run`.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterable
from typing import Any

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class Admission:
    def __init__(self, app: WSGIApp, *, at_once: int, max_body: int) -> None:
        self.app = app
        self.turns = threading.BoundedSemaphore(at_once)
        self.max_body = max_body

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        length = _content_length(environ)
        # A body over the limit is left unread: the site refuses it from its declared length alone.
        if 0 < length <= self.max_body:
            environ["wsgi.input"] = io.BytesIO(environ["wsgi.input"].read(length))
        with self.turns:
            return self.app(environ, start_response)


def _content_length(environ: dict[str, Any]) -> int:
    try:
        return int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
