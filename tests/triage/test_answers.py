"""`parse_answers()`: every malformed input the contract lists is refused with a readable message."""

from __future__ import annotations

import dataclasses

import pytest

from triage.answers import ALL_ERRORS, Answers, AnswersError, parse_answers
from triage.examples import DIABETIC_NEUROPATHY

FULL = DIABETIC_NEUROPATHY


def errors_for(data: object) -> dict[str, list[str]]:
    with pytest.raises(AnswersError) as raised:
        parse_answers(data)
    return raised.value.errors


def test_only_red_flags_are_required() -> None:
    answers = parse_answers({"red_flags": ["none"]})
    assert answers == Answers(red_flags=frozenset({"none"}))
    assert answers.start_location is None
    assert answers.signs == frozenset()


def test_a_full_set_of_answers_is_read_into_sets_and_strings() -> None:
    answers = parse_answers(FULL)
    assert answers.spread == "up_from_feet"
    assert answers.sensations == frozenset({"burning", "pins_and_needles"})
    assert answers.age_band == "40_59"


def test_duplicate_options_are_merged() -> None:
    answers = parse_answers({"red_flags": ["chest_pain", "chest_pain"]})
    assert answers.red_flags == frozenset({"chest_pain"})


def test_an_empty_list_for_an_optional_question_means_not_answered() -> None:
    answers = parse_answers({"red_flags": ["none"], "signs": []})
    assert not answers.answered("signs")


def test_answers_cannot_be_changed() -> None:
    answers = parse_answers(FULL)
    with pytest.raises(dataclasses.FrozenInstanceError):
        answers.legs = "one"  # type: ignore[misc]


def test_has_chosen_and_answered_work_for_both_kinds_of_question() -> None:
    answers = parse_answers(FULL)
    assert answers.has("legs", "both")
    assert not answers.has("legs", "one")
    assert answers.has("sensations", "burning")
    assert not answers.has("sensations", "numbness")
    assert answers.chosen("onset") == frozenset({"months"})
    assert parse_answers({"red_flags": ["none"]}).chosen("onset") == frozenset()
    assert not parse_answers({"red_flags": ["none"]}).answered("legs")


def test_asking_about_an_unknown_question_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        parse_answers(FULL).has("colour", "red")


@pytest.mark.parametrize(
    "data", [["none"], "red_flags", None, 3, True], ids=["list", "string", "null", "number", "bool"]
)
def test_anything_but_an_object_is_refused(data: object) -> None:
    errors = errors_for(data)
    assert list(errors) == [ALL_ERRORS]
    assert "object" in errors[ALL_ERRORS][0]


def test_red_flags_must_be_answered() -> None:
    errors = errors_for({"legs": "one"})
    assert errors == {"red_flags": ["This question must be answered. Choose at least one option, or 'none'."]}


def test_an_empty_object_is_missing_red_flags() -> None:
    assert list(errors_for({})) == ["red_flags"]


def test_red_flags_cannot_be_an_empty_list() -> None:
    assert errors_for({"red_flags": []}) == {"red_flags": ["Choose at least one option, or 'none'."]}


def test_an_unknown_question_is_refused_by_name() -> None:
    errors = errors_for({"red_flags": ["none"], "colour": "red"})
    assert list(errors) == ["colour"]
    assert errors["colour"][0].startswith("Unknown question 'colour'. Questions are: red_flags, start_location")


def test_an_unknown_option_lists_the_choices() -> None:
    errors = errors_for({"red_flags": ["none"], "legs": "three"})
    assert errors == {"legs": ["Unknown option 'three'. Choose from: one, both."]}


def test_an_unknown_option_in_a_list_is_refused() -> None:
    errors = errors_for({"red_flags": ["chest_pain", "headache"]})
    assert errors["red_flags"][0].startswith("Unknown option 'headache'. Choose from: chest_pain, short_of_breath")


def test_a_list_where_one_option_belongs_is_refused() -> None:
    errors = errors_for({"red_flags": ["none"], "onset": ["days"]})
    assert errors["onset"][0].startswith("Choose one option as a text value, not a list.")


def test_a_string_where_a_list_belongs_is_refused() -> None:
    errors = errors_for({"red_flags": "none"})
    assert errors == {"red_flags": ["Expected a list of options, for example ['none'], not a single text value."]}


@pytest.mark.parametrize("key", ["red_flags", "signs", "legs", "onset"])
def test_null_where_an_answer_belongs_is_refused(key: str) -> None:
    data = {"red_flags": ["none"], key: None}
    assert errors_for(data) == {key: ["An answer cannot be null. Leave the question out if it was not answered."]}


@pytest.mark.parametrize("value", [3, True, {"a": 1}], ids=["number", "bool", "object"])
def test_a_one_kind_answer_must_be_text(value: object) -> None:
    errors = errors_for({"red_flags": ["none"], "legs": value})
    assert errors["legs"][0].startswith("Expected one option as a text value.")


@pytest.mark.parametrize("value", [3, {"a": 1}], ids=["number", "object"])
def test_a_several_kind_answer_must_be_a_list(value: object) -> None:
    errors = errors_for({"red_flags": ["none"], "signs": value})
    assert errors["signs"][0].startswith("Expected a list of options.")


@pytest.mark.parametrize("item", [None, 1, ["none"]], ids=["null", "number", "list"])
def test_each_option_in_a_list_must_be_text(item: object) -> None:
    errors = errors_for({"red_flags": [item]})
    assert errors["red_flags"][0].startswith("Each option must be a text value.")


@pytest.mark.parametrize("key", ["red_flags", "signs", "triggers", "risk_factors"])
def test_none_cannot_be_mixed_with_other_options(key: str) -> None:
    other = {"red_flags": "chest_pain", "signs": "fever", "triggers": "worse_sitting", "risk_factors": "smoker"}[key]
    data = {"red_flags": ["none"], key: ["none", other]}
    assert errors_for(data) == {
        key: ["'none' cannot be combined with other options. Choose 'none' on its own, or leave it out."]
    }


def test_every_problem_is_reported_at_once() -> None:
    errors = errors_for({"legs": "three", "onset": ["days"], "colour": "red"})
    assert set(errors) == {"red_flags", "legs", "onset", "colour"}
