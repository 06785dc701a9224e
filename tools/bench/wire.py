"""Bytes on the wire: what a browser downloads for a page, asking for gzip as every browser does."""

from __future__ import annotations

import gzip
import http.client
import re
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

ACCEPT = {"Accept-Encoding": "gzip"}
# Link relations a browser fetches on its own while loading the page.
FETCHED_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "manifest"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


@dataclass
class Resource:
    path: str
    kind: str
    status: int
    encoding: str
    body_bytes: int
    header_bytes: int


@dataclass
class Page:
    path: str
    resources: list[Resource] = field(default_factory=list)

    @property
    def html(self) -> Resource:
        return self.resources[0]

    def total(self, kind: str | None = None) -> int:
        return sum(r.body_bytes for r in self.resources if kind is None or r.kind == kind)

    def as_dict(self) -> dict:
        kinds = sorted({r.kind for r in self.resources})
        return {
            "path": self.path,
            "body_bytes": {kind: self.total(kind) for kind in kinds} | {"total": self.total()},
            "header_bytes": sum(r.header_bytes for r in self.resources),
            "resources": [asdict(r) for r in self.resources],
        }


class _References(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rels = set((attrs.get("rel") or "").lower().split())
        if tag == "link" and rels & FETCHED_RELS and attrs.get("href"):
            self.urls.append(attrs["href"])
        elif tag in {"script", "img", "source", "audio", "video", "iframe", "embed"} and attrs.get("src"):
            self.urls.append(attrs["src"])


def _kind(path: str, content_type: str) -> str:
    if "html" in content_type:
        return "html"
    if "css" in content_type or path.endswith(".css"):
        return "css"
    if "javascript" in content_type or path.endswith((".js", ".mjs")):
        return "js"
    if content_type.startswith("image/"):
        return "image"
    if content_type.startswith("font/") or path.endswith((".woff", ".woff2", ".ttf")):
        return "font"
    return "other"


def fetch(base_url: str, path: str) -> Resource:
    return _fetch(base_url, path)[0]


def _fetch(base_url: str, path: str) -> tuple[Resource, bytes]:
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", path, headers=ACCEPT)
        response = connection.getresponse()
        body = response.read()
        status_line = f"HTTP/1.1 {response.status} {response.reason}\r\n"
        headers = "".join(f"{name}: {value}\r\n" for name, value in response.getheaders())
        encoding = response.getheader("Content-Encoding", "identity")
        kind = _kind(path, response.getheader("Content-Type", ""))
    finally:
        connection.close()
    resource = Resource(path, kind, response.status, encoding, len(body), len(status_line + headers) + 2)
    return resource, body


def _decoded(body: bytes, encoding: str) -> str:
    if encoding == "gzip":
        body = gzip.decompress(body)
    return body.decode("utf-8", errors="replace")


def _same_origin_paths(base_path: str, urls: list[str], host: str) -> list[str]:
    paths = []
    for url in urls:
        parts = urlsplit(urljoin(base_path, url))
        if parts.scheme in {"", "http", "https"} and parts.netloc in {"", host} and not url.startswith("data:"):
            paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def measure_page(base_url: str, path: str) -> Page:
    """The page's HTML plus everything it makes a browser load, each fetched once as a browser with an empty
    cache would, following CSS url() references too."""
    page = Page(path)
    queue, seen = [path], {path}
    while queue:
        current = queue.pop(0)
        resource, body = _fetch(base_url, current)
        if resource.status != 200:
            # A missing stylesheet would make the page look lighter than it is.
            raise RuntimeError(f"{current}, loaded by {path}, answered {resource.status}")
        page.resources.append(resource)
        if resource.kind == "html" and current == path:
            parser = _References()
            parser.feed(_decoded(body, resource.encoding))
            found = parser.urls
        elif resource.kind == "css":
            found = [a or b for a, b in CSS_URL.findall(_decoded(body, resource.encoding))]
        else:
            found = []
        for ref in _same_origin_paths(current, found, urlsplit(base_url).netloc):
            if ref not in seen:
                seen.add(ref)
                queue.append(ref)
    return page
