"""The self-check's vocabulary: question keys, option values, urgencies and cause keys.

These values are a public contract (`shared/self-check-contract.md`): the JSON API, the web form, the rule
table and the vignette suites all speak them. Options may be added; none may be renamed or removed. Nothing
here is shown to patients: the words they read live in templates and in `rules.yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Literal

QuestionKind = Literal["one", "several"]
ONE: Final = "one"
SEVERAL: Final = "several"

# The option that means "none of these". It cannot be combined with another option of the same question.
NONE: Final = "none"


@dataclass(frozen=True)
class Question:
    key: str
    kind: QuestionKind
    options: tuple[str, ...]
    required: bool = False


QUESTIONS: Final[tuple[Question, ...]] = (
    Question(
        "red_flags",
        SEVERAL,
        (
            "chest_pain",
            "short_of_breath",
            "coughing_blood",
            "saddle_numbness",
            "bladder_bowel_change",
            "both_legs_weak",
            "leg_cold_pale",
            "heavy_bleeding",
            "major_injury",
            "very_unwell",
            "fainting_or_racing_heart",
            "bladder_or_sex_change",
            NONE,
        ),
        required=True,
    ),
    Question(
        "start_location",
        ONE,
        ("lower_back_or_buttock", "hip_or_thigh", "knee", "calf", "shin", "ankle_or_foot", "toes", "not_sure"),
    ),
    Question(
        "spread",
        ONE,
        (
            "up_from_feet",
            "up_from_calf",
            "down_from_back",
            "along_vein",
            "stays_in_one_place",
            "not_sure",
            "down_from_knee",
            "up_from_wound",
        ),
    ),
    Question("legs", ONE, ("one", "both")),
    Question(
        "sensations",
        SEVERAL,
        (
            "burning",
            "pins_and_needles",
            "numbness",
            "electric_shooting",
            "aching_heavy",
            "throbbing",
            "cramping",
            "tenderness",
        ),
    ),
    Question(
        "signs",
        SEVERAL,
        (
            "calf_swelling",
            "warm_skin",
            "red_or_discoloured_skin",
            "bulging_veins",
            "ankle_skin_changes",
            "ankle_swelling",
            "hard_painful_vein",
            "foot_weakness",
            "slow_healing_sores",
            "shiny_hairless_skin",
            "fever",
            "pale_blue_or_cold_foot",
            "black_toes",
            "severe_worsening_pain",
            "tight_hard_swelling",
            "red_streak",
            "rash_or_blisters",
            "hot_swollen_joint",
            "lump_behind_knee",
            "bruising",
            "leg_gives_way",
            "breathless_lying_flat",
            "cannot_walk",
            "bony_lump",
            "dark_urine_muscle_weakness",
            NONE,
        ),
    ),
    Question(
        "triggers",
        SEVERAL,
        (
            "worse_sitting",
            "worse_coughing_sneezing",
            "worse_bending_lifting",
            "worse_standing",
            "better_legs_raised",
            "worse_walking_better_rest",
            "better_leaning_forward",
            "worse_at_night",
            "after_injury_or_exercise",
            "worse_hip_movement",
            "urge_to_move_at_rest",
            NONE,
        ),
    ),
    Question(
        "risk_factors",
        SEVERAL,
        (
            "diabetes",
            "heavy_alcohol",
            "recent_surgery_or_hospital",
            "long_travel_or_bed_rest",
            "previous_clot",
            "active_cancer",
            "chemotherapy",
            "pregnant_or_recent_birth",
            "hormone_medication",
            "family_history_veins",
            "overweight",
            "smoker",
            "heavy_lifting_job",
            "high_blood_pressure_or_cholesterol",
            "past_cancer",
            "weak_immune_system",
            "cast_or_tight_bandage",
            "statin_medication",
            "injects_drugs",
            "osteoporosis",
            "new_intense_training",
            "irregular_heartbeat",
            "past_gout_or_arthritis",
            NONE,
        ),
    ),
    Question("onset", ONE, ("sudden", "days", "weeks", "months", "worse_recently")),
    Question("age_band", ONE, ("under_20", "20_39", "40_59", "60_plus")),
)

QUESTIONS_BY_KEY: Final = MappingProxyType({question.key: question for question in QUESTIONS})
QUESTION_KEYS: Final[tuple[str, ...]] = tuple(question.key for question in QUESTIONS)
REQUIRED_KEYS: Final[frozenset[str]] = frozenset(question.key for question in QUESTIONS if question.required)

# Most urgent first. Comparing two urgencies means comparing their positions here.
URGENCIES: Final[tuple[str, ...]] = ("emergency", "urgent", "soon", "self_care")
EMERGENCY: Final = "emergency"
URGENT: Final = "urgent"
SOON: Final = "soon"
SELF_CARE: Final = "self_care"

CAUSE_KEYS: Final[tuple[str, ...]] = (
    "sciatica",
    "herniated_disc",
    "peripheral_neuropathy",
    "dvt",
    "varicose_veins",
    "spinal_stenosis",
    "peripheral_artery_disease",
    "superficial_thrombophlebitis",
    "cellulitis",
    "muscle_strain",
    "muscle_cramps",
    "restless_legs",
    "bakers_cyst",
    "hip_osteoarthritis",
    "slipped_capital_femoral_epiphysis",
    "shingles",
    "gout",
    "stress_fracture",
    "shin_splints",
    "lymphangitis",
    "meralgia_paresthetica",
    "piriformis_syndrome",
    "diabetic_foot",
    "heart_or_kidney_swelling",
    # Each of these has a form that needs a doctor but not an ambulance, so it is scored; the red flags still
    # name it when it is an emergency.
    "compartment_syndrome",
    "septic_arthritis",
    "bone_tumor",
    "hip_fracture",
)
# Causes only ever named by an emergency outcome; the engine never scores them.
EMERGENCY_CAUSE_KEYS: Final[tuple[str, ...]] = (
    "pulmonary_embolism",
    "cauda_equina_syndrome",
    "acute_limb_ischemia",
    "necrotizing_fasciitis",
)
ALL_CAUSE_KEYS: Final[tuple[str, ...]] = CAUSE_KEYS + EMERGENCY_CAUSE_KEYS


def urgency_rank(urgency: str) -> int:
    """0 for the most urgent; a higher number is less urgent. Raises ValueError for an unknown urgency."""
    return URGENCIES.index(urgency)


def most_urgent(*urgencies: str) -> str:
    """The most urgent of the given urgencies."""
    return min(urgencies, key=urgency_rank)
