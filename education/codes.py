"""Clinical codes on articles: ICD-10-CM, as clinics' record systems send them, with their parents as fallbacks."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

ICD10_PATTERN = re.compile(r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")


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


def validate_icd10_codes(text: str) -> None:
    bad = [code for code in split_list(text) if not ICD10_PATTERN.match(normalise_icd10(code))]
    if bad:
        raise ValidationError(
            "These do not look like ICD-10 codes: %(codes)s. Use a letter and two digits, then an optional "
            "dot and more characters, for example I80.2.",
            params={"codes": ", ".join(bad)},
        )
