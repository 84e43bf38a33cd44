"""Safe by default: who may use the studio, and from where.

- a per-run secret: the printed address carries it once; the page then keeps it in a cookie
  (HttpOnly, SameSite=Strict) and drops it from the address bar;
- the Host header must be one this server answers to (a page elsewhere cannot rebind a name to it);
- every form and JSON post must come from the studio's own pages (Origin, else Referer) and carry
  the run's CSRF token;
- request bodies are capped (a logo is at most a few MB; nothing else is large);
- strict headers: the pages load nothing from anywhere else.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass, field
from typing import Callable, FrozenSet, Optional
from urllib.parse import parse_qs, urlsplit

from starlette.datastructures import Headers
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..profiles.logo import MAX_BYTES as LOGO_BYTES

MAX_BODY = LOGO_BYTES * 4  # a logo larger than the limit still arrives, so its size can be reported
SAFE_METHODS = ("GET", "HEAD")
PUBLIC = "/static/"  # the same for every run: the refusal page needs its style too
COOKIE = "lessonkit_studio_{port}"

PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
            "connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; "
            "form-action 'self' http://127.0.0.1:* http://localhost:*; frame-ancestors 'none'")
# Files from the built pack (HTML twins carry their own inline style and data: images, and no scripts).
FILE_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'self'")


def headers_for(csp: str) -> dict:
    return {
        "Content-Security-Policy": csp, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",  # a form post then names its origin (no-referrer sends "null")
        "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Resource-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        "Cache-Control": "no-store",
    }


@dataclass
class Guard:
    """The run's secrets and the addresses the studio answers to."""

    hosts: FrozenSet[str]  # "127.0.0.1:8790", "localhost:8790"
    port: int
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    @property
    def cookie(self) -> str:
        return COOKIE.format(port=self.port)

    @property
    def origins(self) -> FrozenSet[str]:
        return frozenset(f"http://{host}" for host in self.hosts)

    def start_url(self) -> str:
        host = sorted(self.hosts)[0]
        return f"http://{host}/?key={self.secret}"

    def has_secret(self, headers: Headers) -> bool:
        from http.cookies import SimpleCookie

        jar = SimpleCookie()
        try:
            jar.load(headers.get("cookie", ""))
        except Exception:  # a malformed cookie header is simply no secret
            return False
        given = jar.get(self.cookie)
        return given is not None and hmac.compare_digest(given.value.encode(), self.secret.encode())

    def same_origin(self, headers: Headers) -> bool:
        origin = headers.get("origin")
        if origin is not None:
            return origin in self.origins
        referer = headers.get("referer")
        if referer:
            parts = urlsplit(referer)
            return f"{parts.scheme}://{parts.netloc}" in self.origins
        return False

    def csrf_ok(self, token: Optional[str]) -> bool:
        return isinstance(token, str) and hmac.compare_digest(token.encode(), self.csrf.encode())


Refuse = Callable[[str, int], Response]  # (reason code, status) -> the page that says what to do


class GuardMiddleware:
    """Every request passes here before any route: host, secret, origin, body size."""

    def __init__(self, app: ASGIApp, guard: Guard, refuse: Refuse):
        self.app = app
        self.guard = guard
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        method = scope["method"]
        if headers.get("host", "") not in self.guard.hosts:
            await self.refuse("host", 421)(scope, receive, send)
            return
        if method == "GET" and scope["path"] == "/" and "key" in parse_qs(scope.get("query_string", b"").decode("latin-1")):
            await self._first_visit(scope, receive, send)
            return
        public = method in SAFE_METHODS and scope["path"].startswith(PUBLIC)  # the pages' own CSS, script and icon
        if not public and not self.guard.has_secret(headers):
            await self.refuse("secret", 403)(scope, receive, send)
            return
        if method not in SAFE_METHODS and not self.guard.same_origin(headers):
            await self.refuse("origin", 403)(scope, receive, send)
            return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            await self.refuse("too-large", 413)(scope, receive, send)
            return
        await self.app(scope, _capped(receive), send)

    async def _first_visit(self, scope: Scope, receive: Receive, send: Send) -> None:
        given = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("key", [""])[0]
        if not hmac.compare_digest(given.encode(), self.guard.secret.encode()):
            await self.refuse("secret", 403)(scope, receive, send)
            return
        response = RedirectResponse("/", status_code=303, headers=headers_for(PAGE_CSP))
        response.set_cookie(self.guard.cookie, self.guard.secret, httponly=True, samesite="strict", path="/")
        await response(scope, receive, send)


class BodyTooLarge(Exception):
    """A body that runs past MAX_BODY without saying its length first."""


def _capped(receive: Receive) -> Receive:
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > MAX_BODY:
                raise BodyTooLarge()
        return message

    return wrapped
