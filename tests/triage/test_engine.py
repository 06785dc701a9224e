"""The engine's selection and ordering, on a small made-up rule table that knows no medicine.

The real clinical table is tested through the vignettes; here every rule is invented, so a test fails only when
the engine's logic changes.
"""

from __future__ import annotations

import dataclasses
import datetime
from types import MappingProxyType

import pytest

from triage.answers import Answers, parse_answers
from triage.engine import Outcome, assess, rank
from triage.ruletable import (
    ALWAYS,
    AllOf,
    AnyOf,
    Cause,
    Condition,
    EmergencyCause,
    Feature,
    Is,
    NothingFits,
    OutcomeText,
    RedFlagRule,
    RuleTable,
    SignGroup,
    Source,
    UrgencyRule,
    WarningSign,
)

SOURCE = Source("book", "A textbook", "https://example.org/book")
SIGN = WarningSign("breathless", "emergency", "you are short of breath", SOURCE, ())
SIGN_GROUPS = (SignGroup("emergency", (SIGN,)),)


def when(*predicates: Is | AnyOf | AllOf) -> Condition:
    return Condition(predicates)


def feature(condition: Condition, weight: int, reason: str = "") -> Feature:
    return Feature(condition, weight, reason or f"reason {weight}", SOURCE)


def rule(condition: Condition, urgency: str, reason: str) -> UrgencyRule:
    return UrgencyRule(condition, urgency, reason, SOURCE)


def cause(key: str, *features: Feature, default: str = "self_care", rules: tuple[UrgencyRule, ...] = ()) -> Cause:
    return Cause(
        key=key,
        title=key.title(),
        source=SOURCE,
        features=features,
        default_urgency=rule(ALWAYS, default, f"{key} default"),
        urgency_rules=rules,
    )


def table(
    *causes: Cause,
    red_flags: tuple[RedFlagRule, ...] = (),
    urgency_rules: tuple[UrgencyRule, ...] = (),
    max_shown: int = 3,
) -> RuleTable:
    return RuleTable(
        version=1,
        last_reviewed=datetime.date(2026, 1, 1),
        review_due=datetime.date(2027, 1, 1),
        plausible_from=5,
        max_shown=max_shown,
        sources=MappingProxyType({"book": SOURCE}),
        red_flags=red_flags,
        emergency_causes=MappingProxyType({"clot_in_lung": EmergencyCause("clot_in_lung", "Clot in lung", SOURCE)}),
        causes=causes,
        urgency_rules=urgency_rules,
        nothing_fits=NothingFits("soon", "Nothing fits.", "nothing-fits floor", SOURCE),
        outcomes=MappingProxyType(
            {
                urgency: OutcomeText(
                    f"{urgency} headline", f"{urgency} advice {{emergency_number}}", ("step",), SIGN_GROUPS
                )
                for urgency in ("emergency", "urgent", "soon", "self_care")
            }
        ),
        disclaimer="Not a diagnosis.",
        warning_signs=MappingProxyType({SIGN.key: SIGN}),
    )


def answers(**data: object) -> Answers:
    return parse_answers({"red_flags": ["none"], **data})


BOTH_LEGS = when(Is("legs", "both"))
ONE_LEG = when(Is("legs", "one"))
BURNING = when(Is("sensations", "burning"))
FEVER = when(Is("signs", "fever"))


# Predicates -------------------------------------------------------------------------------------------------


def test_is_holds_when_a_one_kind_answer_equals_the_option() -> None:
    assert Is("legs", "both").holds(answers(legs="both"))
    assert not Is("legs", "both").holds(answers(legs="one"))


def test_is_holds_when_a_several_kind_answer_includes_the_option() -> None:
    assert Is("sensations", "burning").holds(answers(sensations=["burning", "numbness"]))
    assert not Is("sensations", "burning").holds(answers(sensations=["numbness"]))


