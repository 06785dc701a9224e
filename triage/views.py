from functools import wraps

from django.contrib import messages
from django.core.cache import caches
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from education.page_cache import page_key
from triage import flow, form_state, storage
from triage.answers import AnswersError, parse_answers
from triage.engine import assess
from triage.evidence import saved_evidence
from triage.forms import StepForm
from triage.services import linked_causes, personalise

# Every self-check page is personal: never cached by a browser, a proxy or the site. The same views serve the
# self-check on this site and embedded in a clinic's page; `_url` keeps each within its own address space. On this
# site the answers live in a cookie and each answer is followed by a redirect. Inside a clinic's page they travel
# in the forms (`triage.form_state`), so moving on means showing the next page in reply to the form, and every link
# between pages is a small form that carries them.

NAVIGATE = "navigate"  # posted by those links: show the page, the answers are unchanged
FORM_KEY_SLOT = "form-key-goes-here"  # where each patient's own CSRF token or signed answers go


def _url(request, name, **kwargs):
    return reverse(f"triage:{name}", kwargs=kwargs or None, current_app=request.resolver_match.namespace)


def _page(view):
    """A page shown by GET; inside a clinic's page, where the answers come by POST, a POST shows it too."""

    @wraps(view)
    def page(request, *args, **kwargs):
        allowed = ["GET", "HEAD", "POST"] if request.embedded else ["GET", "HEAD"]
        if request.method not in allowed:
            return HttpResponseNotAllowed(allowed)
        return view(request, *args, **kwargs)

    return never_cache(page)


def _render(request, template, context, answers, status=200):
    if request.embedded:
        context["state"] = form_state.token_for(request, answers)
    return render(request, template, context, status=status)


def _go(request, answers, name, slug=None, *, changing=False, save=False):
    """Take the patient to another page: a redirect (saving the answers when they changed), or inside a clinic's
    page, where the answers came with a form, the page itself."""
    if request.embedded and request.method == "POST":
        if slug is not None:
            return _show_step(request, flow.STEPS_BY_SLUG[slug], answers, changing)
        return _SHOW[name](request, answers)
    url = _url(request, name, slug=slug) if slug else _url(request, name)
    response = HttpResponseRedirect(url + ("?change=1" if changing else ""))
    if save:
        storage.write_answers(response, answers)
    return response


@_page
def start(request):
    return _show_start(request, storage.read_answers(request))


def _show_start(request, answers):
    context = {
        "has_answers": bool(answers),
        "standalone_url": reverse("triage:start"),
        "step_count": len(flow.STEPS),
    }
    return _render(request, "triage/start.html", context, answers)


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def step(request, slug):
    step = flow.STEPS_BY_SLUG.get(slug)
    if step is None:
        raise Http404("No such question")
    answers = storage.read_answers(request)
    changing = "1" in (request.GET.get("change"), request.POST.get("change"))
    if request.method == "POST" and NAVIGATE not in request.POST:
        form = StepForm(step, request.POST)
        if form.is_valid() and _elsewhere(request, step, answers) is None:
            answers.update(form.cleaned_data)
            return _next(request, step, answers, changing)
        return _show_step(request, step, answers, changing, form)
    return _show_step(request, step, answers, changing)


def _show_step(request, step, answers, changing=False, form=None):
    elsewhere = _elsewhere(request, step, answers)
    if elsewhere:
        return elsewhere
    if form is None and not answers:
        return _first_visit(request, step)
    if form is None:
        form = StepForm(step, initial={key: answers[key] for key in step.keys if key in answers})
    return _render(request, "triage/question.html", _step_context(request, step, form, changing), answers,
                   status=400 if form.errors else 200)  # fmt: skip


def _first_visit(request, step):
    """A question as every patient sees it before answering anything (in practice the first one: the others need
    answers), rendered once per worker; only the form's token (or inside a clinic's page, its signed empty
    answers) differs from one patient to the next."""
    key = page_key(request, getattr(request, "clinic", None), kind="first-visit")
    html = caches["pages"].get(key)
    if html is None:
        context = _step_context(request, step, StepForm(step), changing=False)
        html = render_to_string(
            "triage/question.html", {**context, "csrf_token": FORM_KEY_SLOT, "state": FORM_KEY_SLOT}, request
        )
        caches["pages"].set(key, html, 60 * 60)
    token = form_state.token_for(request, {}) if request.embedded else get_token(request)
    return HttpResponse(html.replace(FORM_KEY_SLOT, token))


