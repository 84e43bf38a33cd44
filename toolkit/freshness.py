"""How fresh a contact is: the one limit on how long a checked detail stays trusted, how its age
reads, and the "contacts checked on" line every handout and deck carries."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Iterable, Optional

from .wording import _, ngettext
from .wording.phrases import long_date

FRESH_FOR_MONTHS = 12
"""A number, address or figure not checked against its source for longer than this is stale."""

LIMIT_TEXT = f"{FRESH_FOR_MONTHS} months"


def stale_before(today: dt.date) -> dt.date:
    """The earliest check still fresh on `today`: the same day FRESH_FOR_MONTHS months earlier
    (the last day of that month when it is shorter, so 29 February looks back to 28 February)."""
    months = today.year * 12 + today.month - 1 - FRESH_FOR_MONTHS
    year, month = divmod(months, 12)
    return dt.date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))


def is_stale(checked: dt.date, today: dt.date) -> bool:
    """True when `checked` is older than the limit on `today`."""
    return checked < stale_before(today)


def age(checked: dt.date, today: dt.date) -> str:
    """How long ago a check was, in words a person reads at a glance: 'today', '12 days ago',
    '3 months ago', '1 year 2 months ago', or 'in the future' for a date not yet reached."""
    days = (today - checked).days
    if days < 0:
        return _("in the future")
    if days == 0:
        return _("today")
    if days < 60:
        return ngettext("{count} day ago", "{count} days ago", days)
    months = (today.year - checked.year) * 12 + today.month - checked.month - (today.day < checked.day)
    years, months = divmod(months, 12)
    if not years:
        return ngettext("{count} month ago", "{count} months ago", months)
    if not months:
        return ngettext("{count} year ago", "{count} years ago", years)
    return _("{years} {months} ago", years=ngettext("{count} year", "{count} years", years),
             months=ngettext("{count} month", "{count} months", months))


def oldest_check(dates: Iterable[Optional[dt.date]]) -> Optional[dt.date]:
    """The date a set of contacts was checked, as a pack states it: the oldest of their
    last_verified dates, so the pack never claims more freshness than its stalest contact has.
    Contacts without a date are left out (profile checks warn about them); None if none is dated."""
    known = [d for d in dates if d is not None]
    return min(known) if known else None


def contacts_checked_line(dates: Iterable[Optional[dt.date]]) -> str:
    """'Contacts checked on 23 November 2026.': the wording every handout and deck prints, or ''
    when no contact carries a date."""
    checked = oldest_check(dates)
    return _("Contacts checked on {date}.", date=long_date(checked)) if checked else ""


def lesson_checked_line(lesson) -> str:
    """The line a lesson's handouts and closing slide print for one audience: the date of every
    contact the lesson lists for them (an `AdaptedLesson`), by the rule of `oldest_check`. The
    one helper both formats call, so a handout and a deck of the same lesson never disagree."""
    return contacts_checked_line(contact.last_verified for contact in lesson.help_contacts)
