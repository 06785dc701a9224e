from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from triage import flow, storage
from triage.answers import AnswersError, parse_answers
from triage.engine import assess
from triage.evidence import saved_evidence
from triage.forms import StepForm
from triage.services import linked_causes, personalise

# Every self-check page is personal: never cached by a browser, a proxy or the site. The same views serve the
# self-check on this site and embedded in a clinic's page; `_url` keeps each within its own address space.


def _url(request, name, **kwargs):
    return reverse(f"triage:{name}", kwargs=kwargs or None, current_app=request.resolver_match.namespace)


def _go(request, name, **kwargs):
    return HttpResponseRedirect(_url(request, name, **kwargs))


@require_safe
@never_cache
def start(request):
    context = {
        "has_answers": bool(storage.read_answers(request)),
        "standalone_url": reverse("triage:start"),
        "step_count": len(flow.STEPS),
    }
    return render(request, "triage/start.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def step(request, slug):
    step = flow.STEPS_BY_SLUG.get(slug)
    if step is None:
        raise Http404("No such question")
    answers = storage.read_answers(request)
    if step.number > 1 and flow.has_red_flag(answers):
        return _go(request, "emergency")
    missing = flow.first_unanswered(answers)
    if missing is not None and missing.number < step.number:
        return _go(request, "step", slug=missing.slug)
    changing = request.GET.get("change") == "1"
    if request.method == "POST":
        form = StepForm(step, request.POST)
        if form.is_valid():
            answers.update(form.cleaned_data)
            response = HttpResponseRedirect(_next_url(request, step, answers, changing))
            storage.write_answers(request, response, answers)
            return response
    else:
        form = StepForm(step, initial={key: answers[key] for key in step.keys if key in answers})
    context = {
        "step": step,
        "form": form,
        "step_count": len(flow.STEPS),
        "back_url": _back_url(request, step, changing),
    }
    return render(request, "triage/question.html", context, status=400 if form.errors else 200)


def _next_url(request, step, answers, changing):
    if flow.has_red_flag(answers):
        return _url(request, "emergency")
    following = flow.first_unanswered(answers) if changing else flow.step_after(step)
    if following is None:
        return _url(request, "check")
    return _url(request, "step", slug=following.slug) + ("?change=1" if changing else "")


def _back_url(request, step, changing):
    if changing:
        return _url(request, "check")
    before = flow.step_before(step)
    return _url(request, "step", slug=before.slug) if before else _url(request, "start")


def _not_ready(request, answers):
    """Where to send someone who is not ready for their answers' summary: the emergency advice after a red flag,
    else the first question still unanswered; None when every question has an answer."""
    if flow.has_red_flag(answers):
        return _go(request, "emergency")
    missing = flow.first_unanswered(answers)
    return _go(request, "step", slug=missing.slug) if missing is not None else None


@require_safe
@never_cache
def check(request):
    answers = storage.read_answers(request)
    elsewhere = _not_ready(request, answers)
    if elsewhere:
        return elsewhere
    return render(request, "triage/check.html", {"rows": _summary_rows(request, answers)})


@require_safe
@never_cache
def result(request):
    answers = storage.read_answers(request)
    elsewhere = _not_ready(request, answers)
    if elsewhere:
        return elsewhere
    outcome = _assess(answers)
    if outcome is None:
        return _restart(request)
    return render(request, "triage/result.html", _outcome_context(request, outcome, answers))


@require_safe
@never_cache
def emergency(request):
    answers = storage.read_answers(request)
    if not flow.has_red_flag(answers):
        return _go(request, "start")
    outcome = _assess(answers)
    if outcome is None:
        return _restart(request)
    return render(request, "triage/emergency.html", _outcome_context(request, outcome, answers))


@require_safe
def evidence(request):
    data = saved_evidence()
    held_out = [row for row in data["sets"] if row["kind"] == "held_out"]
    tuned = [row for row in data["sets"] if row["kind"] == "tuned"]
    return render(request, "triage/evidence.html", {"held_out": held_out, "tuned": tuned, **data})


@require_POST
def clear(request):
    response = _go(request, "start")
    storage.clear_answers(request, response)
    messages.success(request, "Your answers have been cleared.")
    return response


def _assess(answers):
    try:
        return assess(parse_answers(answers))
    except AnswersError:
        return None


def _restart(request):
    """Answers saved by an older version of the questions no longer fit: start again rather than guess."""
    response = _go(request, "start")
    storage.clear_answers(request, response)
    return response


def _outcome_context(request, outcome, answers):
    # A clinic that shared the link replaces "your doctor", except in an emergency.
    clinic = getattr(request, "clinic", None) if outcome.urgency != "emergency" else None

    def words(text):
        return personalise(text, clinic)

    return {
        "outcome": outcome,
        "headline": words(outcome.headline),
        "advice": words(outcome.advice),
        "next_steps": [words(text) for text in outcome.next_steps],
        "warning_signs": outcome.warning_signs,
        "disclaimer": words(outcome.disclaimer),
        "causes": linked_causes(outcome),
        "rows": _summary_rows(request, answers),
        "today": timezone.localdate(),
        "red_flags": answers.get("red_flags", []),
        "contact_clinic": clinic,
    }


def _summary_rows(request, answers):
    """Each question with the patient's answer in their words, for check-answers and the printed summary."""
    rows = []
    for step in flow.STEPS:
        for text in step.questions:
            if text.key not in answers:
                continue
            chosen = answers[text.key]
            values = chosen if isinstance(chosen, list) else [chosen]
            rows.append(
                {
                    "key": text.key,
                    "label": text.summary_label,
                    "answers": [text.label_for(value) for value in values if value in text.question.options],
                    "change_url": _url(request, "step", slug=step.slug) + "?change=1",
                }
            )
    return rows
