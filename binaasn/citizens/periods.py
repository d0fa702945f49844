"""Reporting periods (semester, year, custom range) and working days for complaint deadlines."""

import datetime
import re
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

SEMESTER_ROMAN = {1: "I", 2: "II"}


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    kind: str  # "year", "semester" or "range"
    key: str  # the text form: 2026, 2026-S1, 2026-01-01:2026-03-31

    @property
    def label(self):
        if self.kind == "year":
            return _("Year %(year)d") % {"year": self.start.year}
        if self.kind == "semester":
            half = 1 if self.start.month == 1 else 2
            return _("Semester %(half)s %(year)d") % {
                "half": SEMESTER_ROMAN[half],
                "year": self.start.year,
            }
        return f"{date_format(self.start, 'j F Y')} – {date_format(self.end, 'j F Y')}"

    @property
    def days(self):
        return (self.end - self.start).days + 1

    def __str__(self):
        return self.label


def year(y):
    return Period(datetime.date(y, 1, 1), datetime.date(y, 12, 31), "year", str(y))


def semester(y, half):
    if half == 1:
        return Period(datetime.date(y, 1, 1), datetime.date(y, 6, 30), "semester", f"{y}-S1")
    return Period(datetime.date(y, 7, 1), datetime.date(y, 12, 31), "semester", f"{y}-S2")


def date_range(start, end):
    if end < start:
        raise ValueError(
            _("The end date %(end)s is before the start date %(start)s.")
            % {"start": start, "end": end}
        )
    return Period(start, end, "range", f"{start.isoformat()}:{end.isoformat()}")


def parse_period(text):
    """``YYYY``, ``YYYY-S1``, ``YYYY-S2`` or ``YYYY-MM-DD:YYYY-MM-DD``; ValueError otherwise."""
    text = (text or "").strip().upper()
    match = re.fullmatch(r"(\d{4})", text)
    if match:
        return year(int(match[1]))
    match = re.fullmatch(r"(\d{4})-S([12])", text)
    if match:
        return semester(int(match[1]), int(match[2]))
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2}):(\d{4}-\d{2}-\d{2})", text)
    if match:
        try:
            start = datetime.date.fromisoformat(match[1])
            end = datetime.date.fromisoformat(match[2])
        except ValueError:
            raise ValueError(
                _("The period %(text)s holds an impossible date.") % {"text": text}
            ) from None
        return date_range(start, end)
    raise ValueError(
        _("Unknown period %(text)s: use YYYY, YYYY-S1, YYYY-S2 or YYYY-MM-DD:YYYY-MM-DD.")
        % {"text": text}
    )


def semester_of(day):
    return semester(day.year, 1 if day.month <= 6 else 2)


def previous(period):
    if period.kind == "year":
        return year(period.start.year - 1)
    if period.kind == "semester":
        if period.start.month == 1:
            return semester(period.start.year - 1, 2)
        return semester(period.start.year, 1)
    length = period.days
    end = period.start - datetime.timedelta(days=1)
    return date_range(end - datetime.timedelta(days=length - 1), end)


def trend_periods(period, count=6):
    """``count`` periods of the same kind ending with ``period`` (oldest first); a custom range
    is followed by semesters."""
    current = period if period.kind != "range" else semester_of(period.end)
    periods = [current]
    for _i in range(count - 1):
        periods.append(previous(periods[-1]))
    return list(reversed(periods))


def recent_choices(today, years=4):
    """Semesters and years for a period picker, newest first."""
    choices = []
    for y in range(today.year, today.year - years, -1):
        for half in (2, 1):
            p = semester(y, half)
            if p.start <= today:
                choices.append((p.key, p.label))
        choices.append((str(y), year(y).label))
    return choices


def default_period(today):
    """The current semester: what staff look at most."""
    return semester_of(today)


def is_working_day(day):
    return day.weekday() < 5


def add_working_days(day, count):
    """The date ``count`` working days (Monday–Friday) after ``day``."""
    current = day
    added = 0
    while added < count:
        current += datetime.timedelta(days=1)
        if is_working_day(current):
            added += 1
    return current
