"""The visitors `make loadtest` simulates: patients reading and searching, patients doing the self-check page by
page as a browser does, and clinic systems calling the JSON API.

Every request states the answer it expects (a 302 to the next question is as much a success as a 200 page), so
anything else counts as an error. `tools/loadtest/run.py` starts the server and runs this file; it also works on its
own, e.g. `python -m locust -f tools/loadtest/locustfile.py --host http://127.0.0.1:8000`.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

import requests
from locust import FastHttpUser, events, task
from locust.exception import RescheduleTask

from tools.loadtest.report import build_summary
from tools.loadtest.stories import EMERGENCY_STORIES, EVERYDAY_STORIES, SEARCHES, STEPS

# The longest pause between two pages, in seconds; each pause is drawn evenly from zero to this. People read for
# longer, but short pauses let 50 visitors keep a 2-core server busy, and --think 0 saturates it.
DEFAULT_THINK_SECONDS = 0.5
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STYLESHEET = re.compile(r'<link rel="stylesheet" href="(/static/[^"]+)"')
URGENCIES = ("emergency", "urgent", "soon", "self_care")

# Failed requests by endpoint and status code (0 when no answer came back), with one message for each.
ERRORS: Counter[tuple[str, int]] = Counter()
ERROR_EXAMPLES: dict[tuple[str, int], str] = {}
# Filled once at the start from the content API, so the load follows whatever articles are published.
CATALOGUE: dict[str, list[str]] = {"slugs": [], "codes": []}


def check(response, status: int, location: str | None = None) -> bool:
    """Mark the response a success only when it has the expected status (and redirect target)."""
    if response.status_code != status:
        response.failure(f"HTTP {response.status_code}, expected {status}")
        return False
    if location is not None and response.headers.get("Location") != location:
        response.failure(f"redirect to {response.headers.get('Location')!r}, expected {location!r}")
        return False
    response.success()
    return True


class Visitor(FastHttpUser):
    """A client that follows no redirect by itself, so every redirect is checked and then followed by the task."""

    abstract = True

    def wait_time(self) -> float:
        options = self.environment.parsed_options
        return random.uniform(0, options.think if options else DEFAULT_THINK_SECONDS)

    def on_start(self):
        # locust 2.46 (the last release for Python 3.10) turns redirects off for `allow_redirects=False` through a
        # misspelt attribute, so that argument does nothing; the HTTP client's own setting does work.
        self.client.client.redirect_response_codes = frozenset()


class PatientReader(Visitor):
    """Someone reading about their symptom: the home page, the list of causes, articles and search."""

    weight = 5

    def on_start(self):
        super().on_start()
        # A browser fetches the stylesheet with its first page, then keeps it for a year (hashed name).
        with self.client.get("/", name="/", catch_response=True) as response:
            if not check(response, 200):
                return
            found = STYLESHEET.search(response.text)
        if found:
            with self.client.get(found.group(1), name="/static/[file]", catch_response=True) as response:
                check(response, 200)

    @task(2)
    def home(self):
        with self.client.get("/", name="/", catch_response=True) as response:
            check(response, 200)

    @task(2)
    def article_list(self):
        with self.client.get("/articles/", name="/articles/", catch_response=True) as response:
            check(response, 200)

    @task(6)
    def article(self):
        slug = random.choice(CATALOGUE["slugs"])
        with self.client.get(f"/articles/{slug}/", name="/articles/[slug]/", catch_response=True) as response:
            check(response, 200)

    @task(3)
    def search(self):
        query = urlencode({"q": random.choice(SEARCHES)})
        with self.client.get(f"/search/?{query}", name="/search/?q=[words]", catch_response=True) as response:
            check(response, 200)


class PatientSelfCheck(Visitor):
    """Someone doing the self-check in a browser: each page fetched, each answer posted with the page's CSRF
    token, each redirect followed. One in five has an emergency sign and is sent to the emergency advice."""

    weight = 3

    @task
    def self_check(self):
        self.client.cookiejar.clear()  # a new visitor each time, with no answers carried over
        emergency = random.random() < 0.2
        answers = random.choice(EMERGENCY_STORIES if emergency else EVERYDAY_STORIES)
        self._page("/self-check/", "/self-check/")
        token = self._page("/self-check/questions/emergency-signs/", "/self-check/questions/[slug]/")
        for number, (slug, keys) in enumerate(STEPS):
            if emergency:
                following = "/self-check/emergency/"
            elif number + 1 < len(STEPS):
                following = f"/self-check/questions/{STEPS[number + 1][0]}/"
            else:
                following = "/self-check/check-your-answers/"
            fields = [(key, value) for key in keys for value in _as_list(answers[key])]
            self._post(f"/self-check/questions/{slug}/", "/self-check/questions/[slug]/", fields, token, following)
            name = "/self-check/questions/[slug]/" if following.startswith("/self-check/questions/") else following
            token = self._page(following, name)
            if emergency:
                break
        if not emergency:
            token = self._page("/self-check/result/", "/self-check/result/")
        if random.random() < 0.3:
            self._post("/self-check/clear/", "/self-check/clear/", [], token, "/self-check/")

    def _page(self, path: str, name: str) -> str:
        with self.client.get(path, name=name, catch_response=True) as response:
            if not check(response, 200):
                raise RescheduleTask()
            found = CSRF_FIELD.search(response.text)
        self.wait()  # reading the page and ticking the answers
        return found.group(1) if found else ""

    def _post(self, path: str, name: str, fields: list, token: str, location: str) -> None:
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": self.host,
            "Referer": f"{self.host}{path}",
        }
        body = urlencode([("csrfmiddlewaretoken", token), *fields])
        with self.client.post(path, data=body, headers=headers, name=name, catch_response=True) as response:
            if not check(response, 302, location):
                raise RescheduleTask()


class ClinicSystem(Visitor):
    """A clinic's system: lists and fetches articles, looks them up by diagnosis code, revalidating what it has
    cached with If-None-Match, and asks the self-check API for advice on a patient's answers."""

    weight = 2

    def on_start(self):
        super().on_start()
        self.etags: dict[str, str] = {}

    @task(2)
    def article_list(self):
        self._fetch("/api/v1/articles/", "/api/v1/articles/")

    @task(3)
    def article(self):
        slug = random.choice(CATALOGUE["slugs"])
        self._fetch(f"/api/v1/articles/{slug}/", "/api/v1/articles/[slug]/")

    @task(2)
    def lookup(self):
        code = random.choice(CATALOGUE["codes"])
        self._fetch(f"/api/v1/lookup/?{urlencode({'code': code})}", "/api/v1/lookup/?code=[code]")

    @task(3)
    def self_check(self):
        emergency = random.random() < 0.2
        answers = random.choice(EMERGENCY_STORIES if emergency else EVERYDAY_STORIES)
        with self.client.post(
            "/api/v1/self-check/", json=answers, name="/api/v1/self-check/", catch_response=True
        ) as response:
            if not check(response, 200):
                return
            urgency = response.json().get("urgency")
            if urgency not in URGENCIES or (emergency and urgency != "emergency"):
                response.failure(f"urgency {urgency!r} for red flags {answers['red_flags']}")

    def _fetch(self, path: str, name: str) -> None:
        """Half the time revalidate a copy already held: the content does not change during the run, so the
        server must answer 304 Not Modified."""
        etag = self.etags.get(path)
        if etag and random.random() < 0.5:
            with self.client.get(
                path, headers={"If-None-Match": etag}, name=f"{name} (If-None-Match)", catch_response=True
            ) as response:
                check(response, 304)
            return
        with self.client.get(path, name=name, catch_response=True) as response:
            if check(response, 200) and response.headers.get("ETag"):
                self.etags[path] = response.headers["ETag"]


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


