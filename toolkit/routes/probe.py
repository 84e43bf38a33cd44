"""Fetch web addresses the way a careful visitor would: a named user agent, bounded timeouts, a
small limit per site, the school's proxy if it has one, and every redirect written down.

Only `fetch_all` touches the network; nothing a build calls imports this module."""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections import defaultdict
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import Dict, List, Optional, Sequence, Tuple

import httpx

from ..wording import _

REDIRECTS = (301, 302, 303, 307, 308)

# Errors that mean the request never reached a server: when every address fails like this, the
# machine is offline (or its proxy is), rather than every service having gone at once.
NO_CONNECTION = frozenset({"dns", "refused", "connect", "connect-timeout", "proxy"})


def user_agent() -> str:
    try:
        release = version("lessonkit")
    except PackageNotFoundError:  # run from a checkout that was never installed
        release = "dev"
    return f"lessonkit/{release} (support-route check; python-httpx/{httpx.__version__})"


@dataclass(frozen=True)
class Settings:
    """How patient and how polite a check is."""

    timeout: float = 10.0
    """Seconds to wait to connect, and then for each part of the answer."""
    per_address: float = 30.0
    """Seconds one address may take in all, redirects included (a server that answers slowly but
    never stops would otherwise hold the check up for ever)."""
    per_host: int = 2
    """Requests to one site at a time."""
    at_once: int = 8
    """Requests in flight at a time, across all sites."""
    max_redirects: int = 5
    max_bytes: int = 2_000_000
    """How much of a page is read for its phrases: enough for any real page."""


@dataclass(frozen=True)
class Page:
    """What happened when one address was requested."""

    url: str
    status: Optional[int] = None
    """The HTTP status of the last answer (after redirects); None when there was no answer."""
    final_url: str = ""
    redirects: Tuple[Tuple[int, str], ...] = ()
    """Each redirect followed: its status and where it pointed."""
    error: str = ""
    """Why there was no answer: dns, refused, connect, connect-timeout, timeout, tls, closed, proxy,
    too-many-redirects or invalid ('' when there was one)."""
    detail: str = ""
    text: str = field(default="", repr=False)
    """The page as decoded (HTML and all), for its phrases."""

    @property
    def no_connection(self) -> bool:
        return self.error in NO_CONNECTION


def _causes(exc: BaseException):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _kind_of(exc: BaseException) -> Tuple[str, str]:
    """An httpx error as (kind, plain detail)."""
    causes = list(_causes(exc))
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.ProxyError):
        return "proxy", detail
    if isinstance(exc, httpx.ConnectTimeout):
        return "connect-timeout", detail
    if isinstance(exc, (httpx.TimeoutException, asyncio.TimeoutError, TimeoutError)):
        return "timeout", detail
    if any(isinstance(c, ssl.SSLError) for c in causes) or "CERTIFICATE" in detail or "SSL" in detail:
        return "tls", detail
    if any(isinstance(c, socket.gaierror) for c in causes):
        return "dns", detail
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        return "refused", detail
    if isinstance(exc, httpx.ConnectError):
        return "connect", detail
    if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)):
        return "closed", detail
    if isinstance(exc, (httpx.UnsupportedProtocol, httpx.InvalidURL)):
        return "invalid", detail
    return "closed" if isinstance(exc, (httpx.TransportError, OSError)) else "invalid", detail


class _Visitor:
    """One client for the whole check, with a gate per site."""

    def __init__(self, client: httpx.AsyncClient, settings: Settings):
        self.client = client
        self.settings = settings
        self.gates: Dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(settings.per_host))

    async def _request(self, url: httpx.URL) -> Tuple[httpx.Response, bytes]:
        async with self.gates[url.host]:
            async with self.client.stream("GET", url) as response:
                body = bytearray()
                if response.status_code not in REDIRECTS:
                    async for chunk in response.aiter_bytes():
                        body += chunk
                        if len(body) >= self.settings.max_bytes:
                            break
                return response, bytes(body)

    async def visit(self, address: str) -> Page:
        redirects: List[Tuple[int, str]] = []
        try:
            url = httpx.URL(address)
            for _hop in range(self.settings.max_redirects + 1):
                response, body = await self._request(url)
                location = response.headers.get("location")
                if response.status_code in REDIRECTS and location:
                    url = url.join(location)
                    redirects.append((response.status_code, str(url)))
                    continue
                return Page(address, response.status_code, str(url), tuple(redirects),
                            text=_page_text(body, response.charset_encoding))
            return Page(address, None, str(url), tuple(redirects), "too-many-redirects",
                        _("more than {count} redirects", count=self.settings.max_redirects))
        except (httpx.HTTPError, httpx.InvalidURL, OSError, asyncio.TimeoutError, ValueError) as exc:
            kind, detail = _kind_of(exc)
            return Page(address, None, str(redirects[-1][1]) if redirects else address, tuple(redirects), kind, detail)

    async def visit_within(self, address: str) -> Page:
        try:
            return await asyncio.wait_for(self.visit(address), self.settings.per_address)
        except asyncio.TimeoutError:
            return Page(address, None, address, (), "timeout",
                        _("the whole answer took longer than {seconds:g} s", seconds=self.settings.per_address))


def _page_text(body: bytes, charset: Optional[str]) -> str:
    try:
        return body.decode(charset or "utf-8", errors="replace")
    except LookupError:  # a charset Python does not know
        return body.decode("utf-8", errors="replace")


async def _fetch_all(addresses: Sequence[str], settings: Settings) -> Dict[str, Page]:
    timeout = httpx.Timeout(settings.timeout, pool=settings.per_address)
    limits = httpx.Limits(max_connections=settings.at_once, max_keepalive_connections=settings.at_once)
    headers = {"User-Agent": user_agent(), "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
               "Accept-Language": "en-GB,en;q=0.8"}
    # trust_env: HTTP(S)_PROXY, ALL_PROXY, NO_PROXY and SSL_CERT_FILE work as they do for other tools,
    # so the check runs behind a school's proxy.
    async with httpx.AsyncClient(timeout=timeout, limits=limits, headers=headers, trust_env=True,
                                 follow_redirects=False) as client:
        visitor = _Visitor(client, settings)
        pages = await asyncio.gather(*(visitor.visit_within(a) for a in addresses))
    return dict(zip(addresses, pages))


def fetch_all(addresses: Sequence[str], settings: Settings = Settings()) -> Dict[str, Page]:
    """Request every address once (duplicates are fetched once) and say what happened to each."""
    unique = list(dict.fromkeys(addresses))
    return asyncio.run(_fetch_all(unique, settings)) if unique else {}
