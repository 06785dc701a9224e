"""The patient wording loads, words every question and option of the vocabulary once, and refuses typos loudly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from triage.flow import STEPS, WORDING_FILE, WORDING_SCHEMA, QuestionsError, build_steps, load_steps
from triage.vocabulary import QUESTION_KEYS, QUESTIONS_BY_KEY
from triage.yamlschema import read_yaml


def raw_wording() -> dict[str, Any]:
    return read_yaml(WORDING_FILE)


def refusal(wording: dict[str, Any]) -> str:
    with pytest.raises(QuestionsError) as raised:
        build_steps(wording)
    return str(raised.value)


def test_the_wording_loads_once_at_import() -> None:
    assert load_steps() == STEPS


def test_every_question_is_asked_once_with_every_option_worded() -> None:
    asked = [text for step in STEPS for text in step.questions]
    assert sorted(text.key for text in asked) == sorted(QUESTION_KEYS)
    for text in asked:
        assert sorted(option.value for option in text.options) == sorted(QUESTIONS_BY_KEY[text.key].options)


def test_the_emergency_signs_come_first_and_alone() -> None:
    assert STEPS[0].keys == ("red_flags",)


def test_the_schema_is_a_valid_json_schema() -> None:
    Draft202012Validator.check_schema(WORDING_SCHEMA.schema)


# A broken file is refused, naming the row and the problem ---------------------------------------------------


def test_a_missing_field_is_named_with_its_row() -> None:
    wording = raw_wording()
    del wording["questions"]["legs"]["legend"]
    assert refusal(wording) == "questions.legs: 'legend' is a required property"


def test_a_misspelt_field_is_named_with_its_row() -> None:
    wording = raw_wording()
    option = wording["questions"]["signs"]["options"]["fever"]
    option["lable"] = option.pop("label")
    message = refusal(wording)
    assert message.startswith("questions.signs.options.fever: ")
    assert "'label' is a required property" in message
    assert "'lable' was unexpected" in message


def test_an_empty_label_is_refused() -> None:
    wording = raw_wording()
    wording["questions"]["legs"]["options"]["one"]["label"] = " "
    assert refusal(wording) == "questions.legs.options.one.label: expected some text, not ' '."


def test_a_page_slug_must_fit_an_address() -> None:
    wording = raw_wording()
    wording["steps"][1]["slug"] = "Where it started"
    assert refusal(wording).startswith("steps[1].slug: a page's slug is lowercase words joined by hyphens")


def test_an_unknown_option_is_refused() -> None:
    wording = raw_wording()
    options = wording["questions"]["onset"]["options"]
    options["suddenly"] = options.pop("sudden")
    assert refusal(wording).startswith("questions.onset.options: unknown 'suddenly'")


def test_an_unquoted_number_is_an_unknown_option() -> None:
    wording = raw_wording()
    options = wording["questions"]["age_band"]["options"]
    options[2039] = options.pop("20_39")
    assert refusal(wording).startswith("questions.age_band.options: unknown 2039")


def test_an_option_left_unworded_is_refused() -> None:
    wording = raw_wording()
    del wording["questions"]["legs"]["options"]["both"]
    assert refusal(wording).startswith("questions.legs.options: missing 'both'")


def test_none_of_these_comes_last() -> None:
    wording = raw_wording()
    options = wording["questions"]["signs"]["options"]
    wording["questions"]["signs"]["options"] = {"none": options.pop("none"), **options}
    assert refusal(wording) == "questions.signs.options: 'none' comes last, after the options it rules out."


def test_an_unworded_question_is_refused() -> None:
    wording = raw_wording()
    del wording["questions"]["onset"]
    assert refusal(wording).startswith("questions: missing 'onset'")


def test_a_page_asking_an_unknown_question_is_refused() -> None:
    wording = raw_wording()
    wording["steps"][2]["questions"] = ["sensation"]
    assert refusal(wording).startswith("steps[2].questions: unknown question 'sensation'")


def test_a_question_asked_twice_is_refused() -> None:
    wording = raw_wording()
    wording["steps"][2]["questions"].append("legs")
    assert refusal(wording) == "steps[2].questions: 'legs' is already asked on steps[1]."


def test_a_question_no_page_asks_is_refused() -> None:
    wording = raw_wording()
    wording["steps"][-1]["questions"].remove("age_band")
    assert refusal(wording) == "steps: no page asks 'age_band'."


def test_two_pages_at_one_address_are_refused() -> None:
    wording = raw_wording()
    wording["steps"][3]["slug"] = wording["steps"][2]["slug"]
    assert refusal(wording) == "steps[3].slug: 'how-it-feels' is already the slug of steps[2]."


def test_the_emergency_signs_must_be_asked_first() -> None:
    wording = raw_wording()
    wording["steps"][0], wording["steps"][1] = wording["steps"][1], wording["steps"][0]
    assert refusal(wording).startswith("steps[0].questions: the first page asks about emergency signs alone")


def test_a_typo_in_a_file_names_the_file_and_place(tmp_path: Path) -> None:
    wording = raw_wording()
    del wording["questions"]["legs"]["error"]
    path = tmp_path / "questions.yaml"
    path.write_text(yaml.safe_dump(wording, sort_keys=False), encoding="utf-8")
    with pytest.raises(QuestionsError, match=r"^questions.yaml: questions\.legs: 'error' is a required property$"):
        load_steps(path)


def test_a_broken_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "questions.yaml"
    path.write_text("steps: [unclosed", encoding="utf-8")
    with pytest.raises(QuestionsError, match="questions.yaml: cannot be read"):
        load_steps(path)
