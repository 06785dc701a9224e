"""One typical story for each cause the self-check learned with the contract's version 2, through the public
API: the cause a clinician would name first, and advice no less urgent than that story needs."""

from __future__ import annotations

import pytest

from tests.triage.helpers import ask_api

STORIES = {
    "muscle_strain": (
        {
            "start_location": "calf",
            "legs": "one",
            "sensations": ["tenderness"],
            "signs": ["bruising"],
            "triggers": ["after_injury_or_exercise"],
            "onset": "sudden",
            "age_band": "40_59",
        },
        "self_care",
    ),
    "muscle_cramps": (
        {
            "start_location": "calf",
            "legs": "one",
            "sensations": ["cramping"],
            "triggers": ["worse_at_night"],
            "risk_factors": ["statin_medication"],
            "onset": "weeks",
            "age_band": "60_plus",
        },
        "urgent",
    ),
    "restless_legs": (
        {
            "legs": "both",
            "sensations": ["aching_heavy"],
            "triggers": ["urge_to_move_at_rest", "worse_at_night"],
            "onset": "months",
            "age_band": "40_59",
        },
        "soon",
    ),
    "bakers_cyst": (
        {
            "start_location": "knee",
            "spread": "down_from_knee",
            "legs": "one",
            "signs": ["lump_behind_knee", "calf_swelling"],
            "risk_factors": ["past_gout_or_arthritis"],
            "onset": "sudden",
            "age_band": "60_plus",
        },
        "urgent",
    ),
    "hip_osteoarthritis": (
        {
            "start_location": "hip_or_thigh",
            "spread": "stays_in_one_place",
            "legs": "one",
            "sensations": ["aching_heavy"],
            "triggers": ["worse_hip_movement"],
            "onset": "months",
            "age_band": "60_plus",
        },
        "soon",
    ),
    "slipped_capital_femoral_epiphysis": (
        {
            "start_location": "knee",
            "legs": "one",
            "sensations": ["aching_heavy"],
            "triggers": ["worse_hip_movement"],
            "risk_factors": ["overweight"],
            "onset": "weeks",
            "age_band": "under_20",
        },
        "urgent",
    ),
    "shingles": (
        {
            "start_location": "hip_or_thigh",
            "spread": "stays_in_one_place",
            "legs": "one",
            "sensations": ["burning", "tenderness"],
            "signs": ["rash_or_blisters"],
            "onset": "days",
            "age_band": "60_plus",
        },
        "urgent",
    ),
    "gout": (
        {
            "start_location": "toes",
            "legs": "one",
            "signs": ["hot_swollen_joint"],
            "risk_factors": ["past_gout_or_arthritis"],
            "onset": "sudden",
            "age_band": "40_59",
        },
        "urgent",
    ),
    "stress_fracture": (
        {
            "start_location": "ankle_or_foot",
            "spread": "stays_in_one_place",
            "legs": "one",
            "sensations": ["tenderness"],
            "triggers": ["after_injury_or_exercise"],
            "risk_factors": ["new_intense_training"],
            "onset": "weeks",
            "age_band": "20_39",
        },
        "soon",
    ),
    "shin_splints": (
        {
            "start_location": "shin",
            "legs": "both",
            "sensations": ["aching_heavy"],
            "triggers": ["after_injury_or_exercise"],
            "risk_factors": ["new_intense_training"],
            "onset": "weeks",
            "age_band": "20_39",
        },
        "soon",
    ),
    "lymphangitis": (
        {
            "start_location": "ankle_or_foot",
            "spread": "up_from_wound",
            "legs": "one",
            "sensations": ["tenderness"],
            "signs": ["red_streak"],
            "onset": "days",
            "age_band": "40_59",
        },
        "urgent",
    ),
    "meralgia_paresthetica": (
        {
            "start_location": "hip_or_thigh",
            "spread": "stays_in_one_place",
            "legs": "one",
            "sensations": ["burning", "numbness"],
            "risk_factors": ["overweight"],
            "onset": "months",
            "age_band": "40_59",
        },
        "soon",
    ),
    "piriformis_syndrome": (
        {
            "start_location": "lower_back_or_buttock",
            "spread": "down_from_back",
            "legs": "one",
            "sensations": ["tenderness"],
            "triggers": ["worse_sitting", "after_injury_or_exercise"],
            "risk_factors": ["new_intense_training"],
            "onset": "days",
            "age_band": "20_39",
        },
        "self_care",
    ),
    "diabetic_foot": (
        {
            "start_location": "ankle_or_foot",
            "legs": "one",
            "signs": ["slow_healing_sores", "red_or_discoloured_skin"],
            "risk_factors": ["diabetes"],
            "onset": "days",
            "age_band": "60_plus",
        },
        "urgent",
    ),
    "heart_or_kidney_swelling": (
        {
            "start_location": "ankle_or_foot",
            "legs": "both",
            "signs": ["ankle_swelling"],
            "triggers": ["better_legs_raised"],
            "risk_factors": ["high_blood_pressure_or_cholesterol"],
            "onset": "weeks",
            "age_band": "60_plus",
        },
        "soon",
    ),
    "compartment_syndrome": (
        {
            "start_location": "shin",
            "legs": "both",
            "sensations": ["aching_heavy", "pins_and_needles"],
            "triggers": ["after_injury_or_exercise", "worse_walking_better_rest"],
            "risk_factors": ["new_intense_training"],
            "onset": "weeks",
            "age_band": "20_39",
        },
        "soon",
    ),
    "septic_arthritis": (
        {
            "start_location": "knee",
            "legs": "one",
            "signs": ["hot_swollen_joint"],
            "risk_factors": ["injects_drugs"],
            "onset": "days",
            "age_band": "20_39",
        },
        "urgent",
    ),
    "bone_tumor": (
        {
            "start_location": "knee",
            "spread": "stays_in_one_place",
            "legs": "one",
            "signs": ["bony_lump"],
            "triggers": ["worse_at_night"],
            "onset": "weeks",
            "age_band": "under_20",
        },
        "urgent",
    ),
    "hip_fracture": (
        {
            "start_location": "hip_or_thigh",
            "legs": "one",
            "triggers": ["after_injury_or_exercise", "worse_hip_movement"],
            "onset": "sudden",
            "age_band": "60_plus",
        },
        "urgent",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("cause", STORIES, ids=str)
def test_a_typical_story_names_the_cause_first_with_the_advice_it_needs(client, cause: str) -> None:
    answers, urgency = STORIES[cause]
    outcome = ask_api(client, answers)
    assert [c["key"] for c in outcome["causes"]][:1] == [cause], outcome["causes"]
    assert outcome["urgency"] == urgency, outcome


@pytest.mark.django_db
def test_acute_compartment_syndrome_after_an_injury_is_an_emergency(client) -> None:
    answers = {
        "start_location": "calf",
        "legs": "one",
        "sensations": ["pins_and_needles"],
        "signs": ["tight_hard_swelling"],
        "triggers": ["after_injury_or_exercise"],
        "onset": "sudden",
    }
    outcome = ask_api(client, answers)
    assert outcome["urgency"] == "emergency"
    assert outcome["causes"][0]["key"] == "compartment_syndrome"


@pytest.mark.django_db
def test_a_hot_joint_with_a_fever_is_an_emergency_whatever_gout_says(client) -> None:
    answers, _ = STORIES["gout"]
    assert ask_api(client, {**answers, "signs": ["hot_swollen_joint", "fever"]})["urgency"] == "emergency"
