"""What each answer means for a route: fine, worth a note, or something a person must look at."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple
from urllib.parse import urlsplit

from ..freshness import LIMIT_TEXT, age, is_stale
from ..wording import N_, _
from .probe import Page
from .targets import FICTIONAL, Address, Target

OK, NOTE, LOOK = "ok", "note", "LOOK"

# Words a page reached by a redirect may use when a service has closed or moved on. Only pages
# reached by a redirect are read for them: a service's own page may well mention an old name.
# English words read on English web pages: data, not messages.
CLOSED_WORDS = ("has closed", "has now closed", "is closing", "has been replaced", "has now been replaced",
                "has been renamed", "no longer exists", "no longer available", "no longer operates",
                "has moved to", "has ceased")

_UNREACHABLE = {
    "dns": N_("unreachable: its name could not be found (DNS)"),
    "refused": N_("unreachable: the connection was refused"),
    "connect": N_("unreachable: no connection could be made"),
    "connect-timeout": N_("unreachable: no connection within the time allowed (timeout)"),
    "timeout": N_("unreachable: no answer within the time allowed (timeout)"),
    "tls": N_("unreachable: the secure connection failed (TLS)"),
    "closed": N_("unreachable: the server closed the connection without answering"),
    "proxy": N_("unreachable: the proxy refused the request"),
    "too-many-redirects": N_("unreachable: too many redirects"),
    "invalid": N_("unreachable: the address cannot be requested"),
}


@dataclass(frozen=True)
class Line:
    level: str  # OK, NOTE or LOOK
    text: str


@dataclass(frozen=True)
class Verdict:
    target: Target
    dated: str
    """'last verified 2026-11-23 (12 days ago)'."""
    lines: Tuple[Line, ...]

    @property
    def needs_look(self) -> bool:
        return any(line.level == LOOK for line in self.lines)


def site(url: str) -> str:
    """The site an address belongs to, for telling a move within a site from a move to another:
    its host name without a leading 'www.'."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def plain_text(page: str) -> str:
    """A page as words: scripts, styles, comments and tags dropped, entities decoded, any run of
    spaces one space, lower case."""
    page = re.sub(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->", " ", page, flags=re.S | re.I)
    text = html.unescape(re.sub(r"<[^>]*>", " ", page))
    return re.sub(r"\s+", " ", text).strip().casefold()


def contains(page_text: str, phrase: str) -> bool:
    """Whether a page has a phrase, whatever its case and spacing ('0800 1111' matches
    '0800&nbsp;1111' and '<b>0800</b> 1111')."""
    return re.sub(r"\s+", " ", phrase).strip().casefold() in page_text


def _chain(page: Page) -> str:
    """Each redirect in turn, e.g. '301 to https://www.example.org/new; 302 to ...'."""
    return "; ".join(_("{status} to {address}", status=status, address=to) for status, to in page.redirects)


def _status(page: Page) -> Line:
    """Where the address went and what came back."""
    answered = _("; then HTTP {status}", status=page.status) if page.status else ""
    if page.error:
        reason = _(_UNREACHABLE[page.error]) if page.error in _UNREACHABLE else _("unreachable ({error})", error=page.error)
        after = _(" (after redirects: {redirects})", redirects=_chain(page)) if page.redirects else ""
        return Line(LOOK, ("{}: {}".format(reason, page.detail) if page.detail else reason) + after)
    # A redirect through another site is a finding even when it comes back: the address is not the service's own.
    if any(site(to) != site(page.url) for _status, to in page.redirects):
        return Line(LOOK, _("redirected to another site: {redirects}{answered}; check the service still "
                            "exists under this name", redirects=_chain(page), answered=answered))
    if page.status in (404, 410):
        gone = _("gone for good") if page.status == 410 else _("gone: the page is not found")
        after = _(" after redirects: {redirects}", redirects=_chain(page)) if page.redirects else ""
        return Line(LOOK, _("{gone} (HTTP {status})", gone=gone, status=page.status) + after)
    if page.status is not None and page.status >= 400:
        if page.status in (401, 403, 429):
            return Line(LOOK, _("HTTP error {status} (some sites turn away automated checks: open it in a browser)",
                                status=page.status))
        return Line(LOOK, _("HTTP error {status}", status=page.status))
    if page.status is not None and page.status >= 300:
        return Line(LOOK, _("an unfinished redirect (HTTP {status} with nowhere to go)", status=page.status))
    if page.redirects:
        return Line(NOTE, _("redirected within the site: {redirects}{answered}", redirects=_chain(page), answered=answered))
    return Line(OK, _("reachable (HTTP {status})", status=page.status))


def address_lines(address: Address, page: Page) -> List[Line]:
    status = _status(page)
    lines = [Line(status.level, _("{role} {address}: {status}", role=_(address.role), address=address.url,
                                  status=status.text))]
    if page.error or (page.status or 0) >= 400:
        if address.phrases:
            lines.append(Line(NOTE, _("its phrases could not be checked")))
        return lines
    text = plain_text(page.text)
    for phrase in address.phrases:
        if not contains(text, phrase):
            lines.append(Line(LOOK, _("the {role} page no longer contains \"{phrase}\"", role=_(address.role),
                                      phrase=phrase)))
    if page.redirects:
        closed = [w for w in CLOSED_WORDS if w in text]
        if closed:
            lines.append(Line(LOOK, _("the page it redirects to may say the service has closed or moved "
                                      "(\"{words}\")", words=closed[0])))
    return lines


def dated(checked: Optional[dt.date], today: dt.date) -> Tuple[str, Optional[Line]]:
    if checked is None:
        return _("no last_verified date"), Line(LOOK, _("no last_verified date: check the details, then add one"))
    text = _("last verified {date} ({age})", date=checked.isoformat(), age=age(checked, today))
    if is_stale(checked, today):
        return text, Line(LOOK, _("last verified more than {limit} ago: check it against its source", limit=LIMIT_TEXT))
    if checked > today:
        return text, Line(LOOK, _("last verified in the future: give the date it was really checked"))
    return text, None


def judge(target: Target, pages: Dict[str, Page], today: dt.date) -> Verdict:
    text, finding = dated(target.last_verified, today)
    lines: List[Line] = []
    if finding is not None and target.note != FICTIONAL:
        lines.append(finding)
    for address in target.addresses:
        lines += address_lines(address, pages[address.url])
    if target.note:
        lines.append(Line(NOTE, _(target.note)))
    return Verdict(target, text, tuple(lines))


def offline(pages: Sequence[Page]) -> bool:
    """True when no request reached any server at all: no network, or no way through the proxy."""
    return bool(pages) and all(page.no_connection for page in pages)
