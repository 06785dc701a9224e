"""Reading the self-check's YAML tables and checking their shape against a JSON Schema.

The tables (`rules.yaml`, `questions.yaml`) describe their shape in a `.schema.json` file beside them. A schema
error is reported at the row it is in, in the dotted form a reader of the YAML can follow:
`causes.dvt.features[2]: 'weight' is a required property`. Where the library's own wording would puzzle a
clinician, the schema gives its own under `errorMessage`, keyed by the failing keyword (the convention of
ajv-errors); `{value}` in such a message stands for the value found.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from jsonschema import Draft202012Validator, ValidationError
from jsonschema.exceptions import best_match

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _JSONLoader(yaml.SafeLoader):
    """Reads plain YAML values only: a date stays the text it is written as, so the data is what a JSON
    Schema describes and the schema, not the YAML parser, decides what a valid date is."""


_JSONLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path) -> Any:
    """The file's YAML as JSON-like data. Raises OSError or yaml.YAMLError."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_JSONLoader)  # noqa: S506 (a safe loader)


T = TypeVar("T")


def load_table(path: Path, build: Callable[[object], T], error: type[ValueError]) -> T:
    """Read a table file and build it with `build`, which raises `error`; every message names the file."""
    try:
        data = read_yaml(path)
    except (OSError, yaml.YAMLError) as problem:
        raise error(f"{path.name}: cannot be read: {problem}") from problem
    try:
        return build(data)
    except error as problem:
        raise error(f"{path.name}: {problem}") from None


def schema_validator(path: Path) -> Draft202012Validator:
    return Draft202012Validator(
        json.loads(path.read_text(encoding="utf-8")), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def shape_problem(validator: Draft202012Validator, data: object) -> str | None:
    """The first row that does not fit the schema, with every problem found in that row; None when all fit."""
    errors = list(validator.iter_errors(data))
    worst = best_match(errors)
    if worst is None:
        return None
    here = [error for error in errors if error.absolute_path == worst.absolute_path] or [worst]
    return f"{place(worst.absolute_path)}: {'; '.join(_message(error) for error in here)}"


def key_problem(section: Mapping[Any, object], expected: Sequence[str]) -> str | None:
    """What is wrong with a section that needs one row for each of `expected` (a vocabulary list) and no other."""
    unknown = [key for key in section if key not in expected]
    if unknown:
        return f"unknown {quoted(unknown)}. Expected: {', '.join(expected)}."
    missing = [key for key in expected if key not in section]
    if missing:
        return f"missing {quoted(missing)}; each of {', '.join(expected)} needs a row."
    return None


def quoted(keys: Iterable[object]) -> str:
    return ", ".join(map(repr, keys))


def place(path: Iterable[str | int]) -> str:
    """`causes.dvt.features[2]` for the path ('causes', 'dvt', 'features', 2)."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else f".{step}"
    return text.lstrip(".") or "the table"


def _message(error: ValidationError) -> str:
    custom = error.schema.get("errorMessage", {}) if isinstance(error.schema, dict) else {}
    if error.validator in custom:
        return str(custom[error.validator]).replace("{value}", repr(error.instance))
    return str(error.message)
