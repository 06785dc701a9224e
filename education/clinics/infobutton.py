"""What a health record asks by HL7 Infobutton, read from its URL.

Record systems that link to MedlinePlus Connect send a knowledge request as URL parameters, per the HL7 Version 3
Implementation Guide: URL-Based Implementations of the Context-Aware Knowledge Retrieval (Infobutton) Domain:
the problem's code and code system (`mainSearchCriteria.v.c`, `.v.cs`, and its name in `.v.dn`), who will read
the answer (`informationRecipient`, PAT or PROV) and in which language (`informationRecipient.languageCode.c`),
and the form of the answer (`knowledgeResponseType`). The guide numbers repeated criteria; record systems put the
number after the class (`mainSearchCriteria1.v.c`) or the attribute (`mainSearchCriteria.v.c1`), and both are read.

Everything else a request may carry (the patient's age and sex, the encounter, the task) is ignored: the answer
depends only on the problem, and nothing of the request is kept or logged.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from education.codes import BY_OID, ICD10, SNOMED, CodeSystem

CODE = "mainSearchCriteria.v.c"
CODE_SYSTEM = "mainSearchCriteria.v.cs"
DISPLAY_NAME = "mainSearchCriteria.v.dn"
ORIGINAL_TEXT = "mainSearchCriteria.v.ot"
RECIPIENT = "informationRecipient"
LANGUAGE = "informationRecipient.languageCode.c"
RESPONSE_TYPE = "knowledgeResponseType"

PATIENT, PROVIDER, PAYER = "PAT", "PROV", "PAYOR"
AUDIENCES = (PATIENT, PROVIDER, PAYER)
HTML, JSON, ATOM = "text/html", "application/json", "text/xml"
RESPONSE_TYPES = {HTML: HTML, JSON: JSON, ATOM: ATOM, "application/atom+xml": ATOM, "application/xml": ATOM}
JSONP = ("text/javascript", "application/javascript")
# ISO 639-2 codes, as some record systems send a language.
THREE_LETTER_LANGUAGES = {"eng": "en", "spa": "es"}
MAX_CRITERIA = 10


@dataclass(frozen=True)
class Criterion:
    code: str
    system: CodeSystem
    display_name: str


@dataclass(frozen=True)
class KnowledgeRequest:
    criteria: tuple[Criterion, ...]
    language: str
    audience: str
    response_type: str
    # The form the answer is asked for, as sent: an Atom feed is labelled with the type the record system asked.
    asked_type: str


class KnowledgeRequestError(Exception):
    """The request cannot be answered; `errors` names each parameter at fault."""

    def __init__(self, errors: dict[str, list[str]], response_type: str):
        super().__init__(errors)
        self.errors = errors
        self.response_type = response_type


def asked_type(params) -> str:
    return params.get(RESPONSE_TYPE, "").strip().lower() or HTML


def response_type(params) -> tuple[str, str | None]:
    """(the form of answer, an error message or None). A form we do not offer is answered, with its reason, as a
    page."""
    asked = asked_type(params)
    if asked in RESPONSE_TYPES:
        return RESPONSE_TYPES[asked], None
    if asked in JSONP:
        return HTML, "JSONP is not offered. Ask for application/json: other sites' pages may read it (CORS)."
    return HTML, f"{asked[:40]!r} is not a form we answer in. Use text/html, application/json or text/xml."


def language_of(value: str | None) -> str | None:
    """The site language a language code asks for (en, en-US, spa...), or None when it asks for none we have.
    A language we have no guides in is then answered in the reader's browser's, else English, as MedlinePlus
    Connect answers in English: a page in English helps a reader more than a refusal."""
    primary = (value or "").strip().lower().replace("_", "-").split("-")[0]
    primary = THREE_LETTER_LANGUAGES.get(primary, primary)
    return primary if primary in dict(settings.LANGUAGES) else None


def _criterion_names() -> list[tuple[str, str, str]]:
    """The parameter names of each search criterion the request may carry, the unnumbered one first."""
    names = [(CODE, CODE_SYSTEM, DISPLAY_NAME)]
    for n in range(MAX_CRITERIA):
        names.append((f"mainSearchCriteria{n}.v.c", f"mainSearchCriteria{n}.v.cs", f"mainSearchCriteria{n}.v.dn"))
        names.append((f"{CODE}{n}", f"{CODE_SYSTEM}{n}", f"{DISPLAY_NAME}{n}"))
    return names


def _criterion(params, names: tuple[str, str, str], errors: dict[str, list[str]]) -> Criterion | None:
    code_name, system_name, display_name = names
    code = params.get(code_name, "").strip()
    oid = params.get(system_name, "").strip()
    if not oid:
        errors[system_name] = [
            f"Say which code system {code_name} is in: {ICD10.oid} for {ICD10.name} or {SNOMED.oid} for {SNOMED.name}."
        ]
        return None
    system = BY_OID.get(oid)
    if system is None:
        errors[system_name] = [
            f"{oid[:60]!r} is not a code system we answer for. Send {ICD10.name} ({ICD10.oid}) or {SNOMED.name} "
            f"({SNOMED.oid}) codes."
        ]
        return None
    if not system.candidates(code):
        errors[code_name] = [f"{code[:30]!r} is not a {system.name} code. Codes look like {system.example}."]
        return None
    return Criterion(system.normalise(code), system, printable(params.get(display_name, ""))[:200])


def is_request_parameter(name: str) -> bool:
    """A parameter the answer depends on: the criteria, audience, language, form and clinic, never the patient's
    age or sex or the rest of the record's context."""
    return name.startswith("mainSearchCriteria") or name in (RECIPIENT, LANGUAGE, RESPONSE_TYPE, "clinic")


def printable(text: str) -> str:
    """Text as typed, without the control characters no page or XML document may carry."""
    return "".join(character for character in text if character.isprintable()).strip()


def search_words(params) -> str:
    """What the record calls the problem, to search with when no code can be read."""
    return printable(params.get(DISPLAY_NAME, "") or params.get(ORIGINAL_TEXT, ""))[:100]


def read(params, language: str) -> KnowledgeRequest:
    """The knowledge request in these URL parameters, to be answered in `language` (see `language_of`);
    KnowledgeRequestError when it cannot be answered."""
    errors: dict[str, list[str]] = {}
    form, problem = response_type(params)
    if problem:
        errors[RESPONSE_TYPE] = [problem]
    criteria, criteria_errors = [], {}
    for names in _criterion_names():
        if params.get(names[0], "").strip():
            criterion = _criterion(params, names, criteria_errors)
            if criterion is not None:
                criteria.append(criterion)
    # Records send every code they hold for a problem (a medicine's RxNorm code, an old ICD-9 one): those we cannot
    # read are passed over while one can be answered.
    if not criteria:
        errors.update(criteria_errors)
    if not criteria and not criteria_errors:
        errors[CODE] = [
            f"Give the problem's code, for example {CODE}={ICD10.example}&{CODE_SYSTEM}={ICD10.oid} for {ICD10.name}."
        ]
    audience = params.get(RECIPIENT, "").strip().upper() or PATIENT
    if audience not in AUDIENCES:
        errors[RECIPIENT] = [f"Use {PATIENT} for a patient or {PROVIDER} for a clinician ({PAYER} for a payer)."]
    if errors:
        raise KnowledgeRequestError(errors, form)
    return KnowledgeRequest(tuple(criteria), language, audience, form, asked_type(params))
