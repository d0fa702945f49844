"""Agency settings of training delivery: signatory and numbering of certificates, the path of
project-based learning, and the JP conversion rules per path code."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaasn.core.permissions import role_required

from .. import jp as jp_rules
from ..forms import PathRuleForm, SettingsForm
from ..models import PathRule
from ..services import settings as setting_services


@role_required("admin")
def settings_page(request, agency):
    row = setting_services.get_settings(request.agency)
    form = SettingsForm(request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        setting_services.save_settings(form.save(commit=False))
        messages.success(request, _("Settings saved."))
        return redirect("learning:settings", agency=agency)
    return render(
        request,
        "learning/settings.html",
        {
            "form": form,
            "rules": PathRule.objects.for_agency(request.agency),
            "minutes_per_jp": jp_rules.MINUTES_PER_JP,
        },
    )


@role_required("admin")
def path_rule_create(request, agency):
    rule = PathRule(agency=request.agency)
    form = PathRuleForm(request.POST or None, instance=rule, agency=request.agency)
    if request.method == "POST" and form.is_valid():
        setting_services.save_path_rule(form.save(commit=False))
        messages.success(request, _("JP rule saved."))
        return redirect("learning:settings", agency=agency)
    return render(request, "learning/path_rule_form.html", {"form": form})


@role_required("admin")
def path_rule_edit(request, agency, pk):
    rule = get_object_or_404(PathRule.objects.for_agency(request.agency), pk=pk)
    form = PathRuleForm(request.POST or None, instance=rule, agency=request.agency)
    if request.method == "POST" and form.is_valid():
        setting_services.save_path_rule(form.save(commit=False))
        messages.success(request, _("JP rule saved."))
        return redirect("learning:settings", agency=agency)
    return render(request, "learning/path_rule_form.html", {"form": form, "rule": rule})


@require_POST
@role_required("admin")
def path_rule_delete(request, agency, pk):
    rule = get_object_or_404(PathRule.objects.for_agency(request.agency), pk=pk)
    setting_services.delete_path_rule(rule)
    messages.success(request, _("JP rule deleted; that path now follows the minutes rule."))
    return redirect("learning:settings", agency=agency)
