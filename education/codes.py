"""Clinical codes on articles, as clinics' record systems send them: ICD-10-CM, whose parent codes serve as
fallbacks, and SNOMED CT, whose identifiers carry a check digit.

Each code system is one row of `SYSTEMS`: its names, the identifiers (OIDs) record systems use for it, the article
field that holds its codes, and how a typed code is tidied, checked and widened to its parents.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from stdnum import verhoeff

ICD10_PATTERN = re.compile(r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")
SNOMED_PATTERN = re.compile(r"^[1-9][0-9]{5,17}$")
# The two digits before the check digit say what kind of identifier it is: 00 and 10 are concepts (the
# international release's and an extension's); descriptions (01, 11) and relationships (02, 12) are not problems.
SNOMED_CONCEPT_PARTITIONS = ("00", "10")


def split_list(text: str) -> list[str]:
    """Staff type lists one item a line or comma-separated; both read the same."""
    return [item.strip() for item in re.split(r"[,\n]", text or "") if item.strip()]


def normalise_icd10(code: str) -> str:
    code = code.strip().upper().replace(" ", "")
    if len(code) > 3 and "." not in code:
        code = f"{code[:3]}.{code[3:]}"
    return code


def code_candidates(code: str) -> list[str]:
    """A code and its parents, most specific first: I80.29 gives I80.29, I80.2 and I80."""
    code = normalise_icd10(code)
    if not ICD10_PATTERN.match(code):
        return []
    candidates = [code]
    while len(candidates[-1]) > 3:
        shorter = candidates[-1][:-1].rstrip(".")
        candidates.append(shorter)
    return candidates


def normalise_snomed(code: str) -> str:
    return re.sub(r"\s", "", code)


def snomed_problem(code: str) -> str | None:
    """Why this is not a SNOMED CT concept identifier, or None when it is one."""
    if not SNOMED_PATTERN.match(code):
        return "use 6 to 18 digits, not starting with 0"
    if code[-3:-1] not in SNOMED_CONCEPT_PARTITIONS:
        return "this identifies a description or relationship, not a concept: use the concept's ID"
    if not verhoeff.is_valid(code):
        return "the last digit (the check digit) does not match: look for a typing mistake"
    return None


def snomed_candidates(code: str) -> list[str]:
    """SNOMED CT has no parents to read from the identifier itself: a concept matches only itself."""
    code = normalise_snomed(code)
    return [] if snomed_problem(code) else [code]


@dataclass(frozen=True)
class CodeSystem:
    key: str  # as API parameters name it: ?system=snomed
    name: str
    oids: tuple[str, ...]  # the first is the one this site writes; record systems may send any of them
    field: str  # the Article field holding its codes
    example: str
    normalise: Callable[[str], str]
    candidates: Callable[[str], list[str]]
    has_parents: bool

    @property
    def oid(self) -> str:
        return self.oids[0]


ICD10 = CodeSystem(
    key="icd10",
    name="ICD-10-CM",
    # ICD-10 as the WHO publishes it, as UK records send it, shares the codes this site uses at the levels it uses.
    oids=("2.16.840.1.113883.6.90", "2.16.840.1.113883.6.3"),
    field="icd10_codes",
    example="M54.4",
    normalise=normalise_icd10,
    candidates=code_candidates,
    has_parents=True,
)
SNOMED = CodeSystem(
    key="snomed",
    name="SNOMED CT",
    oids=("2.16.840.1.113883.6.96",),
    field="snomed_codes",
    example="23056005",
    normalise=normalise_snomed,
    candidates=snomed_candidates,
    has_parents=False,
)
SYSTEMS = {system.key: system for system in (ICD10, SNOMED)}
BY_OID = {oid: system for system in SYSTEMS.values() for oid in system.oids}


def system_of(code: str) -> CodeSystem:
    """The system a bare code belongs to, told by its form: ICD-10 codes start with a letter, SNOMED CT's are digits."""
    return SNOMED if normalise_snomed(code).isdigit() else ICD10


def validate_icd10_codes(text: str) -> None:
    bad = [code for code in split_list(text) if not ICD10_PATTERN.match(normalise_icd10(code))]
    if bad:
        raise ValidationError(
            "These do not look like ICD-10 codes: %(codes)s. Use a letter and two digits, then an optional "
            "dot and more characters, for example I80.2.",
            params={"codes": ", ".join(bad)},
        )


def validate_snomed_codes(text: str) -> None:
    problems = [(code, snomed_problem(normalise_snomed(code))) for code in split_list(text)]
    bad = [f"{code} ({problem})" for code, problem in problems if problem]
    if bad:
        raise ValidationError(
            "These are not SNOMED CT concept IDs: %(codes)s. Copy the concept ID from a SNOMED CT browser, for "
            "example 23056005 for sciatica.",
            params={"codes": "; ".join(bad)},
        )
