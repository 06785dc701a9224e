"""The clinical table loads, covers the whole vocabulary, cites its sources, and refuses typos loudly."""

from __future__ import annotations

import copy
import dataclasses
import datetime
import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from jsonschema import Draft202012Validator

from triage import checks
from triage.answers import parse_answers
from triage.engine import assess
from triage.rules import EMERGENCY_NUMBER_TOKEN, RULES, RULES_PATH, SCHEMA, RulesError, build_rules, load_rules
from triage.ruletable import Is, RuleTable
from triage.vocabulary import CAUSE_KEYS, EMERGENCY_CAUSE_KEYS, NONE, QUESTIONS_BY_KEY, URGENCIES
from triage.yamlschema import read_yaml

RED_FLAG_OPTIONS = [option for option in QUESTIONS_BY_KEY["red_flags"].options if option != NONE]


def raw_table() -> dict[str, Any]:
    return read_yaml(RULES_PATH)


def test_the_table_loads_once_at_import() -> None:
    assert isinstance(RULES, RuleTable)
    assert load_rules() == RULES


def test_every_red_flag_option_has_its_own_rule() -> None:
    conditions = [rule.when.predicates for rule in RULES.red_flags]
    for option in RED_FLAG_OPTIONS:
        assert (Is("red_flags", option),) in conditions, option


@pytest.mark.parametrize("option", RED_FLAG_OPTIONS)
def test_every_red_flag_alone_is_an_emergency(option: str) -> None:
    assert assess(parse_answers({"red_flags": [option]})).urgency == "emergency"


def test_red_flags_name_known_causes() -> None:
    named = {rule.suggests for rule in RULES.red_flags} - {None}
    assert named <= set(CAUSE_KEYS + EMERGENCY_CAUSE_KEYS)
    assert set(EMERGENCY_CAUSE_KEYS) <= named


def test_every_cause_has_supporting_features_a_default_urgency_and_urgency_rules() -> None:
    assert {cause.key for cause in RULES.causes} == set(CAUSE_KEYS)
    for cause in RULES.causes:
        assert any(feature.weight > 0 for feature in cause.features), cause.key
        assert cause.default_urgency.urgency in URGENCIES, cause.key
        assert cause.urgency_rules, cause.key


def test_every_rule_cites_a_source_and_gives_a_reason() -> None:
    rows = [*RULES.red_flags, *RULES.urgency_rules, RULES.nothing_fits]
    for cause in RULES.causes:
        rows += [*cause.features, cause.default_urgency, *cause.urgency_rules]
    for row in rows:
        assert row.source.url.startswith("https://"), row
        assert row.source.title, row
        assert row.reason.strip(), row


def test_supporting_reasons_speak_to_the_patient() -> None:
    for cause in RULES.causes:
        for feature in cause.features:
            if feature.weight > 0:
                assert feature.reason.startswith("You "), (cause.key, feature.reason)


def test_there_is_an_outcome_text_for_every_urgency() -> None:
    assert set(RULES.outcomes) == set(URGENCIES)
    assert EMERGENCY_NUMBER_TOKEN in RULES.outcomes["emergency"].advice
    assert RULES.disclaimer


def test_nothing_fits_advises_seeing_a_doctor() -> None:
    assert RULES.nothing_fits.urgency in ("soon", "urgent")


def test_the_review_dates_are_in_order() -> None:
    assert RULES.last_reviewed <= RULES.review_due


@pytest.fixture
def overdue_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    monkeypatch.setattr(checks, "RULES", dataclasses.replace(RULES, review_due=yesterday))


def test_overdue_rules_warn_in_every_check(overdue_rules: None) -> None:
    warnings = [message for message in run_checks() if message.id == "triage.W001"]
    assert len(warnings) == 1 and "due for review" in warnings[0].msg


def test_overdue_rules_fail_the_deployment_check(overdue_rules: None) -> None:
    with pytest.raises(SystemCheckError, match="triage.E001"):
        call_command("check", "--deploy", stdout=io.StringIO(), stderr=io.StringIO())


def test_rules_within_their_review_date_pass_both_checks() -> None:
    ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert not ids & {"triage.W001", "triage.E001"}


# A broken table is refused, naming the row and the problem -------------------------------------------------

FEATURE = ("causes", "dvt", "features", 0)
WHEN = (*FEATURE, "when")


def refusal(table: dict[str, Any]) -> str:
    with pytest.raises(RulesError) as raised:
        build_rules(table)
    return str(raised.value)


