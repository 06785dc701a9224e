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

from triage import checks
from triage.answers import parse_answers
from triage.engine import assess
from triage.rules import EMERGENCY_NUMBER_TOKEN, RULES, RULES_PATH, RulesError, build_rules, load_rules
from triage.ruletable import Is, RuleTable
from triage.vocabulary import CAUSE_KEYS, EMERGENCY_CAUSE_KEYS, NONE, QUESTIONS_BY_KEY, URGENCIES

ARTICLES = {
    "sciatica": "sciatica",
    "herniated_disc": "herniated-disc",
    "peripheral_neuropathy": "peripheral-neuropathy",
    "dvt": "deep-vein-thrombosis",
    "varicose_veins": "varicose-veins",
    "spinal_stenosis": "spinal-stenosis",
    "peripheral_artery_disease": "peripheral-artery-disease",
    "superficial_thrombophlebitis": "superficial-thrombophlebitis",
    "cellulitis": "cellulitis",
    "pulmonary_embolism": "deep-vein-thrombosis",
    "cauda_equina_syndrome": "herniated-disc",
    "acute_limb_ischemia": "peripheral-artery-disease",
    "necrotizing_fasciitis": "necrotising-fasciitis",
    "compartment_syndrome": "compartment-syndrome",
    "septic_arthritis": "septic-arthritis",
    "bone_tumor": "bone-and-spine-tumours",
    "hip_fracture": "hip-fracture",
}
RED_FLAG_OPTIONS = [option for option in QUESTIONS_BY_KEY["red_flags"].options if option != NONE]


def raw_table() -> dict[str, Any]:
    return yaml.safe_load(RULES_PATH.read_text(encoding="utf-8"))


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


def test_every_cause_links_to_its_article() -> None:
    slugs = {cause.key: cause.article_slug for cause in RULES.causes}
    slugs |= {key: cause.article_slug for key, cause in RULES.emergency_causes.items()}
    assert slugs == ARTICLES


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


# Typos fail loudly ------------------------------------------------------------------------------------------


def dvt_feature(table: dict[str, Any]) -> dict[str, Any]:
    return table["causes"]["dvt"]["features"][0]


def set_path(table: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    node = table
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


TYPOS = [
    (
        "unknown question",
        ("causes", "dvt", "features", 0, "when"),
        {"sign": "calf_swelling"},
        "unknown question 'sign'",
    ),
    (
        "unknown option",
        ("causes", "dvt", "features", 0, "when"),
        {"signs": "calf_sweling"},
        "unknown option 'calf_sweling'",
    ),
    (
        "unknown option in any_of",
        ("causes", "dvt", "features", 0, "when"),
        {"any_of": {"onset": ["sudden", "dayz"]}},
        "unknown option 'dayz'",
    ),
    ("a number read from 20_39", ("causes", "dvt", "features", 0, "when"), {"age_band": 2039}, "unknown option 2039"),
    ("list as a plain value", ("causes", "dvt", "features", 0, "when"), {"signs": ["fever"]}, "write any_of or all_of"),
    (
        "all_of on a one-answer question",
        ("causes", "dvt", "features", 0, "when"),
        {"all_of": {"legs": ["one"]}},
        "all_of",
    ),
    (
        "two questions in one predicate",
        ("causes", "dvt", "features", 0, "when"),
        {"legs": "one", "onset": "days"},
        "one",
    ),
    ("unknown urgency", ("causes", "dvt", "urgency", "default", "urgency"), "urgnet", "unknown urgency 'urgnet'"),
    ("emergency outside red flags", ("urgency_rules", 0, "urgency"), "emergency", "belong in red_flags"),
    ("unknown source", ("causes", "dvt", "features", 0, "source"), "nhs-dvtt", "unknown source 'nhs-dvtt'"),
    ("unknown cause", ("red_flags", "options", "chest_pain", "suggests"), "pulmonary_embolus", "unknown cause"),
    ("weight of zero", ("causes", "dvt", "features", 0, "weight"), 0, "weight of 0"),
    ("weight as text", ("causes", "dvt", "features", 0, "weight"), "6", "whole number"),
    ("bad slug", ("causes", "dvt", "article"), "Deep Vein", "article slug"),
    ("source not https", ("sources", "nhs-dvt", "url"), "http://www.nhs.uk/", "https://"),
    ("empty reason", ("causes", "dvt", "features", 0, "reason"), " ", "expected some text"),
    ("review date not a date", ("meta", "review_due"), "soon", "YYYY-MM-DD"),
]


@pytest.mark.parametrize(("path", "value", "message"), [t[1:] for t in TYPOS], ids=[t[0] for t in TYPOS])
def test_a_typo_is_refused_with_its_place(path: tuple[Any, ...], value: Any, message: str) -> None:
    table = raw_table()
    set_path(table, path, value)
    with pytest.raises(RulesError) as raised:
        build_rules(table)
    assert message in str(raised.value)
    assert str(path[0]) in str(raised.value)


def test_a_misspelt_field_name_is_refused() -> None:
    table = raw_table()
    dvt_feature(table)["wieght"] = dvt_feature(table).pop("weight")
    with pytest.raises(RulesError, match=r"causes\.dvt\.features\[0\]: missing 'weight'"):
        build_rules(table)


def test_a_missing_red_flag_rule_is_refused() -> None:
    table = raw_table()
    del table["red_flags"]["options"]["leg_cold_pale"]
    with pytest.raises(RulesError, match="every red flag needs a rule; missing: leg_cold_pale"):
        build_rules(table)


def test_a_missing_cause_is_refused() -> None:
    table = raw_table()
    del table["causes"]["cellulitis"]
    with pytest.raises(RulesError, match="causes: missing 'cellulitis'"):
        build_rules(table)


def test_an_unknown_cause_is_refused() -> None:
    table = raw_table()
    table["causes"]["gout"] = copy.deepcopy(table["causes"]["cellulitis"])
    with pytest.raises(RulesError, match="causes: unknown 'gout'"):
        build_rules(table)


def test_a_missing_outcome_text_is_refused() -> None:
    table = raw_table()
    del table["outcomes"]["self_care"]
    with pytest.raises(RulesError, match="outcomes: missing 'self_care'"):
        build_rules(table)


def test_emergency_advice_must_say_where_the_number_goes() -> None:
    table = raw_table()
    table["outcomes"]["emergency"]["advice"] = "Call 911."
    with pytest.raises(RulesError, match="emergency_number"):
        build_rules(table)


def test_a_broken_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("causes: [unclosed", encoding="utf-8")
    with pytest.raises(RulesError, match="rules.yaml: cannot be read"):
        load_rules(path)


def test_a_typo_in_a_file_names_the_file_and_place(tmp_path: Path) -> None:
    table = raw_table()
    dvt_feature(table)["when"] = {"signs": "calf_sweling"}
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
