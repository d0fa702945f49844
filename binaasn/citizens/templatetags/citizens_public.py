"""Form fields of the public pages rendered in Python: a radio group or a select written with
format_html is a few microseconds, where Django's per-widget templates cost a millisecond each —
and the survey page has forty of them (bench/skm_page_bench.py)."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


def _errors(field):
    return format_html_join(
        "", '<p class="err" id="{}-err">{}</p>', ((field.auto_id, e) for e in field.errors)
    )


def _selected(field):
    value = field.value()
    if value is None:
        return set()
    values = value if isinstance(value, list | tuple) else [value]
    return {str(v) for v in values}


def _required(field):
    return mark_safe(" required") if field.field.required else ""


@register.simple_tag
def radio_group(field, grid=""):
    """A fieldset with its legend, errors and one labelled radio button per choice."""
    chosen = _selected(field)
    options = format_html_join(
        "",
        '<label for="{0}_{1}"><input type="radio" name="{2}" value="{3}" id="{0}_{1}"{4}{5}>'
        " <span>{6}</span></label>",
        (
            (field.auto_id, index, field.html_name, value, _required(field),
             mark_safe(" checked") if str(value) in chosen else "", label)
            for index, (value, label) in enumerate(field.field.choices)
        ),
    )  # fmt: skip
    described = format_html(' aria-describedby="{}-err"', field.auto_id) if field.errors else ""
    css = f"opts {grid}".strip()
    return format_html(
        '<fieldset{}><legend>{}</legend>{}<div class="{}">{}</div></fieldset>',
        described, field.label, _errors(field), css, options,
    )  # fmt: skip


@register.simple_tag
def select_field(field):
    """A labelled select with its errors and help text."""
    chosen = _selected(field)
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, mark_safe(" selected") if str(value) in chosen else "", label)
            for value, label in field.field.choices
        ),
    )
    return format_html(
        '<div class="field"><label class="f" for="{0}">{1}</label>{2}'
        '<select name="{3}" id="{0}"{4}>{5}</select>{6}</div>',
        field.auto_id, field.label, _errors(field), field.html_name, _required(field), options,
        format_html('<p class="help">{}</p>', field.help_text) if field.help_text else "",
    )  # fmt: skip
