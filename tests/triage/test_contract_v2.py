"""The version 2 additions of the self-check contract, as the contract lists them, in the API and the form."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.triage.helpers import STEP_KEYS, STEP_URLS
from triage.vocabulary import ALL_CAUSE_KEYS, QUESTIONS_BY_KEY

# Written out from the contract's "Version 2 additions", not read from the code: the test compares the two.
VERSION_2 = {
    "red_flags": ["very_unwell", "fainting_or_racing_heart", "bladder_or_sex_change"],
    "signs": [
        "pale_blue_or_cold_foot", "black_toes", "severe_worsening_pain", "tight_hard_swelling", "red_streak",
        "rash_or_blisters", "hot_swollen_joint", "lump_behind_knee", "bruising", "leg_gives_way",
        "breathless_lying_flat", "cannot_walk", "bony_lump", "dark_urine_muscle_weakness",
    ],
    "triggers": ["after_injury_or_exercise", "worse_hip_movement", "urge_to_move_at_rest"],
    "risk_factors": [
        "past_cancer", "weak_immune_system", "cast_or_tight_bandage", "statin_medication", "injects_drugs",
        "osteoporosis", "new_intense_training", "irregular_heartbeat", "past_gout_or_arthritis",
    ],
    "spread": ["down_from_knee", "up_from_wound"],
    "onset": ["worse_recently"],
}  # fmt: skip
EMERGENCY_NAMED = ["pulmonary_embolism", "cauda_equina_syndrome", "acute_limb_ischemia"]
PAIRS = [(key, option) for key, options in VERSION_2.items() for option in options]


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "option"), PAIRS, ids=[f"{key}={option}" for key, option in PAIRS])
def test_the_api_accepts_every_version_2_option(client, key: str, option: str) -> None:
    several = QUESTIONS_BY_KEY[key].kind == "several"
    answers = {"red_flags": ["none"], key: [option] if several else option}
    if key == "red_flags":
        answers = {"red_flags": [option]}
    response = client.post(reverse("triage_api:self_check"), answers, content_type="application/json")
    assert response.status_code == 200, response.content
    if key == "red_flags":
        assert response.json()["urgency"] == "emergency"


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "option"), PAIRS, ids=[f"{key}={option}" for key, option in PAIRS])
def test_the_form_offers_every_version_2_option(client, key: str, option: str) -> None:
    slug = next(slug for slug, keys in STEP_KEYS.items() if key in keys)
    if slug != "emergency-signs":
        client.post(STEP_URLS["emergency-signs"], {"red_flags": ["none"]})
        for earlier, keys in list(STEP_KEYS.items())[1:]:
            if earlier == slug:
                break
            client.post(STEP_URLS[earlier], {k: _any_answer(k) for k in keys})
    html = client.get(STEP_URLS[slug]).content.decode()
    assert f'name="{key}"' in html and f'value="{option}"' in html


def _any_answer(key: str) -> str | list[str]:
    question = QUESTIONS_BY_KEY[key]
    return question.options[0] if question.kind == "one" else [question.options[0]]


def test_emergency_outcomes_can_name_the_contracts_emergency_causes() -> None:
    assert set(EMERGENCY_NAMED) <= set(ALL_CAUSE_KEYS)
