from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from triage import flow, storage
from triage.answers import AnswersError, parse_answers
from triage.engine import assess
from triage.forms import StepForm
from triage.services import linked_causes, with_number

# Every self-check page is personal: never cached by a browser, a proxy or the site.


@require_safe
@never_cache
def start(request):
    return render(request, "triage/start.html", {"has_answers": bool(storage.read_answers(request))})


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def step(request, slug):
    step = flow.STEPS_BY_SLUG.get(slug)
    if step is None:
        raise Http404("No such question")
    answers = storage.read_answers(request)
    if step.number > 1 and flow.has_red_flag(answers):
        return redirect("triage:emergency")
    missing = flow.first_unanswered(answers)
    if missing is not None and missing.number < step.number:
        return redirect("triage:step", slug=missing.slug)
    changing = request.GET.get("change") == "1"
    if request.method == "POST":
        form = StepForm(step, request.POST)
        if form.is_valid():
            answers.update(form.cleaned_data)
            response = redirect(_next_url(step, answers, changing))
            storage.write_answers(response, answers)
            return response
    else:
        form = StepForm(step, initial={key: answers[key] for key in step.keys if key in answers})
    context = {
        "step": step,
        "form": form,
        "step_count": len(flow.STEPS),
        "back_url": _back_url(step, changing),
    }
    return render(request, "triage/question.html", context, status=400 if form.errors else 200)


def _next_url(step, answers, changing):
    if flow.has_red_flag(answers):
        return reverse("triage:emergency")
    following = flow.first_unanswered(answers) if changing else flow.step_after(step)
    if following is None:
        return reverse("triage:check")
    return reverse("triage:step", kwargs={"slug": following.slug}) + ("?change=1" if changing else "")


def _back_url(step, changing):
    if changing:
        return reverse("triage:check")
    before = flow.step_before(step)
    return reverse("triage:step", kwargs={"slug": before.slug}) if before else reverse("triage:start")


@require_safe
@never_cache
def check(request):
    answers = storage.read_answers(request)
    if flow.has_red_flag(answers):
        return redirect("triage:emergency")
    missing = flow.first_unanswered(answers)
    if missing is not None:
        return redirect("triage:step", slug=missing.slug)
    return render(request, "triage/check.html", {"rows": _summary_rows(answers)})


@require_safe
@never_cache
def result(request):
    answers = storage.read_answers(request)
    if flow.has_red_flag(answers):
        return redirect("triage:emergency")
    missing = flow.first_unanswered(answers)
    if missing is not None:
        return redirect("triage:step", slug=missing.slug)
    outcome = _assess(answers)
    if outcome is None:
        return _restart(request)
    return render(request, "triage/result.html", _outcome_context(outcome, answers))


@require_safe
@never_cache
def emergency(request):
    answers = storage.read_answers(request)
    if not flow.has_red_flag(answers):
        return redirect("triage:start")
    outcome = _assess(answers)
    if outcome is None:
        return _restart(request)
    return render(request, "triage/emergency.html", _outcome_context(outcome, answers))


@require_POST
def clear(request):
    response = redirect("triage:start")
    storage.clear_answers(response)
    messages.success(request, "Your answers have been cleared.")
    return response


def _assess(answers):
    try:
        return assess(parse_answers(answers))
    except AnswersError:
        return None


def _restart(request):
    """Answers saved by an older version of the questions no longer fit: start again rather than guess."""
    response = redirect("triage:start")
    storage.clear_answers(response)
    return response


def _outcome_context(outcome, answers):
    return {
        "outcome": outcome,
        "headline": with_number(outcome.headline),
        "advice": with_number(outcome.advice),
        "next_steps": [with_number(text) for text in outcome.next_steps],
        "warning_signs": [with_number(text) for text in outcome.warning_signs],
        "disclaimer": with_number(outcome.disclaimer),
        "causes": linked_causes(outcome),
        "rows": _summary_rows(answers),
        "today": timezone.localdate(),
        "red_flags": answers.get("red_flags", []),
    }


def _summary_rows(answers):
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
                    "change_url": reverse("triage:step", kwargs={"slug": step.slug}) + "?change=1",
                }
            )
    return rows
