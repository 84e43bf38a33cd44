"""UK phone numbers: real formats, short codes, Relay UK and Ofcom's drama ranges."""

import pytest

from toolkit.profiles.phones import check_phone, is_drama


@pytest.mark.parametrize("number, kind", [
    ("0800 1111", "number"),            # Childline
    ("08 08 16 89 111", "number"),      # Victim Support, spaced as it publishes it
    ("0345 6000 459", "number"),
    ("+44 800 1111", "number"),
    ("999", "short"),
    ("101", "short"),
    ("111", "short"),
    ("116 123", "short"),               # Samaritans
    ("18001 101", "relay"),             # Relay UK textphone prefix
    ("01632 960123", "drama"),
    ("020 7946 0123", "drama"),
    ("+44 (0)20 7946 0999", "drama"),
    ("028 9649 6500", "drama"),
    ("01632 960123 ext. 21", "drama"),
])
def test_accepts_numbers_a_pupil_could_dial(number, kind):
    result = check_phone(number)
    assert result.ok, result.problem
    assert result.kind == kind


@pytest.mark.parametrize("number, problem", [
    ("12345", "'12345' is not a UK phone number"),
    ("01632 96012", "'01632 96012' is not a UK phone number"),
    ("Room 12", "'Room 12' is not a phone number"),
    ("ask at reception", "'ask at reception' is not a phone number"),
    ("+1 202 555 0100", "'+1 202 555 0100' is not a UK phone number"),
    ("18001 12345", "'18001 12345' is not a Relay UK number: 12345 is not a UK number"),
    ("", "'' is not a phone number"),
])
def test_refuses_what_nobody_can_dial(number, problem):
    result = check_phone(number)
    assert not result.ok
    assert result.problem == problem
    assert result.hint


def test_drama_ranges_stop_at_their_edges():
    assert is_drama("01632 960000") and is_drama("01632 960999")
    assert not is_drama("01632 961000")
    assert is_drama("020 7946 0000") and not is_drama("020 7946 1000")
    assert not is_drama("0800 1111")
