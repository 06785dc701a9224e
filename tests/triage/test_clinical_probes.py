"""Answer combinations from the clinical review, each with the advice a clinician expects.

Every answer not listed is "none" or left out, as the review wrote them. These run through the public API, the
same engine the web form uses.
"""

from __future__ import annotations

import pytest

from tests.triage.helpers import ask_api
from triage.vocabulary import urgency_rank

PROBES = {
    "A1": (
        {
            "onset": "sudden",
            "start_location": "calf",
            "legs": "one",
            "sensations": ["numbness", "aching_heavy"],
            "signs": ["red_or_discoloured_skin"],
            "risk_factors": ["smoker"],
            "age_band": "60_plus",
        },
        {"emergency"},
    ),
    "B4": (
        {
            "start_location": "lower_back_or_buttock",
            "spread": "not_sure",
            "legs": "both",
            "sensations": ["electric_shooting", "pins_and_needles"],
            "triggers": ["worse_coughing_sneezing"],
            "onset": "weeks",
        },
        {"emergency"},
    ),
    "C1": (
        {
            "start_location": "toes",
            "risk_factors": ["diabetes"],
            "signs": ["slow_healing_sores", "fever", "red_or_discoloured_skin", "warm_skin"],
        },
        {"emergency"},
    ),
    "F1": (
        {
            "start_location": "knee",
            "legs": "one",
            "sensations": ["throbbing"],
            "risk_factors": ["pregnant_or_recent_birth"],
            "onset": "days",
        },
        {"urgent"},
    ),
    "G2": (
        {"start_location": "lower_back_or_buttock", "risk_factors": ["active_cancer"], "signs": ["foot_weakness"]},
        {"emergency"},
    ),
    "G3": (
        {
            "start_location": "lower_back_or_buttock",
            "risk_factors": ["past_cancer"],
            "triggers": ["worse_at_night"],
            "age_band": "60_plus",
            "onset": "weeks",
        },
        {"urgent"},
    ),
    "Q1": (
        {
            "start_location": "lower_back_or_buttock",
            "spread": "down_from_back",
            "legs": "both",
            "sensations": ["aching_heavy", "numbness"],
            "triggers": ["worse_walking_better_rest", "better_leaning_forward"],
            "onset": "months",
            "age_band": "60_plus",
        },
        {"soon", "urgent"},
    ),
    "N2": (
        {"signs": ["bulging_veins"], "sensations": ["tenderness"], "legs": "one", "onset": "months"},
        {"soon"},
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("probe", PROBES, ids=str)
def test_each_probe_gives_the_expected_advice(client, probe: str) -> None:
    answers, expected = PROBES[probe]
    assert ask_api(client, answers)["urgency"] in expected


@pytest.mark.django_db
def test_reasons_say_only_what_the_patient_said(client) -> None:
    answers, _ = PROBES["N2"]
    outcome = ask_api(client, answers)
    reasons = " ".join(reason for cause in outcome["causes"] for reason in cause["reasons"])
    assert "hard" not in reasons.lower()


@pytest.mark.django_db
def test_back_pain_with_foot_drop_names_sciatica_or_a_slipped_disc(client) -> None:
    outcome = ask_api(client, {"start_location": "lower_back_or_buttock", "signs": ["foot_weakness"]})
    assert outcome["urgency"] == "urgent"
    assert outcome["causes"][0]["key"] in {"sciatica", "herniated_disc"}


@pytest.mark.django_db
def test_both_legs_swollen_and_breathless_lying_flat_is_today(client) -> None:
    answers = {"legs": "both", "signs": ["ankle_swelling", "breathless_lying_flat"], "onset": "weeks"}
    assert ask_api(client, answers)["urgency"] == "urgent"


@pytest.mark.django_db
@pytest.mark.parametrize("onset", ["sudden", "days", "weeks", "worse_recently"])
def test_new_sciatica_in_both_legs_is_an_emergency_however_the_spread_is_described(client, onset: str) -> None:
    for spread in ("down_from_back", "not_sure", "stays_in_one_place"):
        answers = {"start_location": "lower_back_or_buttock", "spread": spread, "legs": "both", "onset": onset}
        assert ask_api(client, answers)["urgency"] == "emergency", (spread, onset)


@pytest.mark.django_db
def test_long_standing_symptoms_in_both_legs_that_ease_leaning_forward_are_not_an_emergency(client) -> None:
    answers, _ = PROBES["Q1"]
    outcome = ask_api(client, answers)
    assert urgency_rank(outcome["urgency"]) >= urgency_rank("urgent")
    assert outcome["causes"][0]["key"] == "spinal_stenosis"