def test_any_of_holds_when_at_least_one_option_was_chosen() -> None:
    predicate = AnyOf("sensations", frozenset({"burning", "cramping"}))
    assert predicate.holds(answers(sensations=["cramping", "numbness"]))
    assert not predicate.holds(answers(sensations=["numbness"]))
    assert AnyOf("onset", frozenset({"days", "sudden"})).holds(answers(onset="days"))
    assert not AnyOf("onset", frozenset({"days", "sudden"})).holds(answers(onset="months"))


def test_all_of_holds_only_when_every_option_was_chosen() -> None:
    predicate = AllOf("signs", frozenset({"warm_skin", "fever"}))
    assert predicate.holds(answers(signs=["warm_skin", "fever", "calf_swelling"]))
    assert not predicate.holds(answers(signs=["warm_skin"]))


@pytest.mark.parametrize(
    "predicate",
    [Is("legs", "both"), AnyOf("signs", frozenset({"fever"})), AllOf("signs", frozenset({"fever"}))],
    ids=["is", "any_of", "all_of"],
)
def test_no_predicate_holds_for_a_question_left_out(predicate: Is | AnyOf | AllOf) -> None:
    assert not predicate.holds(answers())


def test_a_condition_needs_every_predicate() -> None:
    condition = when(Is("legs", "both"), Is("onset", "days"))
    assert condition.holds(answers(legs="both", onset="days"))
    assert not condition.holds(answers(legs="both", onset="months"))
    assert ALWAYS.holds(answers())


# Red flags --------------------------------------------------------------------------------------------------


def test_a_red_flag_ends_the_assessment_as_an_emergency() -> None:
    flags = (RedFlagRule(when(Is("red_flags", "chest_pain")), "clot_in_lung", "Chest pain.", SOURCE),)
    rules = table(cause("alpha", feature(BOTH_LEGS, 9)), red_flags=flags)
    outcome = assess(parse_answers({"red_flags": ["chest_pain"], "legs": "both"}), rules=rules)
    assert outcome.urgency == "emergency"
    assert outcome.is_emergency
    assert [c.key for c in outcome.causes] == ["clot_in_lung"]
    assert outcome.causes[0].reasons == ("Chest pain.",)
    assert outcome.urgency_reasons == ("Chest pain.",)
    assert outcome.headline == "emergency headline"


def test_red_flags_naming_the_same_cause_list_it_once_with_every_reason() -> None:
    flags = (
        RedFlagRule(when(Is("red_flags", "chest_pain")), "clot_in_lung", "Chest pain.", SOURCE),
        RedFlagRule(when(Is("red_flags", "coughing_blood")), "clot_in_lung", "Coughing blood.", SOURCE),
        RedFlagRule(when(Is("red_flags", "major_injury")), None, "Injury.", SOURCE),
    )
    outcome = assess(parse_answers({"red_flags": ["chest_pain", "coughing_blood"]}), rules=table(red_flags=flags))
    assert [c.key for c in outcome.causes] == ["clot_in_lung"]
    assert outcome.causes[0].reasons == ("Chest pain.", "Coughing blood.")


def test_a_red_flag_that_names_no_cause_still_gives_an_emergency() -> None:
    flags = (RedFlagRule(when(Is("red_flags", "major_injury")), None, "Injury.", SOURCE),)
    outcome = assess(parse_answers({"red_flags": ["major_injury"]}), rules=table(red_flags=flags))
    assert outcome.urgency == "emergency"
    assert outcome.causes == ()


def test_a_red_flag_can_name_an_ordinary_cause() -> None:
    flags = (RedFlagRule(when(Is("red_flags", "heavy_bleeding")), "alpha", "Bleeding.", SOURCE),)
    rules = table(cause("alpha", feature(BOTH_LEGS, 9)), red_flags=flags)
    outcome = assess(parse_answers({"red_flags": ["heavy_bleeding"]}), rules=rules)
    assert [(c.key, c.urgency) for c in outcome.causes] == [("alpha", "emergency")]


def test_a_combination_red_flag_fires_without_a_ticked_red_flag() -> None:
    flags = (RedFlagRule(when(Is("legs", "both"), Is("onset", "sudden")), None, "Both legs, suddenly.", SOURCE),)
    assert assess(answers(legs="both", onset="sudden"), rules=table(red_flags=flags)).is_emergency
    assert not assess(answers(legs="both", onset="months"), rules=table(red_flags=flags)).is_emergency


