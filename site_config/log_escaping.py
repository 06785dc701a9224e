"""Control characters in log lines are written as escapes, so text from a request cannot forge a log line.

Used by gunicorn's access log (`EscapingLogger`, named in gunicorn.conf.py) and by the site's own logging
(`EscapeControlCharacters`, a filter on the console handler in settings).
"""

from __future__ import annotations

import logging
import re

from gunicorn.glogging import Logger

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def escape(value: str) -> str:
    return CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", value)


class EscapeControlCharacters(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = escape(record.getMessage())
        record.args = None
        return True


class EscapingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {key: escape(value) if isinstance(value, str) else value for key, value in atoms.items()}