@events.init_command_line_parser.add_listener
def _options(parser):
    parser.add_argument("--summary-file", default="", help="write the summary as JSON to this file at the end")
    parser.add_argument(
        "--think", type=float, default=DEFAULT_THINK_SECONDS, help="longest pause between pages, in seconds"
    )


@events.test_start.add_listener
def _load_catalogue(environment, **kwargs):
    response = requests.get(f"{environment.host}/api/v1/articles/", timeout=10)
    response.raise_for_status()
    articles = response.json()["articles"]
    CATALOGUE["slugs"] = [article["slug"] for article in articles]
    CATALOGUE["codes"] = [code for article in articles for code in article["icd10_codes"]]
    if not CATALOGUE["slugs"] or not CATALOGUE["codes"]:
        raise RuntimeError("The content API lists no published articles with codes: load the starter content first.")


@events.request.add_listener
def _count_error(request_type, name, response, exception, **kwargs):
    if exception is None:
        return
    key = (f"{request_type} {name}", getattr(response, "status_code", 0) or 0)
    ERRORS[key] += 1
    ERROR_EXAMPLES.setdefault(key, str(exception)[:300])


@events.quitting.add_listener
def _write_summary(environment, **kwargs):
    path = environment.parsed_options.summary_file if environment.parsed_options else ""
    if not path:
        return
    summary = build_summary(environment.stats, ERRORS, ERROR_EXAMPLES, users=environment.parsed_options.num_users)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(summary, indent=2) + "\n")
