"""What each answer means for a route: fine, worth a note, or something a person must look at."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple
from urllib.parse import urlsplit

from ..freshness import LIMIT_TEXT, age, is_stale
from .probe import Page
from .targets import FICTIONAL, Address, Target

OK, NOTE, LOOK = "ok", "note", "LOOK"

# Words a page reached by a redirect may use when a service has closed or moved on. Only pages
# reached by a redirect are read for them: a service's own page may well mention an old name.
CLOSED_WORDS = ("has closed", "has now closed", "is closing", "has been replaced", "has now been replaced",
                "has been renamed", "no longer exists", "no longer available", "no longer operates",
                "has moved to", "has ceased")

_UNREACHABLE = {
    "dns": "unreachable: its name could not be found (DNS)",
    "refused": "unreachable: the connection was refused",
    "connect": "unreachable: no connection could be made",
    "connect-timeout": "unreachable: no connection within the time allowed (timeout)",
    "timeout": "unreachable: no answer within the time allowed (timeout)",
    "tls": "unreachable: the secure connection failed (TLS)",
    "closed": "unreachable: the server closed the connection without answering",
    "proxy": "unreachable: the proxy refused the request",
    "too-many-redirects": "unreachable: too many redirects",
    "invalid": "unreachable: the address cannot be requested",
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
    return "; ".join(f"{status} to {to}" for status, to in page.redirects)


def _status(page: Page) -> Line:
    """Where the address went and what came back."""
    answered = f"; then HTTP {page.status}" if page.status else ""
    if page.error:
        reason = _UNREACHABLE.get(page.error, f"unreachable ({page.error})")
        after = f" (after redirects: {_chain(page)})" if page.redirects else ""
        return Line(LOOK, (f"{reason}: {page.detail}" if page.detail else reason) + after)
    # A redirect through another site is a finding even when it comes back: the address is not the service's own.
    if any(site(to) != site(page.url) for _, to in page.redirects):
        return Line(LOOK, f"redirected to another site: {_chain(page)}{answered}; check the service still "
                          "exists under this name")
    if page.status in (404, 410):
        gone = "gone for good" if page.status == 410 else "gone: the page is not found"
        return Line(LOOK, f"{gone} (HTTP {page.status})" + (f" after redirects: {_chain(page)}" if page.redirects else ""))
    if page.status is not None and page.status >= 400:
        extra = " (some sites turn away automated checks: open it in a browser)" if page.status in (401, 403, 429) else ""
        return Line(LOOK, f"HTTP error {page.status}{extra}")
    if page.status is not None and page.status >= 300:
        return Line(LOOK, f"an unfinished redirect (HTTP {page.status} with nowhere to go)")
    if page.redirects:
        return Line(NOTE, f"redirected within the site: {_chain(page)}{answered}")
    return Line(OK, f"reachable (HTTP {page.status})")


def address_lines(address: Address, page: Page) -> List[Line]:
    status = _status(page)
    lines = [Line(status.level, f"{address.role} {address.url}: {status.text}")]
    if page.error or (page.status or 0) >= 400:
        if address.phrases:
            lines.append(Line(NOTE, "its phrases could not be checked"))
        return lines
    text = plain_text(page.text)
    for phrase in address.phrases:
        if not contains(text, phrase):
            lines.append(Line(LOOK, f"the {address.role} page no longer contains \"{phrase}\""))
    if page.redirects:
        closed = [w for w in CLOSED_WORDS if w in text]
        if closed:
            lines.append(Line(LOOK, f"the page it redirects to may say the service has closed or moved "
                                    f"(\"{closed[0]}\")"))
    return lines


def dated(checked: Optional[dt.date], today: dt.date) -> Tuple[str, Optional[Line]]:
    if checked is None:
        return "no last_verified date", Line(LOOK, "no last_verified date: check the details, then add one")
    text = f"last verified {checked.isoformat()} ({age(checked, today)})"
    if is_stale(checked, today):
        return text, Line(LOOK, f"last verified more than {LIMIT_TEXT} ago: check it against its source")
    if checked > today:
        return text, Line(LOOK, "last verified in the future: give the date it was really checked")
    return text, None


def judge(target: Target, pages: Dict[str, Page], today: dt.date) -> Verdict:
    text, finding = dated(target.last_verified, today)
    lines: List[Line] = []
    if finding is not None and target.note != FICTIONAL:
        lines.append(finding)
    for address in target.addresses:
        lines += address_lines(address, pages[address.url])
    if target.note:
        lines.append(Line(NOTE, target.note))
    return Verdict(target, text, tuple(lines))


def offline(pages: Sequence[Page]) -> bool:
    """True when no request reached any server at all: no network, or no way through the proxy."""
    return bool(pages) and all(page.no_connection for page in pages)
