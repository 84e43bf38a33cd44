"""The one freshness limit: when a check goes stale, how its age reads, and the date a pack states."""

from __future__ import annotations

import datetime as dt

import pytest

from toolkit.freshness import FRESH_FOR_MONTHS, age, contacts_checked_line, is_stale, oldest_check, stale_before

TODAY = dt.date(2026, 12, 5)


def test_the_limit_is_twelve_months():
    assert FRESH_FOR_MONTHS == 12
    assert stale_before(TODAY) == dt.date(2025, 12, 5)
    assert not is_stale(dt.date(2025, 12, 5), TODAY)
    assert is_stale(dt.date(2025, 12, 4), TODAY)


@pytest.mark.parametrize("today, earliest", [
    (dt.date(2028, 2, 29), dt.date(2027, 2, 28)),  # no 29 February a year earlier
    (dt.date(2026, 1, 31), dt.date(2025, 1, 31)),
    (dt.date(2026, 1, 1), dt.date(2025, 1, 1)),
])
def test_the_limit_on_awkward_days(today, earliest):
    assert stale_before(today) == earliest


@pytest.mark.parametrize("checked, words", [
    (TODAY, "today"),
    (dt.date(2026, 12, 4), "1 day ago"),
    (dt.date(2026, 11, 23), "12 days ago"),
    (dt.date(2026, 8, 1), "4 months ago"),
    (dt.date(2025, 10, 6), "1 year 1 month ago"),
    (dt.date(2024, 12, 5), "2 years ago"),
    (dt.date(2027, 1, 1), "in the future"),
])
def test_age_in_words(checked, words):
    assert age(checked, TODAY) == words


def test_a_pack_states_its_stalest_contact_and_ignores_undated_ones():
    dates = [dt.date(2026, 11, 23), None, dt.date(2026, 3, 2)]
    assert oldest_check(dates) == dt.date(2026, 3, 2)
    assert contacts_checked_line(dates) == "Contacts checked on 2 March 2026."
    assert contacts_checked_line([None]) == ""
