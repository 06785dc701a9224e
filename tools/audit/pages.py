"""Every page type and state of the site, fetched over HTTP the way a browser would and saved for the checker."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path

from triage import flow

STEPS = {step.slug: list(step.keys) for step in flow.STEPS}

# Answer sets tried in order for each outcome page; the API says which outcome each gives, so a change to the
# clinical table moves the audit to another set rather than auditing the wrong page. The last entry's outcome
# (emergency without a ticked red flag) is a result page in its most urgent form; the clinical table may never
# produce it, so it alone is optional.
_EVERYDAY = {"red_flags": ["none"], "triggers": ["none"], "risk_factors": ["none"], "signs": ["none"]}
OUTCOMES = [
    ("emergency", True, [{"red_flags": ["chest_pain"]}, {"red_flags": ["leg_cold_pale"]}]),
    (
        "urgent",
        True,
        [
            _EVERYDAY | {"start_location": "calf", "spread": "stays_in_one_place", "legs": "one",
             "sensations": ["aching_heavy", "tenderness"], "signs": ["calf_swelling", "warm_skin"],
             "risk_factors": ["hormone_medication"], "onset": "days", "age_band": "40_59"},
            _EVERYDAY | {"start_location": "shin", "spread": "stays_in_one_place", "legs": "one",
             "sensations": ["tenderness"], "signs": ["red_or_discoloured_skin", "warm_skin"], "onset": "days",
             "age_band": "20_39"},
        ],
    ),
    (
        "soon",
        True,
        [
            _EVERYDAY | {"start_location": "toes", "spread": "up_from_feet", "legs": "both",
             "sensations": ["burning", "pins_and_needles"], "triggers": ["worse_at_night"],
             "risk_factors": ["diabetes"], "onset": "months", "age_band": "40_59"},
            _EVERYDAY | {"start_location": "lower_back_or_buttock", "spread": "down_from_back", "legs": "one",
             "sensations": ["electric_shooting", "aching_heavy"], "triggers": ["worse_sitting", "worse_at_night"],
             "onset": "months", "age_band": "40_59"},
        ],
    ),
    (
        "self_care",
        True,
        [
            _EVERYDAY | {"start_location": "lower_back_or_buttock", "spread": "down_from_back", "legs": "one",
             "sensations": ["electric_shooting"], "triggers": ["worse_bending_lifting", "worse_coughing_sneezing"],
             "risk_factors": ["heavy_lifting_job"], "onset": "days", "age_band": "20_39"},
            _EVERYDAY | {"start_location": "calf", "spread": "stays_in_one_place", "legs": "both",
             "sensations": ["aching_heavy", "throbbing"], "signs": ["bulging_veins", "ankle_swelling"],
             "triggers": ["worse_standing", "better_legs_raised"], "onset": "months", "age_band": "40_59"},
            _EVERYDAY | {"start_location": "calf", "spread": "stays_in_one_place", "legs": "both",
             "sensations": ["aching_heavy"], "signs": ["bulging_veins"],
             "triggers": ["worse_standing", "better_legs_raised"], "risk_factors": ["family_history_veins"],
             "onset": "months", "age_band": "40_59"},
        ],
    ),
    (
        "emergency without a red flag",
        False,
        [
            _EVERYDAY | {"start_location": "toes", "spread": "up_from_feet", "legs": "both",
             "sensations": ["pins_and_needles"], "signs": ["foot_weakness"], "onset": "days", "age_band": "40_59"},
        ],
    ),
]  # fmt: skip

CLINIC = {
    "name": "Riverside Clinic",
    "slug": "riverside",
    "phone": "0123 456 7890",
    "booking_url": "https://riverside-clinic.example/book",
    "opening_hours": "Monday to Friday, 8am to 6pm",
}

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ARTICLE_LINK = re.compile(r'href="/articles/([a-z0-9-]+)/"')


class AuditError(Exception):
    """The site did not behave as the audit needs it to; the message says where."""


@dataclass(frozen=True)
class Response:
    status: int
    location: str
    text: str


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201 (urllib's signature)
        return None


class Browser:
    """One visitor: keeps cookies between requests, and shows redirects rather than following them."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirects)

    def get(self, path: str) -> Response:
        return self._send(urllib.request.Request(self.base_url + path))  # noqa: S310 (base_url is the audit server)

    def post(self, path: str, data: dict, *, json_body: bool = False) -> Response:
        if json_body:
            body, kind = json.dumps(data).encode(), "application/json"
        else:
            body, kind = urllib.parse.urlencode(data, doseq=True).encode(), "application/x-www-form-urlencoded"
        request = urllib.request.Request(self.base_url + path, data=body, headers={"Content-Type": kind})  # noqa: S310
        return self._send(request)

    def post_form(self, path: str, data: dict, *, action: str = "") -> Response:
        """Submit a form on `path` (to `action`, or back to `path`) as a person would: with the page's CSRF token."""
        page = self.expect(path, 200)
        token = CSRF_FIELD.search(page.text)
        if token is None:
            raise AuditError(f"{path} has no CSRF token to submit its form with")
        return self.post(action or path, {"csrfmiddlewaretoken": token.group(1), **data})

    def expect(self, path: str, status: int) -> Response:
        response = self.get(path)
        if response.status != status:
            raise AuditError(f"GET {path} answered {response.status}, expected {status}")
        return response

    def _send(self, request: urllib.request.Request) -> Response:
        try:
            with self._opener.open(request, timeout=30) as answer:
                return Response(answer.status, answer.headers.get("Location", ""), answer.read().decode())
        except urllib.error.HTTPError as answer:  # 3xx, 4xx and 5xx all arrive here
            with answer:
                return Response(answer.code, answer.headers.get("Location", ""), answer.read().decode())


