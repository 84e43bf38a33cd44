"""UK phone numbers as a school writes them: full numbers, short codes, Relay UK and Ofcom's drama ranges."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

import phonenumbers
from phonenumbers import shortnumberinfo

from ..wording import _

# Ofcom reserves these ranges for TV and radio drama: they will never reach a real person, so the
# example profiles use them. Inclusive, as national numbers with the leading 0.
DRAMA_RANGES = (
    ("01134960000", "01134960999"),  # Leeds
    ("01144960000", "01144960999"),  # Sheffield
    ("01154960000", "01154960999"),  # Nottingham
    ("01164960000", "01164960999"),  # Leicester
    ("01174960000", "01174960999"),  # Bristol
    ("01184960000", "01184960999"),  # Reading
    ("01214960000", "01214960999"),  # Birmingham
    ("01314960000", "01314960999"),  # Edinburgh
    ("01414960000", "01414960999"),  # Glasgow
    ("01514960000", "01514960999"),  # Liverpool
    ("01614960000", "01614960999"),  # Manchester
    ("01914980000", "01914980999"),  # Tyneside
    ("01632960000", "01632960999"),  # no area
    ("02079460000", "02079460999"),  # London
    ("02896496000", "02896496999"),  # Belfast
    ("02920180000", "02920180999"),  # Cardiff
    ("03069990000", "03069990999"),  # UK-wide
    ("07700900000", "07700900999"),  # mobile
    ("08081570000", "08081570999"),  # freephone
    ("09098790000", "09098790999"),  # premium rate
)

RELAY_PREFIXES = ("18001", "18002")  # Relay UK: textphone and text relay, followed by the number
_LOOKS_LIKE_A_NUMBER = re.compile(r"^\+?[0-9][0-9 ()\-]*?(?:\s*(?:ext\.?|extension|x)\s*[0-9]{1,6})?$", re.IGNORECASE)
_EXTENSION = re.compile(r"\s*(?:ext\.?|extension|x)\s*[0-9]{1,6}$", re.IGNORECASE)


@dataclass(frozen=True)
class PhoneCheck:
    """What a phone number is, or what is wrong with it."""

    ok: bool
    kind: str = ""  # "number", "short", "relay" or "drama"
    problem: str = ""
    hint: str = ""

    @property
    def drama(self) -> bool:
        return self.kind == "drama"


def national_digits(text: str) -> str:
    """'+44 (0)20 7946 0123' -> '02079460123'; '' when it is not a UK number at all."""
    main = _EXTENSION.sub("", text.strip())
    try:
        parsed = phonenumbers.parse(main, "GB")
    except phonenumbers.NumberParseException:
        return ""
    if parsed.country_code != 44:
        return ""
    return "0" + str(parsed.national_number)


def is_drama(text: str) -> bool:
    digits = national_digits(text)
    return any(first <= digits <= last for first, last in DRAMA_RANGES if len(digits) == len(first))


def check_phone(text: str) -> PhoneCheck:
    """Whether `text` is a number a UK pupil or parent could dial as written."""
    written = " ".join(str(text).split())
    if not written or not _LOOKS_LIKE_A_NUMBER.match(written):
        return PhoneCheck(False, problem=_("'{text}' is not a phone number", text=text),
                          hint=_("use digits and spaces only, e.g. 01632 960123 or +44 20 7946 0123"))
    main = _EXTENSION.sub("", written)
    digits = re.sub(r"[^0-9+]", "", main)
    for prefix in RELAY_PREFIXES:
        if digits.startswith(prefix) and len(digits) > len(prefix):
            inner = check_phone(digits[len(prefix):])
            return PhoneCheck(True, "relay") if inner.ok else PhoneCheck(
                False, problem=_("'{text}' is not a Relay UK number: {number} is not a UK number", text=text,
                             number=digits[len(prefix):]),
                hint=_("Relay UK numbers are 18001 (or 18002) followed by the full number, e.g. 18001 101"))
    try:
        parsed = phonenumbers.parse(main, "GB")
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is not None and shortnumberinfo.is_valid_short_number_for_region(parsed, "GB") and not main.startswith("+"):
        return PhoneCheck(True, "short")
    if is_drama(main):
        return PhoneCheck(True, "drama")
    if parsed is not None and parsed.country_code != 44:
        return PhoneCheck(False, problem=_("'{text}' is not a UK phone number", text=text),
                          hint=_("pupils and parents dial from the UK: give the UK number, e.g. 0800 1111"))
    if parsed is not None and phonenumbers.is_valid_number_for_region(parsed, "GB"):
        return PhoneCheck(True, "number")
    return PhoneCheck(False, problem=_("'{text}' is not a UK phone number", text=text),
                      hint=_("check the digits: a full UK number has 10 or 11 digits starting with 0 "
                           "(e.g. 01632 960123); short codes such as 999, 101, 111 and 116 123 are fine"))


def formatted(text: str) -> Optional[str]:
    """The number in the usual UK spacing, e.g. '02079460123' -> '020 7946 0123' (None if not a full number)."""
    try:
        parsed = phonenumbers.parse(_EXTENSION.sub("", text.strip()), "GB")
    except phonenumbers.NumberParseException:
        return None
    if parsed.country_code != 44:
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
