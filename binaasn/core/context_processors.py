from django.urls import reverse
from django.utils.translation import gettext as _


def navigation(request):
    """The navigation of the current role in the current agency, and the agency switcher."""
    agency = getattr(request, "agency", None)
    membership = getattr(request, "membership", None)
    user = getattr(request, "user", None)
    context = {"agency": agency, "membership": membership, "nav_items": []}
    if user is not None and user.is_authenticated:
        from .models import Membership

        context["switch_memberships"] = (
            Membership.objects.filter(user=user, is_active=True, agency__is_active=True)
            .select_related("agency")
            .order_by("agency__name", "role")
        )
    if agency is None or membership is None:
        return context
    role = membership.role
    items = []

    def add(label, url_name, icon, roles):
        if role in roles:
            items.append(
                {
                    "label": label,
                    "url": reverse(url_name, kwargs={"agency": agency.slug}),
                    "icon": icon,
                }
            )

    add(
        _("Home"),
        "core:home-agency",
        "house",
        ("admin", "operator", "leader", "trainer", "employee"),
    )
    add(_("Employees"), "people:employee-list", "people", ("admin", "operator", "leader"))
    add(_("Org units"), "people:unit-list", "diagram-3", ("admin", "operator", "leader"))
    add(_("Positions"), "people:position-list", "briefcase", ("admin", "operator", "leader"))
    add(_("Import"), "people:import-start", "upload", ("admin",))
    add(_("Corrections"), "people:correction-list", "pencil-square", ("admin",))
    add(
        _("My profile"),
        "people:my-profile",
        "person-badge",
        ("employee", "operator", "trainer", "leader", "admin"),
    )
    add(
        _("Questionnaires"),
        "surveys:questionnaire-list",
        "ui-checks",
        ("admin", "operator", "leader"),
    )
    add(
        _("My questionnaires"),
        "surveys:my-questionnaires",
        "clipboard-check",
        ("admin", "operator", "leader", "trainer", "employee"),
    )
    add(
        _("Competencies"),
        "competencies:competency-list",
        "bar-chart-steps",
        ("admin", "operator", "leader", "trainer"),
    )
    add(_("My competencies"), "competencies:my-competencies", "person-lines-fill", ("employee",))
    add(_("Needs analysis"), "planning:campaign-list", "search", ("admin", "operator", "leader"))
    add(_("Development plan"), "planning:plan-list", "calendar3", ("admin", "operator", "leader"))
    add(
        _("Partners and speakers"),
        "planning:partner-list",
        "building",
        ("admin", "operator", "leader"),
    )
    add(
        _("Offerings"),
        "learning:offering-list",
        "easel",
        ("admin", "operator", "leader", "trainer"),
    )
    add(_("My sessions"), "learning:trainer-sessions", "calendar-check", ("trainer",))
    add(
        _("My learning"),
        "learning:my-learning",
        "mortarboard",
        ("admin", "operator", "leader", "trainer", "employee"),
    )
    add(_("Open offerings"), "learning:catalogue", "journal-plus", ("employee",))
    add(
        _("Training approvals"),
        "learning:approval-list",
        "person-check",
        ("admin", "operator", "employee"),
    )
    add(_("JP compliance"), "learning:compliance", "speedometer2", ("admin", "operator", "leader"))
    add(
        _("Learning records"),
        "learning:record-list",
        "journal-bookmark",
        ("admin", "operator", "leader"),
    )
    add(_("External learning"), "learning:external-list", "patch-check", ("admin", "operator"))
    add(_("Certificates"), "learning:certificate-list", "award", ("admin", "operator", "leader"))
    add(
        _("Mentoring"), "learning:mentorship-list", "person-hearts", ("admin", "operator", "leader")
    )
    add(
        _("Project-based learning"),
        "learning:project-list",
        "kanban",
        ("admin", "operator", "leader", "trainer"),
    )
    add(
        _("Internships"),
        "learning:internship-list",
        "building-check",
        ("admin", "operator", "leader"),
    )
    add(
        _("Community activities"),
        "learning:community-list",
        "heart",
        ("admin", "operator", "leader"),
    )
    add(_("Learning settings"), "learning:settings", "sliders", ("admin",))
    add(
        _("Notifications"),
        "learning:notification-list",
        "bell",
        ("admin", "operator", "leader", "trainer", "employee"),
    )
    add(_("SKM/IKM"), "citizens:ikm-agency", "emoji-smile", ("admin", "operator", "leader"))
    add(_("Service units"), "citizens:unit-list", "shop", ("admin", "operator", "leader"))
    add(_("Complaints"), "citizens:complaint-list", "megaphone", ("admin", "operator", "leader"))
    add(_("Dialogue forums"), "citizens:forum-list", "people-fill", ("admin", "operator", "leader"))
    add(_("Evaluation"), "evaluation:index", "clipboard-data", ("admin", "operator", "leader"))
    add(
        _("Plan evaluation"),
        "evaluation:plan-evaluation-list",
        "graph-up-arrow",
        ("admin", "operator", "leader"),
    )
    add(_("Speaker results"), "evaluation:speaker-results", "mic", ("admin", "operator", "leader"))
    add(_("Evaluation settings"), "evaluation:settings", "sliders2", ("admin",))
    add(
        _("Follow-up actions"),
        "actions:action-list",
        "check2-square",
        ("admin", "operator", "leader", "trainer", "employee"),
    )
    add(_("Users"), "core:membership-list", "person-gear", ("admin",))
    add(_("Audit"), "core:audit-list", "journal-text", ("admin",))
    add(_("Agency settings"), "core:agency-settings", "gear", ("admin",))
    context["nav_items"] = items
    return context