class PageSaver:
    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.saved: dict[str, tuple[str, Path]] = {}

    def save(self, name: str, path: str, response: Response) -> None:
        file = self.out_dir / (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") + ".html")
        file.write_text(response.text)
        self.saved[name] = (path, file)

    def fetch(self, browser: Browser, name: str, path: str, status: int = 200) -> Response:
        response = browser.expect(path, status)
        self.save(name, path, response)
        return response


def collect(base_url: str, out_dir: Path) -> dict[str, tuple[str, Path]]:
    """Fetch every page type and state; return page name -> (path, saved file)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = PageSaver(out_dir)
    visitor = Browser(base_url)
    _education_pages(visitor, pages)
    _self_check_pages(base_url, pages)
    _spanish_pages(visitor, pages)
    return pages.saved


def _education_pages(visitor: Browser, pages: PageSaver) -> None:
    pages.fetch(visitor, "home", "/")
    listing = pages.fetch(visitor, "article list", "/articles/")
    slugs = list(dict.fromkeys(ARTICLE_LINK.findall(listing.text)))
    if not slugs:
        raise AuditError("/articles/ links to no article")
    # Every article: each body is staff-written Markdown, so one valid article says little about the others.
    for slug in slugs:
        pages.fetch(visitor, f"article {slug}", f"/articles/{slug}/")
    pages.fetch(visitor, "embedded article", f"/embed/articles/{slugs[0]}/")
    pages.fetch(visitor, "search form", "/search/")
    pages.fetch(visitor, "search results", "/search/?q=sciatica")
    pages.fetch(visitor, "search with no results", "/search/?q=zzzz")
    pages.fetch(visitor, "search error", "/search/?q=", status=400)
    pages.fetch(visitor, "for clinics", "/for-clinics/")
    pages.fetch(visitor, "unknown diagnosis code", "/go/Z99.9/", status=404)
    infobutton = "/infobutton/?mainSearchCriteria.v.cs=2.16.840.1.113883.6.90&mainSearchCriteria.v.c="
    pages.fetch(visitor, "infobutton: several guides fit", f"{infobutton}E11")
    pages.fetch(visitor, "infobutton: unknown code", f"{infobutton}Z99.9&mainSearchCriteria.v.dn=Other", status=404)
    pages.fetch(visitor, "infobutton: request to fix", "/infobutton/?mainSearchCriteria.v.c=M54.4", status=400)
    spanish = f"{infobutton}E11&informationRecipient.languageCode.c=es"
    pages.fetch(visitor, "infobutton: several guides fit (es)", spanish)
    pages.fetch(visitor, "not found", "/no-such-page/", status=404)
    pages.fetch(visitor, "admin login", "/admin/login/")


def _spanish_pages(visitor: Browser, pages: PageSaver) -> None:
    """The Spanish edition: every article (each is its own Markdown) and each other page type once."""
    pages.fetch(visitor, "home (es)", "/es/")
    listing = pages.fetch(visitor, "article list (es)", "/es/articles/")
    for slug in dict.fromkeys(re.findall(r'href="/es/articles/([a-z0-9-]+)/"', listing.text)):
        pages.fetch(visitor, f"article (es) {slug}", f"/es/articles/{slug}/")
    pages.fetch(visitor, "search results (es)", "/es/search/?q=ci%C3%A1tica")
    pages.fetch(visitor, "self-check start (es)", "/es/self-check/")
    pages.fetch(visitor, "first question (es)", "/es/self-check/questions/emergency-signs/")
    pages.fetch(visitor, "not found (es)", "/es/no-such-page/", status=404)


def _self_check_pages(base_url: str, pages: PageSaver) -> None:
    visitor = Browser(base_url)
    pages.fetch(visitor, "self-check start", "/self-check/")
    pages.fetch(Browser(base_url), "embedded self-check start", "/embed/self-check/")
    _question_errors(base_url, pages)
    chosen = {name: _answers_for(visitor, name, required, candidates) for name, required, candidates in OUTCOMES}
    # The first everyday walk saves each question page and check-your-answers on the way.
    _walk(visitor, chosen["soon"], pages, save_steps=True)
    pages.fetch(visitor, "check your answers", "/self-check/check-your-answers/")
    pages.fetch(visitor, "self-check start with answers saved", "/self-check/")
    cleared = visitor.post_form("/self-check/", {}, action="/self-check/clear/")
    _expect_status(cleared, 302, "/self-check/clear/")
    pages.fetch(visitor, "self-check start after clearing", "/self-check/")
    for name, answers in chosen.items():
        if answers is None:
            continue
        walker = Browser(base_url)
        final = _walk(walker, answers, pages, save_steps=False)
        pages.fetch(walker, f"outcome {name}", final)
    _clinic_pages(base_url, pages, chosen["soon"])


def _clinic_pages(base_url: str, pages: PageSaver, answers: dict) -> None:
    """A visit that came through a clinic's link: its banner on every page, its contact details in the result."""
    patient = Browser(base_url)
    _expect_status(patient.get(f"/c/{CLINIC['slug']}/"), 302, "/c/")
    pages.fetch(patient, "home shared by a clinic", "/")
    final = _walk(patient, answers, pages, save_steps=False)
    pages.fetch(patient, "outcome soon shared by a clinic", final)


def _question_errors(base_url: str, pages: PageSaver) -> None:
    """A page with one question, and one with two, each sent back empty."""
    visitor = Browser(base_url)
    path = "/self-check/questions/emergency-signs/"
    pages.save("question error (one question)", path, _expect_status(visitor.post_form(path, {}), 400, path))
    _expect_status(visitor.post_form(path, {"red_flags": ["none"]}), 302, path)
    path = "/self-check/questions/where-it-started/"
    pages.save("question error (two questions)", path, _expect_status(visitor.post_form(path, {}), 400, path))


def _answers_for(visitor: Browser, outcome: str, required: bool, candidates: list[dict]) -> dict | None:
    wanted = "emergency" if outcome.startswith("emergency") else outcome
    for answers in candidates:
        response = visitor.post("/api/v1/self-check/", answers, json_body=True)
        if response.status != 200:
            raise AuditError(f"the self-check API refused an audit answer set ({response.status}): {response.text}")
        if json.loads(response.text)["urgency"] == wanted:
            return answers
    if required:
        raise AuditError(
            f"none of the audit's answer sets gives the outcome {outcome!r}; add one to tools/audit/pages.py"
        )
    print(f"audit: no answer set gives the outcome {outcome!r}, so that page is not checked")
    return None


def _walk(visitor: Browser, answers: dict, pages: PageSaver, *, save_steps: bool) -> str:
    """Answer each question page in order; return where the last answer leads."""
    for slug, keys in STEPS.items():
        path = f"/self-check/questions/{slug}/"
        if save_steps:
            pages.fetch(visitor, f"question {slug}", path)
        response = visitor.post_form(path, {key: answers[key] for key in keys if key in answers})
        _expect_status(response, 302, path)
        if response.location.endswith("/emergency/"):
            return response.location
    if not response.location.endswith("/check-your-answers/"):
        raise AuditError(f"the last question led to {response.location}, not check-your-answers")
    return "/self-check/result/"


def _expect_status(response: Response, status: int, path: str) -> Response:
    if response.status != status:
        raise AuditError(f"POST {path} answered {response.status}, expected {status}:\n{response.text[:500]}")
    return response
