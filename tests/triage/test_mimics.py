"""Causes that look alike, told apart as a careful doctor would, and where they cannot be told apart, the safer
advice wins. Through the public API, as a clinic's system would ask."""

from __future__ import annotations

import pytest

from tests.triage.helpers import ask_api

pytestmark = pytest.mark.django_db

CALF = {"red_flags": ["none"], "start_location": "calf", "legs": "one", "age_band": "40_59"}


def ask(client, answers: dict) -> tuple[str, list[str]]:
    outcome = ask_api(client, answers)
    return outcome["urgency"], [cause["key"] for cause in outcome["causes"]]


def test_a_swollen_calf_is_a_possible_clot_whatever_else_it_might_be(client):
    # A ruptured Baker's cyst and a calf tear both swell the calf; only a scan rules out a clot, so the advice
    # is the clot's (today) and the clot is named among the causes.
    for extra in ({"signs": ["calf_swelling", "lump_behind_knee"]}, {"signs": ["calf_swelling", "bruising"]}):
        urgency, causes = ask(client, {**CALF, "sensations": ["tenderness"], **extra, "onset": "sudden"})
        assert urgency in {"urgent", "emergency"}, extra
        assert "dvt" in causes[:3], (extra, causes)


def test_a_calf_tear_without_swelling_is_a_strain(client):
    answers = {**CALF, "sensations": ["tenderness"], "signs": ["bruising"], "triggers": ["after_injury_or_exercise"]}
    urgency, causes = ask(client, {**answers, "onset": "sudden"})
    assert causes[0] == "muscle_strain"


def test_hip_arthritis_and_spinal_stenosis_are_told_apart(client):
    hip = {"start_location": "hip_or_thigh", "legs": "one", "sensations": ["aching_heavy"],
           "triggers": ["worse_hip_movement"], "onset": "months", "age_band": "60_plus"}  # fmt: skip
    spine = {"start_location": "lower_back_or_buttock", "spread": "down_from_back", "legs": "both",
             "sensations": ["aching_heavy", "numbness"], "onset": "months", "age_band": "60_plus",
             "triggers": ["worse_walking_better_rest", "better_leaning_forward"]}  # fmt: skip
    assert ask(client, hip)[1][0] == "hip_osteoarthritis"
    assert ask(client, spine)[1][0] == "spinal_stenosis"


def test_night_cramps_and_artery_disease_are_told_apart(client):
    cramps = {**CALF, "sensations": ["cramping"], "triggers": ["worse_at_night"], "onset": "weeks"}
    arteries = {**CALF, "sensations": ["cramping", "aching_heavy"], "triggers": ["worse_walking_better_rest"],
                "risk_factors": ["smoker", "diabetes"], "onset": "months", "age_band": "60_plus"}  # fmt: skip
    assert ask(client, cramps)[1][0] == "muscle_cramps"
    assert ask(client, arteries)[1][0] == "peripheral_artery_disease"


def test_shingles_is_named_once_the_rash_shows_and_pain_before_it_still_gets_seen(client):
    before = {"start_location": "lower_back_or_buttock", "spread": "down_from_back", "legs": "one",
              "sensations": ["burning", "electric_shooting"], "onset": "days", "age_band": "60_plus"}  # fmt: skip
    urgency, causes = ask(client, before)
    assert "sciatica" in causes[:3]
    urgency, causes = ask(client, {**before, "signs": ["rash_or_blisters"]})
    assert causes[0] == "shingles" and urgency == "urgent"


def test_a_hot_swollen_joint_is_gout_or_an_infected_joint_never_left_for_later(client):
    toe = {"start_location": "toes", "legs": "one", "sensations": ["throbbing", "tenderness"],
           "signs": ["hot_swollen_joint"], "onset": "sudden", "age_band": "40_59"}  # fmt: skip
    urgency, causes = ask(client, {**toe, "risk_factors": ["past_gout_or_arthritis"]})
    assert causes[0] in {"gout", "septic_arthritis"} and urgency == "urgent"
    assert ask(client, {**toe, "signs": ["hot_swollen_joint", "fever"]})[0] == "emergency"
    urgency, causes = ask(client, {**toe, "signs": ["red_or_discoloured_skin", "warm_skin"], "onset": "days"})
    assert causes[0] == "cellulitis"


def test_compartment_syndrome_from_running_is_for_soon_and_after_an_injury_is_an_emergency(client):
    runner = {"start_location": "shin", "legs": "both", "sensations": ["aching_heavy", "pins_and_needles"],
              "triggers": ["worse_walking_better_rest"], "risk_factors": ["new_intense_training"],
              "onset": "months", "age_band": "20_39"}  # fmt: skip
    urgency, causes = ask(client, runner)
    assert "compartment_syndrome" in causes[:3] and urgency in {"soon", "urgent"}
    injured = {**runner, "legs": "one", "signs": ["tight_hard_swelling"], "triggers": ["after_injury_or_exercise"],
               "onset": "sudden"}  # fmt: skip
    assert ask(client, injured)[0] == "emergency"
