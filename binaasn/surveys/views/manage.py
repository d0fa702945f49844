"""Building questionnaires: list, create, edit, copy, sections and questions, publish, close."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaasn.core.exports import wants_xlsx, xlsx_response
from binaasn.core.permissions import role_required

from .. import queries, services
from ..forms import CopyForm, QuestionForm, QuestionnaireFilterForm, QuestionnaireForm, SectionForm
from ..models import Question, Section
from .common import (
    attach_errors,
    base_url,
    managed_questionnaire,
    show_errors,
    to_detail,
    visible_questionnaire,
)

MANAGERS = ("admin", "operator")
READERS = ("admin", "operator", "leader")


@role_required(*READERS)
def questionnaire_list(request, agency):
    form = QuestionnaireFilterForm(request.GET or None)
    questionnaires = form.filter(queries.questionnaire_list(request.agency, request.membership))
    if wants_xlsx(request):
        rows = (
            (
                q.title,
                _("Template") if q.is_template else _("Questionnaire"),
                q.get_purpose_display(),
                q.get_status_display(),
                _("Yes") if q.is_anonymous else _("No"),
                q.owner_unit.name if q.owner_unit else "",
                q.opens_on,
                q.closes_on,
                q.question_count,
                q.invited_count,
                q.answered_count,
                q.response_count,
            )
            for q in questionnaires
        )
        headers = [
            _("Title"), _("Kind"), _("Purpose"), _("Status"), _("Anonymous"), _("Owner unit"),
            _("Open date"), _("Close date"), _("Questions"), _("Invited"), _("Answered"),
            _("Responses"),
        ]  # fmt: skip
        return xlsx_response("kuesioner", headers, rows, title=_("Questionnaires"))
    page = Paginator(questionnaires, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/questionnaire_list.html",
        {"form": form, "page_obj": page, "can_create": request.membership.role in MANAGERS},
    )


@role_required(*MANAGERS)
def questionnaire_create(request, agency):
    form = QuestionnaireForm(
        request.POST or None, agency=request.agency, membership=request.membership
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            questionnaire = services.create_questionnaire(request.agency, by=request.user, **data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Questionnaire created. Now add its questions."))
            return to_detail(request, questionnaire)
    return render(request, "surveys/questionnaire_form.html", {"form": form})


@role_required(*READERS)
def questionnaire_detail(request, agency, pk):
    questionnaire = visible_questionnaire(request, pk)
    return render(
        request, "surveys/questionnaire_detail.html", _detail_context(request, questionnaire)
    )


def _detail_context(request, questionnaire):
    sections = list(questionnaire.sections.order_by("position", "pk"))
    questions = services.ordered_questions(questionnaire)
    by_section = {section.pk: [] for section in sections}
    for number, question in enumerate(questions, start=1):
        question.number = number
        by_section[question.section_id].append(question)
    for section in sections:
        section.question_list = by_section[section.pk]
    can_manage = queries.can_manage(request.membership, questionnaire)
    return {
        "questionnaire": questionnaire,
        "sections": sections,
        "question_count": len(questions),
        "can_manage": can_manage,
        "can_edit_questions": can_manage and questionnaire.is_draft,
        "invited": questionnaire.invitations.count(),
        "answered": questionnaire.invitations.answered().count(),
        "responses": questionnaire.responses.count(),
        "public_url": request.build_absolute_uri(
            reverse(
                "surveys_public:link-respond",
                kwargs={"public_agency": request.agency.slug, "code": questionnaire.link_code},
            )
        )
        if questionnaire.link_code
        else "",
    }


@role_required(*MANAGERS)
def questionnaire_edit(request, agency, pk):
    questionnaire = managed_questionnaire(request, pk)
    form = QuestionnaireForm(
        request.POST or None,
        instance=questionnaire,
        agency=request.agency,
        membership=request.membership,
    )
    if request.method == "POST" and form.is_valid():
        changes = {
            name: form.cleaned_data[name]
            for name in form.Meta.fields
            if not form.fields[name].disabled
        }
        questionnaire.refresh_from_db()
        try:
            services.update_questionnaire(questionnaire, by=request.user, **changes)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Questionnaire saved."))
            return to_detail(request, questionnaire)
    return render(
        request, "surveys/questionnaire_form.html", {"form": form, "questionnaire": questionnaire}
    )


@role_required(*MANAGERS)
def questionnaire_copy(request, agency, pk):
    source = visible_questionnaire(request, pk)
    form = CopyForm(
        request.POST or None,
        initial={"title": _("Copy of %(title)s") % {"title": source.title}},
    )
    if request.method == "POST" and form.is_valid():
        membership = request.membership
        owner = membership.unit if membership.role == "operator" else source.owner_unit
        copy = services.copy_questionnaire(
            source,
            title=form.cleaned_data["title"],
            is_template=form.cleaned_data["is_template"],
            owner_unit=owner,
            by=request.user,
        )
        messages.success(request, _("Copy made. It is a draft you can change."))
        return to_detail(request, copy)
    return render(request, "surveys/copy_form.html", {"form": form, "questionnaire": source})


@require_POST
@role_required(*MANAGERS)
def questionnaire_delete(request, agency, pk):
    questionnaire = managed_questionnaire(request, pk)
    try:
        services.delete_questionnaire(questionnaire, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
        return to_detail(request, questionnaire)
    messages.success(request, _("Questionnaire deleted."))
    return redirect("surveys:questionnaire-list", agency=request.agency.slug)


@require_POST
@role_required(*MANAGERS)
def questionnaire_publish(request, agency, pk):
    questionnaire = managed_questionnaire(request, pk)
    try:
        services.publish(questionnaire, by=request.user, base_url=base_url(request))
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("The questionnaire is open for responses."))
    return to_detail(request, questionnaire)


@require_POST
@role_required(*MANAGERS)
def questionnaire_close(request, agency, pk):
    questionnaire = managed_questionnaire(request, pk)
    try:
        services.close(questionnaire, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("The questionnaire is closed."))
    return to_detail(request, questionnaire)


@require_POST
@role_required(*MANAGERS)
def link_open(request, agency, pk):
    questionnaire = managed_questionnaire(request, pk)
    try:
        services.open_link(questionnaire, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Anyone with the public link can now answer anonymously."))
    return to_detail(request, questionnaire, "public-link")


@require_POST
@role_required(*MANAGERS)
def link_close(request, agency, pk):
    questionnaire = managed_questionnaire(request, pk)
    services.close_link(questionnaire, by=request.user)
    messages.success(request, _("The public link no longer works."))
    return to_detail(request, questionnaire, "public-link")


# Sections ----------------------------------------------------------------------------------


@role_required(*MANAGERS)
def section_create(request, agency, pk):
    questionnaire = managed_questionnaire(request, pk)
    form = SectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_section(questionnaire, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Section added."))
            return to_detail(request, questionnaire, "questions")
    return render(
        request, "surveys/section_form.html", {"form": form, "questionnaire": questionnaire}
    )


@role_required(*MANAGERS)
def section_edit(request, agency, pk, section_pk):
    questionnaire = managed_questionnaire(request, pk)
    section = get_object_or_404(
        Section.objects.for_agency(request.agency), pk=section_pk, questionnaire=questionnaire
    )
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_section(section, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Section saved."))
            return to_detail(request, questionnaire, "questions")
    return render(
        request,
        "surveys/section_form.html",
        {"form": form, "questionnaire": questionnaire, "section": section},
    )


@require_POST
@role_required(*MANAGERS)
def section_delete(request, agency, pk, section_pk):
    questionnaire = managed_questionnaire(request, pk)
    section = get_object_or_404(
        Section.objects.for_agency(request.agency), pk=section_pk, questionnaire=questionnaire
    )
    try:
        services.delete_section(section, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Section deleted with its questions."))
    return to_detail(request, questionnaire, "questions")


# Questions ---------------------------------------------------------------------------------


def _question_of(request, questionnaire, question_pk):
    return get_object_or_404(
        Question.objects.for_agency(request.agency).select_related("section"),
        pk=question_pk,
        questionnaire=questionnaire,
    )


@role_required(*MANAGERS)
def question_create(request, agency, pk):
    questionnaire = managed_questionnaire(request, pk)
    initial = {"section": request.GET.get("section"), "kind": request.GET.get("kind", "likert")}
    form = QuestionForm(request.POST or None, questionnaire=questionnaire, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            question = services.add_question(
                questionnaire, by=request.user, **form.service_values()
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Question added."))
            return to_detail(request, questionnaire, f"question-{question.pk}")
    return render(
        request, "surveys/question_form.html", {"form": form, "questionnaire": questionnaire}
    )


@role_required(*MANAGERS)
def question_edit(request, agency, pk, question_pk):
    questionnaire = managed_questionnaire(request, pk)
    question = _question_of(request, questionnaire, question_pk)
    form = QuestionForm(request.POST or None, instance=question, questionnaire=questionnaire)
    if request.method == "POST" and form.is_valid():
        question.refresh_from_db()
        try:
            services.update_question(question, by=request.user, **form.service_values())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Question saved."))
            return to_detail(request, questionnaire, f"question-{question.pk}")
    return render(
        request,
        "surveys/question_form.html",
        {"form": form, "questionnaire": questionnaire, "question": question},
    )


@require_POST
@role_required(*MANAGERS)
def question_delete(request, agency, pk, question_pk):
    questionnaire = managed_questionnaire(request, pk)
    question = _question_of(request, questionnaire, question_pk)
    try:
        services.delete_question(question, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Question deleted."))
    return to_detail(request, questionnaire, "questions")


@require_POST
@role_required(*MANAGERS)
def question_move(request, agency, pk, question_pk):
    """Move a question up or down; htmx swaps the question list, without JS the page reloads."""
    questionnaire = managed_questionnaire(request, pk)
    question = _question_of(request, questionnaire, question_pk)
    offset = -1 if request.POST.get("direction") == "up" else 1
    try:
        services.move_question(question, offset, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    if request.htmx:
        return render(
            request, "surveys/_question_list.html", _detail_context(request, questionnaire)
        )
    return to_detail(request, questionnaire, f"question-{question.pk}")
