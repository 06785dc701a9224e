"""Hostile input for every form and endpoint, and checks that what comes back is a clear answer, never a crash."""

from __future__ import annotations

import json
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import quote, quote_from_bytes

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st


def fuzz(examples: int) -> settings:
    """Few examples each, so the whole hostile suite stays quick; no example database is written into the repo."""
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# Strings that have broken web apps before: markup, NULs, control and bidi characters, format strings, paths.
NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n\r\n",
    "\t\x0b\x0c",
    "\u202e\u200b\ufeff",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "' OR '1'='1' --",
    "%00%ff%2e%2e%2f",
    "../../../../etc/passwd",
    "{{ 7|add:7 }}{% debug %}",
    "%s%n%x",
    "${jndi:ldap://127.0.0.1/a}",
    "none",
    "I80.2",
    "i80 29",
    "💥" * 40,
    "\U0010ffff\ud7ff\ue000",
    "null",
    "[]",
    "{}",
]
INVALID_UTF8 = [b"\xff", b"\xfe\xff", b"\xc3\x28", b"\xa0\xa1", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf"]

nasty_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(NASTY),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=20),
    st.integers(min_value=101, max_value=20_000).map(lambda n: "x" * n),
)
nasty_bytes = st.one_of(
    st.binary(max_size=80),
    st.lists(st.sampled_from(INVALID_UTF8), min_size=1, max_size=4).map(b"".join),
)


def percent_encoded(raw: bytes) -> str:
    """Bytes as they appear in a URL, including sequences that are not valid UTF-8."""
    return quote_from_bytes(raw, safe="")


# A path segment or query value: random text, or raw bytes percent-encoded (often invalid UTF-8).
url_part = st.one_of(nasty_text.map(lambda text: quote(text, safe="")), nasty_bytes.map(percent_encoded))

CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=latin-1",
    "application/x-www-form-urlencoded; charset=no-such-charset",
    "multipart/form-data",
    "multipart/form-data; boundary=",
    "multipart/form-data; boundary=BoUnDaRy",
    "application/json",
    "text/plain",
    "application/xml",
    "",
]
content_type = st.one_of(st.sampled_from(CONTENT_TYPES), st.text(max_size=40).map(lambda t: t.replace("\n", "")))

# Any JSON value, nested a little.
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)

# --- What a clear answer looks like ----------------------------------------------------------------------------


def text_of(response) -> str:
    return response.content.decode("utf-8", errors="replace")


def assert_json_errors(response, status: int | set[int] = 400) -> dict:
    """An API error: JSON with an `errors` object whose every value is a non-empty list of strings."""
    statuses = {status} if isinstance(status, int) else status
    assert response.status_code in statuses, (response.status_code, text_of(response)[:500])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    errors = json.loads(response.content)["errors"]
    assert isinstance(errors, dict) and errors, errors
    for key, messages in errors.items():
        assert isinstance(key, str)
        assert isinstance(messages, list) and messages, (key, messages)
        assert all(isinstance(message, str) and message for message in messages), (key, messages)
    return errors


def assert_form_error_page(response) -> None:
    """A 400 page that says what is wrong: a form's error summary, or the page for a request that was unreadable."""
    assert response.status_code == 400, response.status_code
    html = text_of(response)
    assert "There is a problem" in html or "Sorry, we could not read that" in html, html[:1000]


def assert_not_found_page(response) -> None:
    assert response.status_code == 404, response.status_code
    assert "Page not found" in text_of(response)


# --- Markup that must stay inert ---------------------------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"}
DANGEROUS_TAGS = {"iframe", "object", "embed", "frame", "frameset", "form", "svg", "math", "style"}


class _ScriptFinder(HTMLParser):
    """Reads a page as a browser would and lists anything in it that could run script."""

    def __init__(self, allowed_tags: set[str]):
        super().__init__(convert_charrefs=True)
        self.allowed_tags = allowed_tags
        self.problems: list[str] = []
        self.text: list[str] = []
        self.attributes: list[str] = []
        self.json_ld: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        for name, value in attrs:
            self.attributes.append(value or "")
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and _runs_script(value or ""):
                self.problems.append(f'<{tag} {name}="{value}">')
        if tag == "script":
            self._in_script = True
            if found.get("type") == "application/ld+json":
                self.json_ld.append("")
            elif not found.get("src"):
                self.problems.append("<script> with inline code")
        elif tag == "base" and "href" in found:
            self.problems.append("<base href> (moves every relative link)")
        elif tag == "meta" and (found.get("http-equiv") or "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")
        elif tag in DANGEROUS_TAGS and tag not in self.allowed_tags:
            self.problems.append(f"<{tag}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if not self._in_script:
            self.text.append(data)
        elif self.json_ld:
            self.json_ld[-1] += data


def _runs_script(url: str) -> bool:
    # Browsers ignore whitespace and control characters inside a scheme, so "java\tscript:" still runs.
    squeezed = "".join(char for char in url if ord(char) > 0x20).lower()
    return squeezed.startswith(("javascript:", "vbscript:", "data:text/html"))


@dataclass(frozen=True)
class Page:
    text: str  # everything a reader sees, with entities decoded
    attributes: list[str]  # every attribute value, decoded
    json_ld: list  # each JSON-LD block, parsed


def assert_inert(html: str, *, allowed_tags: frozenset[str] = frozenset({"form"})) -> Page:
    """No script can run from this page. Returns what the page shows, to check hostile text arrived as text."""
    finder = _ScriptFinder(set(allowed_tags))
    finder.feed(html)
    finder.close()
    assert not finder.problems, finder.problems
    lowered = html.lower()
    assert "<script>alert" not in lowered
    assert 'href="javascript:' not in lowered
    # Each JSON-LD block must parse whole: hostile text that closed the element early would leave a broken one.
    return Page("".join(finder.text), finder.attributes, [json.loads(block) for block in finder.json_ld])