# Scoring and selection --------------------------------------------------------------------------------------


def test_a_score_adds_the_weights_of_every_feature_that_holds_including_negative_ones() -> None:
    alpha = cause("alpha", feature(BOTH_LEGS, 4), feature(BURNING, 3), feature(FEVER, -1))
    outcome = assess(answers(legs="both", sensations=["burning"], signs=["fever"]), rules=table(alpha))
    assert outcome.causes[0].score == 6


def test_reasons_are_the_supporting_features_strongest_first() -> None:
    alpha = cause(
        "alpha", feature(BURNING, 2, "burning"), feature(BOTH_LEGS, 4, "both legs"), feature(FEVER, -1, "fever")
    )
    outcome = assess(answers(legs="both", sensations=["burning"], signs=["fever"]), rules=table(alpha))
    assert outcome.causes[0].reasons == ("both legs", "burning")


def test_a_cause_below_the_plausible_score_is_not_shown() -> None:
    rules = table(cause("alpha", feature(BOTH_LEGS, 5)), cause("beta", feature(BOTH_LEGS, 4)))
    outcome = assess(answers(legs="both"), rules=rules)
    assert [c.key for c in outcome.causes] == ["alpha"]
    assert not outcome.nothing_fits
    assert outcome.note == ""


def test_when_nothing_fits_the_advice_is_the_nothing_fits_floor() -> None:
    rules = table(cause("alpha", feature(BOTH_LEGS, 4)))
    outcome = assess(answers(legs="both"), rules=rules)
    assert outcome.causes == ()
    assert outcome.nothing_fits
    assert outcome.urgency == "soon"
    assert outcome.note == "Nothing fits."
    assert outcome.urgency_reasons == ("nothing-fits floor",)


def test_causes_are_ranked_by_score() -> None:
    rules = table(cause("alpha", feature(BOTH_LEGS, 5)), cause("beta", feature(BOTH_LEGS, 7)))
    assert [c.key for c in assess(answers(legs="both"), rules=rules).causes] == ["beta", "alpha"]


def test_a_tie_goes_to_the_more_urgent_cause() -> None:
    rules = table(cause("alpha", feature(BOTH_LEGS, 6)), cause("beta", feature(BOTH_LEGS, 6), default="urgent"))
    assert [c.key for c in assess(answers(legs="both"), rules=rules).causes] == ["beta", "alpha"]


def test_a_tie_of_score_and_urgency_goes_to_the_cause_listed_first() -> None:
    rules = table(cause("beta", feature(BOTH_LEGS, 6)), cause("alpha", feature(BOTH_LEGS, 6)))
    assert [c.key for c in assess(answers(legs="both"), rules=rules).causes] == ["beta", "alpha"]


def test_rank_is_usable_on_its_own() -> None:
    rules = table(cause("alpha", feature(BOTH_LEGS, 6)), cause("beta", feature(BOTH_LEGS, 6), default="soon"))
    outcome = assess(answers(legs="both"), rules=rules)
    assert rank(tuple(reversed(outcome.causes)), rules) == outcome.causes


def test_at_most_max_shown_causes_are_shown() -> None:
    causes = [cause(key, feature(BOTH_LEGS, 9 - i)) for i, key in enumerate(("a", "b", "c", "d"))]
    outcome = assess(answers(legs="both"), rules=table(*causes, max_shown=2))
    assert [c.key for c in outcome.causes] == ["a", "b"]


# Urgency ----------------------------------------------------------------------------------------------------


def test_the_urgency_is_the_most_urgent_of_every_plausible_cause() -> None:
    likely = cause("likely", feature(BOTH_LEGS, 9))
    dangerous = cause("dangerous", feature(BOTH_LEGS, 5), default="urgent")
    outcome = assess(answers(legs="both"), rules=table(likely, dangerous))
    assert [c.key for c in outcome.causes] == ["likely", "dangerous"]
    assert outcome.urgency == "urgent"
    assert outcome.urgency_reasons == ("dangerous default",)


