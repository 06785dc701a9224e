"""The example answer sets the tests and tools share give the outcomes their names promise."""

import pytest

from triage.answers import parse_answers
from triage.engine import assess
from triage.examples import BY_URGENCY, DIABETIC_NEUROPATHY, SCIATICA_AFTER_LIFTING


@pytest.mark.parametrize(("urgency", "answers"), BY_URGENCY.items())
def test_each_example_gives_its_urgency(urgency, answers):
    assert assess(parse_answers(answers)).urgency == urgency


def test_the_named_causes_come_first():
    assert assess(parse_answers(DIABETIC_NEUROPATHY)).causes[0].key == "peripheral_neuropathy"
    assert assess(parse_answers(SCIATICA_AFTER_LIFTING)).causes[0].key in {"sciatica", "herniated_disc"}
