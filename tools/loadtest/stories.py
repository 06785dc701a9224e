"""What the simulated visitors type and tick: search words patients use, and full sets of self-check answers.

Each story answers every question with values from the self-check contract, so both the web pages and the API
accept it. Emergency stories tick a red flag; on the web the first page then sends the patient straight to the
emergency advice.
"""

from __future__ import annotations

from triage import examples, flow

SEARCHES = (
    "sciatica",
    "swollen calf",
    "pins and needles in feet",
    "blood clot in leg",
    "burning feet at night",
    "pain going up my leg",
    "varicose veins",
    "leg pain when walking",
    "slipped disc",
    "red hot swollen leg",
    "numb toes",
    "DVT",
    "shooting pain down leg",
    "hard painful vein",
    "cramp in calf",
    "knee pain",
)

EVERYDAY_STORIES = (
    examples.DIABETIC_NEUROPATHY,
    {
        "red_flags": ["none"],
        "start_location": "lower_back_or_buttock",
        "spread": "down_from_back",
        "legs": "one",
        "sensations": ["electric_shooting", "pins_and_needles"],
        "signs": ["none"],
        "triggers": ["worse_sitting", "worse_coughing_sneezing"],
        "risk_factors": ["heavy_lifting_job"],
        "onset": "weeks",
        "age_band": "40_59",
    },
    {
        "red_flags": ["none"],
        "start_location": "calf",
        "spread": "stays_in_one_place",
        "legs": "one",
        "sensations": ["aching_heavy", "tenderness"],
        "signs": ["calf_swelling", "warm_skin"],
        "triggers": ["none"],
        "risk_factors": ["hormone_medication"],
        "onset": "days",
        "age_band": "40_59",
    },
    {
        "red_flags": ["none"],
        "start_location": "calf",
        "spread": "along_vein",
        "legs": "both",
        "sensations": ["aching_heavy", "throbbing"],
        "signs": ["bulging_veins", "ankle_swelling"],
        "triggers": ["worse_standing", "better_legs_raised"],
        "risk_factors": ["family_history_veins", "overweight"],
        "onset": "months",
        "age_band": "40_59",
    },
    {
        "red_flags": ["none"],
        "start_location": "calf",
        "spread": "up_from_calf",
        "legs": "one",
        "sensations": ["cramping", "aching_heavy"],
        "signs": ["shiny_hairless_skin", "slow_healing_sores"],
        "triggers": ["worse_walking_better_rest"],
        "risk_factors": ["smoker", "diabetes", "high_blood_pressure_or_cholesterol"],
        "onset": "months",
        "age_band": "60_plus",
    },
    {
        "red_flags": ["none"],
        "start_location": "lower_back_or_buttock",
        "spread": "down_from_back",
        "legs": "both",
        "sensations": ["aching_heavy", "numbness"],
        "signs": ["none"],
        "triggers": ["worse_standing", "better_leaning_forward", "worse_walking_better_rest"],
        "risk_factors": ["none"],
        "onset": "months",
        "age_band": "60_plus",
    },
    {
        "red_flags": ["none"],
        "start_location": "shin",
        "spread": "stays_in_one_place",
        "legs": "one",
        "sensations": ["tenderness", "throbbing"],
        "signs": ["red_or_discoloured_skin", "warm_skin", "fever"],
        "triggers": ["none"],
        "risk_factors": ["diabetes"],
        "onset": "days",
        "age_band": "60_plus",
    },
    {
        "red_flags": ["none"],
        "start_location": "not_sure",
        "spread": "not_sure",
        "legs": "one",
        "sensations": ["aching_heavy"],
        "signs": ["none"],
        "triggers": ["none"],
        "risk_factors": ["none"],
        "onset": "weeks",
        "age_band": "20_39",
    },
)

EMERGENCY_STORIES = (
    {
        "red_flags": ["short_of_breath", "chest_pain"],
        "start_location": "calf",
        "spread": "stays_in_one_place",
        "legs": "one",
        "sensations": ["tenderness"],
        "signs": ["calf_swelling"],
        "triggers": ["none"],
        "risk_factors": ["recent_surgery_or_hospital"],
        "onset": "days",
        "age_band": "60_plus",
    },
    {
        "red_flags": ["saddle_numbness", "bladder_bowel_change"],
        "start_location": "lower_back_or_buttock",
        "spread": "down_from_back",
        "legs": "both",
        "sensations": ["electric_shooting"],
        "signs": ["none"],
        "triggers": ["worse_sitting"],
        "risk_factors": ["none"],
        "onset": "days",
        "age_band": "40_59",
    },
    {
        "red_flags": ["leg_cold_pale"],
        "start_location": "calf",
        "spread": "stays_in_one_place",
        "legs": "one",
        "sensations": ["numbness"],
        "signs": ["none"],
        "triggers": ["none"],
        "risk_factors": ["none"],
        "onset": "sudden",
        "age_band": "60_plus",
    },
)

# The self-check's pages in order, with the questions each one asks.
STEPS = tuple((step.slug, step.keys) for step in flow.STEPS)