def test_a_plausible_cause_that_is_not_shown_still_raises_the_urgency() -> None:
    causes = [cause(key, feature(BOTH_LEGS, 9)) for key in ("a", "b")]
    hidden = cause("hidden", feature(BOTH_LEGS, 5), default="urgent")
    outcome = assess(answers(legs="both"), rules=table(*causes, hidden, max_shown=2))
    assert "hidden" not in [c.key for c in outcome.causes]
    assert outcome.urgency == "urgent"


def test_an_implausible_cause_does_not_raise_the_urgency() -> None:
    rules = table(cause("likely", feature(BOTH_LEGS, 9)), cause("unlikely", feature(BOTH_LEGS, 4), default="urgent"))
    assert assess(answers(legs="both"), rules=rules).urgency == "self_care"


def test_a_cause_urgency_rule_raises_the_urgency_only_when_it_holds() -> None:
    alpha = cause("alpha", feature(BOTH_LEGS, 9), rules=(rule(FEVER, "urgent", "fever"),))
    assert assess(answers(legs="both", signs=["fever"]), rules=table(alpha)).urgency == "urgent"
    assert assess(answers(legs="both"), rules=table(alpha)).urgency == "self_care"


def test_a_cause_urgency_rule_never_lowers_its_default() -> None:
    alpha = cause("alpha", feature(BOTH_LEGS, 9), default="urgent", rules=(rule(FEVER, "self_care", "fever"),))
    assert assess(answers(legs="both", signs=["fever"]), rules=table(alpha)).urgency == "urgent"


def test_a_general_rule_applies_whatever_the_cause() -> None:
    rules = table(cause("alpha", feature(BOTH_LEGS, 9)), urgency_rules=(rule(FEVER, "urgent", "fever"),))
    outcome = assess(answers(legs="both", signs=["fever"]), rules=rules)
    assert outcome.urgency == "urgent"
    assert outcome.urgency_reasons == ("fever",)


def test_a_general_rule_applies_when_nothing_fits_and_is_not_lowered_by_the_floor() -> None:
    rules = table(cause("alpha", feature(BOTH_LEGS, 9)), urgency_rules=(rule(FEVER, "urgent", "fever"),))
    outcome = assess(answers(signs=["fever"]), rules=rules)
    assert outcome.nothing_fits
    assert outcome.urgency == "urgent"


def test_only_the_reasons_that_set_the_urgency_are_given() -> None:
    alpha = cause("alpha", feature(BOTH_LEGS, 9), rules=(rule(BOTH_LEGS, "soon", "both legs"),))
    rules = table(alpha, urgency_rules=(rule(FEVER, "soon", "fever"), rule(BURNING, "self_care", "burning")))
    outcome = assess(answers(legs="both", signs=["fever"], sensations=["burning"]), rules=rules)
    assert outcome.urgency_reasons == ("both legs", "fever")


# The outcome ------------------------------------------------------------------------------------------------


def test_the_outcome_carries_the_texts_of_its_urgency_with_the_number_token_left_in() -> None:
    outcome = assess(answers(legs="both"), rules=table(cause("alpha", feature(BOTH_LEGS, 9), default="soon")))
    assert (outcome.headline, outcome.advice) == ("soon headline", "soon advice {emergency_number}")
    assert outcome.next_steps == ("step",)
    assert outcome.warning_signs == SIGN_GROUPS
    assert outcome.disclaimer == "Not a diagnosis."
    assert outcome.sources == (SOURCE,)


def test_the_outcome_cannot_be_changed() -> None:
    outcome: Outcome = assess(answers(legs="both"), rules=table(cause("alpha", feature(BOTH_LEGS, 9))))
    with pytest.raises(dataclasses.FrozenInstanceError):
        outcome.urgency = "emergency"  # type: ignore[misc]


def test_the_same_answers_always_give_the_same_outcome() -> None:
    rules = table(cause("alpha", feature(BOTH_LEGS, 6)), cause("beta", feature(ONE_LEG, 6)))
    assert assess(answers(legs="both"), rules=rules) == assess(answers(legs="both"), rules=rules)