def _step_context(request, step, form, changing):
    return {
        "step": step,
        "form": form,
        "step_count": len(flow.STEPS),
        "action": _url(request, "step", slug=step.slug),
        "changing": changing,
        "back_url": _back_url(request, step, changing),
    }


def _elsewhere(request, step, answers):
    """Where to send someone who cannot answer this page yet: the emergency advice once a red flag is ticked, or
    the first question they skipped. None when this page is theirs to answer."""
    return _not_before(request, answers, step.number)


def _not_ready(request, answers):
    """Where to send someone who is not ready for their answers' summary: the emergency advice after a red flag,
    else the first question still unanswered; None when every question has an answer."""
    return _not_before(request, answers, len(flow.STEPS) + 1)


def _not_before(request, answers, page_number):
    """The page to show instead of page `page_number` (the summary counts as the page after the last question)."""
    if page_number > 1 and flow.has_red_flag(answers):
        return _go(request, answers, "emergency")
    missing = flow.first_unanswered(answers)
    if missing is not None and missing.number < page_number:
        return _go(request, answers, "step", missing.slug)
    return None


def _next(request, step, answers, changing):
    if flow.has_red_flag(answers):
        return _go(request, answers, "emergency", save=True)
    following = flow.first_unanswered(answers) if changing else flow.step_after(step)
    if following is None:
        return _go(request, answers, "check", save=True)
    return _go(request, answers, "step", following.slug, changing=changing, save=True)


def _back_url(request, step, changing):
    if changing:
        return _url(request, "check")
    before = flow.step_before(step)
    return _url(request, "step", slug=before.slug) if before else _url(request, "start")


@_page
def check(request):
    return _show_check(request, storage.read_answers(request))


def _show_check(request, answers):
    elsewhere = _not_ready(request, answers)
    if elsewhere:
        return elsewhere
    context = {"rows": _summary_rows(request, answers), "back_url": _url(request, "step", slug=flow.STEPS[-1].slug)}
    return _render(request, "triage/check.html", context, answers)


@_page
def result(request):
    return _show_result(request, storage.read_answers(request))


def _show_result(request, answers):
    elsewhere = _not_ready(request, answers)
    if elsewhere:
        return elsewhere
    outcome = _assess(answers)
    if outcome is None:
        return _restart(request)
    return _render(request, "triage/result.html", _outcome_context(request, outcome, answers), answers)


@_page
def emergency(request):
    return _show_emergency(request, storage.read_answers(request))


def _show_emergency(request, answers):
    if not flow.has_red_flag(answers):
        return _go(request, answers, "start")
    outcome = _assess(answers)
    if outcome is None:
        return _restart(request)
    return _render(request, "triage/emergency.html", _outcome_context(request, outcome, answers), answers)


_SHOW = {"start": _show_start, "check": _show_check, "result": _show_result, "emergency": _show_emergency}


@require_safe
def evidence(request):
    data = saved_evidence()
    held_out = [row for row in data["sets"] if row["kind"] == "held_out"]
    tuned = [row for row in data["sets"] if row["kind"] == "tuned"]
    return render(request, "triage/evidence.html", {"held_out": held_out, "tuned": tuned, **data})


@require_POST
def clear(request):
    messages.success(request, _("Your answers have been cleared."))
    return _restart(request)


def _assess(answers):
    try:
        return assess(parse_answers(answers))
    except AnswersError:
        return None


def _restart(request):
    """Forget the answers and go back to the start; also for answers from an older version of the questions,
    which no longer fit: starting again is safer than guessing."""
    response = _go(request, {}, "start")
    if not request.embedded:
        storage.clear_answers(response)
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
        "start": _known(answers.get("start_location")),
        "spread": _known(answers.get("spread")),
        "contact_clinic": clinic,
    }


def _known(answer):
    """An answer the picture can show: not a missing one, and not "I'm not sure"."""
    return answer if isinstance(answer, str) and answer != "not_sure" else ""


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
                    "change_url": _url(request, "step", slug=step.slug),
                }
            )
    return rows
