from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def startswith(value, prefix):
    return str(value).startswith(str(prefix))


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs):
    """The current query string with some parameters replaced (pagination, sorting)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


@register.filter
def rupiah(value):
    """Rp 1.250.000 — money the way Indonesian reports print it."""
    if value in (None, ""):
        return ""
    amount = Decimal(value).quantize(Decimal("1"))
    return "Rp " + number_format(amount, decimal_pos=0, use_l10n=True, force_grouping=True)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def audit_changes(entry):
    """The before → after rows of an audit entry (binaasn.core.audit.change_rows)."""
    from binaasn.core.audit import change_rows

    return change_rows(entry)