def set_path(table: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    node = table
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


# (what is wrong, where it is written, what is written there, the place the message names, what it says)
TYPOS = [
    ("unknown question", WHEN, {"sign": "calf_swelling"}, "causes.dvt.features[0].when", "unknown question 'sign'"),
    (
        "unknown option",
        WHEN,
        {"signs": "calf_sweling"},
        "causes.dvt.features[0].when.signs",
        "unknown option 'calf_sweling'",
    ),
    (
        "unknown option in any_of",
        WHEN,
        {"any_of": {"onset": ["sudden", "dayz"]}},
        "causes.dvt.features[0].when.any_of.onset",
        "unknown option 'dayz'",
    ),
    (
        "unknown option in the second predicate of a list",
        WHEN,
        [{"legs": "one"}, {"signs": "fevr"}],
        "causes.dvt.features[0].when[1].signs",
        "unknown option 'fevr'",
    ),
    (
        "a number read from 20_39",
        WHEN,
        {"age_band": 2039},
        "causes.dvt.features[0].when.age_band",
        "unknown option 2039",
    ),
    (
        "list as a plain value",
        WHEN,
        {"signs": ["fever"]},
        "causes.dvt.features[0].when.signs",
        "expected one option, not ['fever']; for several, write any_of, all_of or none_of",
    ),
    (
        "all_of on a one-answer question",
        WHEN,
        {"all_of": {"legs": ["one"]}},
        "causes.dvt.features[0].when.all_of",
        "'legs' takes one answer, so all_of can never hold",
    ),
    (
        "two questions in one predicate",
        WHEN,
        {"legs": "one", "onset": "days"},
        "causes.dvt.features[0].when",
        "a predicate is one 'question: option' pair",
    ),
    ("empty condition", WHEN, [], "causes.dvt.features[0].when", "a condition needs at least one predicate"),
    (
        "none_of as evidence for a cause",
        WHEN,
        {"none_of": {"onset": ["months"]}},
        "causes.dvt.features[0].when.none_of",
        "a missing answer satisfies none_of, so it may only raise the advice",
    ),
    (
        "either inside either",
        WHEN,
        {"either": [{"legs": "one"}, {"either": [{"onset": "days"}, {"onset": "weeks"}]}]},
        "causes.dvt.features[0].when.either[1]",
        "write the choices in one list rather than nesting either",
    ),
    (
        "unknown urgency",
        ("causes", "dvt", "urgency", "default", "urgency"),
        "urgnet",
        "causes.dvt.urgency.default.urgency",
        "unknown urgency 'urgnet'",
    ),
    (
        "emergency outside red flags",
        ("urgency_rules", 0, "urgency"),
        "emergency",
        "urgency_rules[0].urgency",
        "emergencies belong in red_flags",
    ),
    ("unknown source", (*FEATURE, "source"), "nhs-dvtt", "causes.dvt.features[0].source", "unknown source 'nhs-dvtt'"),
    (
        "unknown cause",
        ("red_flags", "options", "chest_pain", "suggests"),
        "pulmonary_embolus",
        "red_flags.options.chest_pain.suggests",
        "unknown cause 'pulmonary_embolus'",
    ),
    ("weight of zero", (*FEATURE, "weight"), 0, "causes.dvt.features[0].weight", "a weight of 0 does nothing"),
    (
        "weight as text",
        (*FEATURE, "weight"),
        "6",
        "causes.dvt.features[0].weight",
        "a weight is a whole number, not '6'",
    ),
    (
        "misspelt placeholder",
        ("outcomes", "soon", "headline"),
        "Book an appointment with {docter}",
        "outcomes.soon.headline",
        "unknown placeholder '{docter}'",
    ),
    (
        # An article names the cause it explains (its cause key); the rules name no article.
        "an article in the rules",
        ("causes", "dvt", "article"),
        "deep-vein-thrombosis",
        "causes.dvt",
        "'article'",
    ),
    (
        "source not https",
        ("sources", "nhs-dvt", "url"),
        "http://www.nhs.uk/",
        "sources.nhs-dvt.url",
        "a source must be an https:// address",
    ),
    ("empty reason", (*FEATURE, "reason"), " ", "causes.dvt.features[0].reason", "expected some text, not ' '"),
    (
        "review date not a date",
        ("meta", "review_due"),
        "soon",
        "meta.review_due",
        "expected a date written as YYYY-MM-DD, not 'soon'",
    ),
    ("review date that does not exist", ("meta", "review_due"), "2027-02-30", "meta.review_due", "YYYY-MM-DD"),
    (
        "a warning sign for self care",
        ("warning_signs", "clot_in_lungs", "urgency"),
        "self_care",
        "warning_signs.clot_in_lungs.urgency",
        "a warning sign needs help",
    ),
    (
        "an impossible warning sign example",
        ("warning_signs", "sepsis", "examples", 0),
        {"red_flags": ["very_unwel"]},
        "warning_signs.sepsis.examples[0]",
        "very_unwel",
    ),
    (
        "a sign listed on an outcome as urgent as itself",
        ("outcomes", "urgent", "warning_signs", "urgent"),
        ["swollen_calf"],
        "outcomes.urgent.warning_signs.urgent",
        "list only signs that need help sooner than 'urgent'",
    ),
    (
        "a sign listed under the wrong urgency",
        ("outcomes", "soon", "warning_signs", "urgent"),
        ["clot_in_lungs"],
        "outcomes.soon.warning_signs.urgent",
        "'clot_in_lungs' is not a warning sign of that urgency",
    ),
]


@pytest.mark.parametrize(("path", "value", "place", "problem"), [t[1:] for t in TYPOS], ids=[t[0] for t in TYPOS])
def test_a_typo_is_refused_naming_its_row_and_the_problem(
    path: tuple[Any, ...], value: Any, place: str, problem: str
) -> None:
    table = raw_table()
    set_path(table, path, value)
    message = refusal(table)
    assert message.startswith(f"{place}: "), message
    assert problem in message, message


def test_a_missing_field_is_named_with_its_row() -> None:
    table = raw_table()
    del table["causes"]["dvt"]["features"][2]["weight"]
    assert refusal(table) == "causes.dvt.features[2]: 'weight' is a required property"


def test_a_misspelt_field_name_is_named_both_ways() -> None:
    table = raw_table()
    feature = table["causes"]["dvt"]["features"][0]
    feature["wieght"] = feature.pop("weight")
    message = refusal(table)
    assert message.startswith("causes.dvt.features[0]: ")
    assert "'weight' is a required property" in message
    assert "'wieght' was unexpected" in message


def test_a_cause_with_only_evidence_against_it_is_refused() -> None:
    table = raw_table()
    table["causes"]["dvt"]["features"] = [f for f in table["causes"]["dvt"]["features"] if f["weight"] < 0]
    assert refusal(table) == "causes.dvt.features: a cause needs at least one feature with a positive weight."


def test_a_missing_red_flag_rule_is_refused() -> None:
    table = raw_table()
    del table["red_flags"]["options"]["leg_cold_pale"]
    assert refusal(table).startswith("red_flags.options: missing 'leg_cold_pale'")


def test_a_missing_cause_is_refused() -> None:
    table = raw_table()
    del table["causes"]["cellulitis"]
    assert refusal(table).startswith("causes: missing 'cellulitis'")


def test_an_unknown_cause_is_refused() -> None:
    table = raw_table()
    table["causes"]["gouty_toe"] = copy.deepcopy(table["causes"]["cellulitis"])
    assert refusal(table).startswith("causes: unknown 'gouty_toe'")


def test_a_missing_outcome_text_is_refused() -> None:
    table = raw_table()
    del table["outcomes"]["self_care"]
    assert refusal(table).startswith("outcomes: missing 'self_care'")


def test_a_missing_section_is_named() -> None:
    table = raw_table()
    del table["disclaimer"]
    assert refusal(table) == "the table: 'disclaimer' is a required property"


def test_emergency_advice_must_say_where_the_number_goes() -> None:
    table = raw_table()
    table["outcomes"]["emergency"]["advice"] = "Call 911."
    assert refusal(table).startswith("outcomes.emergency.advice: must say where the emergency number goes")


def test_the_schema_is_a_valid_json_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA.schema)


