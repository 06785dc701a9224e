"""The self-check's JSON API: `POST /api/v1/self-check/`, as the self-check contract describes it."""

import json

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django_ratelimit.decorators import ratelimit

from site_config.errors import json_errors
from site_config.languages import speaks_requested_language
from triage.answers import ALL_ERRORS, AnswersError, parse_answers
from triage.engine import assess
from triage.services import outcome_json

MAX_BODY_BYTES = 10 * 1024


# No cookies or sessions are read here, so there is no cross-site request to forge.
@csrf_exempt
@never_cache
@speaks_requested_language
@ratelimit(group="self-check-api", key="site_config.clients.ratelimit_key", rate=lambda g, r: settings.RATELIMIT_RATE)
def self_check(request):
    if request.method != "POST":
        return json_errors({ALL_ERRORS: ["Use POST with a JSON object of answers."]}, 405, {"Allow": "POST"})
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    body = request.read(MAX_BODY_BYTES + 1) if declared <= MAX_BODY_BYTES else b""
    if declared > MAX_BODY_BYTES or len(body) > MAX_BODY_BYTES:
        return json_errors({ALL_ERRORS: [f"The request body is too large. Send at most {MAX_BODY_BYTES} bytes."]}, 400)
    try:
        data = json.loads(body.decode("utf-8"))
    # A few kilobytes of nested brackets are enough to exhaust the decoder's recursion limit.
    except (UnicodeDecodeError, ValueError, RecursionError):
        return json_errors(
            {ALL_ERRORS: ['The body is not valid JSON. Send an object, for example {"red_flags": ["none"]}.']}, 400
        )
    try:
        answers = parse_answers(data)
    except AnswersError as error:
        return json_errors(error.errors, 400)
    return JsonResponse(outcome_json(assess(answers)))
