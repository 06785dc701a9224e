"""Walk the self-check the way a patient does: one page at a time, through HTTP."""

STEP_URLS = {
    "emergency-signs": "/self-check/questions/emergency-signs/",
    "where-it-started": "/self-check/questions/where-it-started/",
    "legs": "/self-check/questions/legs/",
    "how-it-feels": "/self-check/questions/how-it-feels/",
    "what-you-can-see": "/self-check/questions/what-you-can-see/",
    "what-makes-it-worse": "/self-check/questions/what-makes-it-worse/",
    "health": "/self-check/questions/health/",
    "when-it-started": "/self-check/questions/when-it-started/",
}
STEP_KEYS = {
    "emergency-signs": ["red_flags"],
    "where-it-started": ["start_location", "spread"],
    "legs": ["legs"],
    "how-it-feels": ["sensations"],
    "what-you-can-see": ["signs"],
    "what-makes-it-worse": ["triggers"],
    "health": ["risk_factors"],
    "when-it-started": ["onset", "age_band"],
}

NEUROPATHY = {
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


def answer_step(client, slug, answers):
    data = {key: answers[key] for key in STEP_KEYS[slug] if key in answers}
    return client.post(STEP_URLS[slug], data)


def walk(client, answers):
    """Answer every page in order; return the last response (a redirect to check-your-answers)."""
    response = None
    for slug in STEP_URLS:
        response = answer_step(client, slug, answers)
        assert response.status_code == 302, (slug, response.content.decode()[:2000])
        if response["Location"] == "/self-check/emergency/":
            break
    return response