def test_a_broken_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("causes: [unclosed", encoding="utf-8")
    with pytest.raises(RulesError, match="rules.yaml: cannot be read"):
        load_rules(path)


def test_a_typo_in_a_file_names_the_file_and_place(tmp_path: Path) -> None:
    table = raw_table()
    table["causes"]["dvt"]["features"][0]["when"] = {"signs": "calf_sweling"}
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(table), encoding="utf-8")
    with pytest.raises(RulesError, match=r"^rules.yaml: causes\.dvt\.features\[0\]\.when\.signs: unknown option"):
        load_rules(path)


# Warning signs: one list, and the self-check agrees with it ------------------------------------------------


@pytest.mark.parametrize("sign", RULES.warning_signs.values(), ids=lambda sign: sign.key)
def test_the_self_check_gives_each_warning_sign_its_own_urgency(sign) -> None:
    assert sign.examples, sign.key
    for example in sign.examples:
        outcome = assess(example)
        assert outcome.urgency == sign.urgency, (sign.key, example, outcome.urgency_reasons)


def test_every_red_flag_is_a_warning_sign_in_the_same_words_everywhere() -> None:
    shown = {
        option
        for sign in RULES.warning_signs.values()
        for example in sign.examples
        for option in example.red_flags
        if sign.urgency == "emergency"
    }
    assert shown >= set(RED_FLAG_OPTIONS)


def test_outcomes_list_only_signs_that_need_help_sooner() -> None:
    for urgency, text in RULES.outcomes.items():
        for group in text.warning_signs:
            assert URGENCIES.index(group.urgency) < URGENCIES.index(urgency)
            assert all(sign.urgency == group.urgency for sign in group.signs)
    assert RULES.outcomes["self_care"].warning_signs[0].urgency == "emergency"


def test_reasons_that_hold_whatever_the_answers_never_claim_what_the_patient_said() -> None:
    always = [cause.default_urgency.reason for cause in RULES.causes] + [RULES.nothing_fits.reason]
    assert not [reason for reason in always if "you said" in reason.lower()]
