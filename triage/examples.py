"""Typical answers in the self-check's vocabulary, one set for each common outcome.

The tests, the benchmark, the load test and the audit all need realistic answers; keeping them here, in the
contract's own words, means one place to update if the questions change. `tests/triage/test_examples.py` holds
each set to the outcome its name promises.
"""

# 54, tingling and burning creeping up from the toes of both feet over months, with diabetes: see a doctor soon.
DIABETIC_NEUROPATHY = {
    "red_flags": ["none"],
    "start_location": "toes",
    "spread": "up_from_feet",
    "legs": "both",
    "sensations": ["burning", "pins_and_needles"],
    "signs": ["none"],
    "triggers": ["worse_at_night"],
    "risk_factors": ["diabetes"],
    "onset": "months",
    "age_band": "40_59",
}

# One swollen, warm, sore calf a few days after an operation: a possible blood clot, seen today.
CALF_CLOT_AFTER_SURGERY = {
    "red_flags": ["none"],
    "start_location": "calf",
    "spread": "stays_in_one_place",
    "legs": "one",
    "sensations": ["aching_heavy", "tenderness"],
    "signs": ["calf_swelling", "warm_skin"],
    "triggers": ["none"],
    "risk_factors": ["recent_surgery_or_hospital"],
    "onset": "days",
    "age_band": "40_59",
}

# Back pain shooting down one leg after lifting furniture a few days ago: self care.
SCIATICA_AFTER_LIFTING = {
    "red_flags": ["none"],
    "start_location": "lower_back_or_buttock",
    "spread": "down_from_back",
    "legs": "one",
    "sensations": ["electric_shooting"],
    "signs": ["none"],
    "triggers": ["worse_bending_lifting", "worse_coughing_sneezing"],
    "risk_factors": ["heavy_lifting_job"],
    "onset": "days",
    "age_band": "20_39",
}

# Sudden breathlessness: the emergency short-cut.
SUDDEN_BREATHLESSNESS = {"red_flags": ["short_of_breath"]}

BY_URGENCY = {
    "emergency": SUDDEN_BREATHLESSNESS,
    "urgent": CALF_CLOT_AFTER_SURGERY,
    "soon": DIABETIC_NEUROPATHY,
    "self_care": SCIATICA_AFTER_LIFTING,
}
