"""Filters of the employee and correction lists (django-filter).

Filters on related tables use ``IN (SELECT ...)`` on the employee's own foreign keys rather than
joins, so counting a filtered list of 100,000 employees stays a scan of one table and its indexes.
"""

import django_filters
from django import forms
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from . import ranks
from .models import CorrectionRequest, Employee, OrgUnit, Position
from .nip import clean_nip
from .services import CORRECTABLE_FIELDS

ACTIVE_CHOICES = [("active", _("Active")), ("inactive", _("Inactive")), ("all", _("All"))]
SORT_CHOICES = [
    ("name", _("Name (A–Z)")),
    ("-name", _("Name (Z–A)")),
    ("nip", _("NIP")),
    ("-nip", _("NIP, descending")),
    ("golongan", _("Golongan, lowest first")),
    ("-golongan", _("Golongan, highest first")),
    ("unit", _("Unit")),
    ("-unit", _("Unit, descending")),
]

# PNS ranks first (I/a … IV/e), then PPPK (I … XVII): the order a reader of a rank list expects.
_RANK_ORDER = Case(
    *[When(golongan=code, then=Value(i)) for i, (code, _name) in enumerate(ranks.PNS_RANKS, 1)],
    *[When(golongan=code, then=Value(100 + i)) for i, code in enumerate(ranks.PPPK_GOLONGAN, 1)],
    default=Value(0),
    output_field=IntegerField(),
)


# A province has thousands of units: above this many, the unit filter lists the top levels
# (the OPDs and the chosen unit) instead of every unit; deeper ones are reached from the unit tree.
UNIT_OPTIONS_LIMIT = 300
UNIT_OPTIONS_DEPTH = 1


def unit_options(units, membership, selected=None):
    """Choices of the unit filter, fetched in one query for all but the largest agencies."""
    fields = ("pk", "name", "depth")
    rows = list(units.order_by("path").values_list(*fields)[: UNIT_OPTIONS_LIMIT + 1])
    if len(rows) > UNIT_OPTIONS_LIMIT:
        base = membership.unit.depth if membership.role == "operator" and membership.unit_id else 0
        shown = Q(depth__lte=base + UNIT_OPTIONS_DEPTH)
        if selected and str(selected).isdigit():
            shown |= Q(pk=int(selected))
        rows = list(units.filter(shown).order_by("path").values_list(*fields))
    return [("", "---------")] + [(pk, "— " * depth + name) for pk, name, depth in rows]


def _select(**attrs):
    return forms.Select(attrs={"class": "form-select form-select-sm", **attrs})


class EmployeeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Name or NIP"),
        method="search",
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm", "type": "search"}),
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit (with the units below)"),
        queryset=OrgUnit.objects.none(),
        method="in_unit",
        widget=_select(),
    )
    golongan = django_filters.ChoiceFilter(
        label=_("Golongan"), choices=ranks.ALL_CHOICES, empty_label=_("All"), widget=_select()
    )
    position_type = django_filters.ChoiceFilter(
        label=_("Position type"),
        choices=Position.Type.choices,
        method="of_position_type",
        empty_label=_("All"),
        widget=_select(),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Employee.Status.choices, empty_label=_("All"), widget=_select()
    )
    education_level = django_filters.ChoiceFilter(
        label=_("Education"),
        choices=Employee.Education.choices,
        empty_label=_("All"),
        widget=_select(),
    )
    active = django_filters.ChoiceFilter(
        label=_("Active"),
        choices=ACTIVE_CHOICES,
        method="by_activity",
        empty_label=None,
        widget=_select(),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        method="sort_by",
        empty_label=None,
        widget=_select(),
    )

    class Meta:
        model = Employee
        fields = []

    def __init__(self, data=None, *args, agency, membership, **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("active", "active")
        data.setdefault("sort", "name")
        super().__init__(data, *args, **kwargs)
        units = OrgUnit.objects.for_agency(agency).filter(is_active=True)
        if membership.role == "operator" and membership.unit_id:
            units = units.subtree(membership.unit)
        self.filters["unit"].queryset = units
        self.form.fields["unit"].queryset = units
        self.form.fields["unit"].widget.choices = unit_options(
            units, membership, selected=self.data.get("unit")
        )
        self.agency = agency

    def search(self, queryset, name, value):
        value = value.strip()
        digits = clean_nip(value)
        if digits.isdigit() and len(digits) >= 4:
            # A range rather than LIKE 'prefix%', so the (agency, nip) index serves it in
            # SQLite and PostgreSQL alike; ":" is the character after "9".
            return queryset.filter(nip__gte=digits, nip__lt=f"{digits}:")
        return queryset.filter(name__icontains=value)

    def in_unit(self, queryset, name, unit):
        below = OrgUnit.objects.for_agency(self.agency).subtree(unit).values("pk")
        return queryset.filter(unit_id__in=below)

    def of_position_type(self, queryset, name, value):
        positions = Position.objects.for_agency(self.agency).filter(position_type=value)
        return queryset.filter(position_id__in=positions.values("pk"))

    def by_activity(self, queryset, name, value):
        if value == "inactive":
            return queryset.filter(is_active=False)
        if value == "all":
            return queryset
        return queryset.filter(is_active=True)

    def sort_by(self, queryset, name, value):
        descending = value.startswith("-")
        key = value.lstrip("-")
        prefix = "-" if descending else ""
        if key == "golongan":
            return queryset.alias(rank_order=_RANK_ORDER).order_by(
                f"{prefix}rank_order", "name", "pk"
            )
        if key == "unit":
            return queryset.order_by(f"{prefix}unit__name", "name", "pk")
        if key == "nip":
            return queryset.order_by(f"{prefix}nip")
        return queryset.order_by(f"{prefix}name", "pk")


class CorrectionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Name or NIP"),
        method="search",
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm", "type": "search"}),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=CorrectionRequest.Status.choices,
        empty_label=_("All"),
        widget=_select(),
    )
    field = django_filters.ChoiceFilter(
        label=_("Field"),
        choices=list(CORRECTABLE_FIELDS.items()),
        empty_label=_("All"),
        widget=_select(),
    )

    class Meta:
        model = CorrectionRequest
        fields = []

    def search(self, queryset, name, value):
        digits = clean_nip(value)
        if digits.isdigit() and len(digits) >= 4:
            return queryset.filter(employee__nip__startswith=digits)
        return queryset.filter(Q(employee__name__icontains=value.strip()))
