"""The web app: two pages and their assets, served from the package, and the two websockets.

Every response carries a strict Content-Security-Policy: scripts, styles and connections only from
this server, so the pages work with no internet and make no third-party requests.
"""

from __future__ import annotations

import contextlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Dict, Optional, Sequence, Tuple

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket

from jinja2 import Environment, StrictUndefined

from ..wording import _, current_language, install, language, phrases

from .content import language_choices
from .hub import Hub

STATIC = Path(__file__).resolve().parent / "static"
PAGES = {"/": "pupil.html", "/teacher": "teacher.html"}
TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml"}

# Pupils reach the laptop by its IP address. Refusing other names defeats DNS-rebinding pages.
ALLOWED_HOST = re.compile(
    r"(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\]|localhost|[A-Za-z0-9-]{1,63}\.local)(?::\d{1,5})?"
)


def csp(host: str) -> str:
    return ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
            f"connect-src 'self' ws://{host}; object-src 'none'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'")


def security_headers(host: str) -> Dict[str, str]:
    return {
        "Content-Security-Policy": csp(host),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        "Cache-Control": "no-cache",
    }


def load_assets(languages: Optional[Sequence[str]] = None) -> Dict[str, Tuple[bytes, str]]:
    """Every file the pages use, read once at start-up; nothing else on disk is ever served. The pages
    and the scripts' words are in the quiz's first language (toolkit.wording), chosen before start-up.

    With several `languages` (each pupil chooses theirs), the pupil's page has a language switch, and
    words.js carries every language's words and the page's fixed texts, so the page changes language
    in place, keeping the pupil's place and answers."""
    languages = tuple(languages or (current_language(),))
    choices = language_choices(languages) if len(languages) > 1 else []
    assets = {path.name: (path.read_bytes(), TYPES[path.suffix]) for path in sorted(STATIC.iterdir())
              if path.suffix in TYPES}
    environment = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True,
                              extensions=["jinja2.ext.i18n"])
    install(environment)
    environment.globals["phrases"] = phrases
    templates = {name: environment.from_string(data.decode("utf-8")) for name, (data, _type) in assets.items()
                 if name.endswith(".html")}
    scripts = [data.decode("utf-8") for name, (data, _type) in assets.items() if name.endswith(".js")]
    words, fixed = {}, {}
    for tag in languages:
        with language(tag) if len(languages) > 1 else contextlib.nullcontext():
            words[tag] = script_words(scripts)
            for name, template in templates.items():
                page = template.render(language=current_language(), choices=choices)
                if tag == languages[0]:
                    assets[name] = (page.encode("utf-8"), TYPES[".html"])
                if name == PAGES["/"] and choices:
                    fixed[tag] = fixed_texts(page)
    script = "window.LiveWords = " + json.dumps(words[languages[0]], ensure_ascii=False, sort_keys=True) + ";\n"
    if choices:
        script += "window.LiveLanguages = " + json.dumps({"choices": choices, "words": words, "fixed": fixed},
                                                          ensure_ascii=False, sort_keys=True) + ";\n"
    assets[WORDS] = (script.encode("utf-8"), TYPES[".js"])
    return assets


class _FixedTexts(HTMLParser):
    """A page's fixed texts: each element marked `data-fixed="text"` (its text) or `data-fixed="label"`
    (its aria-label), by id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: Dict[str, Dict[str, str]] = {}
        self.reading: Optional[Tuple[str, str]] = None  # (tag, id) of the text being read

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        kind, key = attributes.get("data-fixed"), attributes.get("id")
        if kind == "label" and key:
            self.found[key] = {"label": attributes.get("aria-label") or ""}
        elif kind == "text" and key:
            self.found[key] = {"text": ""}
            self.reading = (tag, key)

    def handle_endtag(self, tag) -> None:
        if self.reading and tag == self.reading[0]:
            found = self.found[self.reading[1]]
            found["text"] = " ".join(found["text"].split())
            self.reading = None

    def handle_data(self, data) -> None:
        if self.reading:
            self.found[self.reading[1]]["text"] += data


def fixed_texts(page: str) -> Dict[str, Dict[str, str]]:
    parser = _FixedTexts()
    parser.feed(page)
    parser.close()
    return parser.found


# The scripts look their words up with gettext("..."): one message id in double quotes.
SCRIPT_MESSAGE = re.compile(r'\bgettext\(\s*("(?:[^"\\\n]|\\.)*")')
WORDS = "words.js"


def script_words(scripts) -> Dict[str, str]:
    """Each message the scripts use, in the current language, for `Live.gettext` (words.js)."""
    words = {}
    for script in scripts:
        for literal in SCRIPT_MESSAGE.findall(script):
            message = json.loads(literal)
            words[message] = _(message)
    return words


def _host(scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"host":
            return value.decode("latin-1")
    return ""


def _origin_matches(scope, host: str) -> bool:
    """Browsers send Origin on websockets; a page from anywhere else may not drive this quiz."""
    for name, value in scope.get("headers", ()):
        if name == b"origin":
            return value.decode("latin-1") == f"http://{host}"
    return True  # not a browser (e.g. the load benchmark)


class Guard:
    """Checks the Host (and a websocket's Origin) and adds the security headers to every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        host = _host(scope)
        if not ALLOWED_HOST.fullmatch(host):
            if scope["type"] == "websocket":
                return await send({"type": "websocket.close", "code": 1008})
            return await PlainTextResponse(
                _("Open the quiz by the address shown on the teacher's screen, e.g. http://192.168.1.20:8765/"),
                status_code=421)(scope, receive, send)
        if scope["type"] == "websocket":
            if not _origin_matches(scope, host):
                return await send({"type": "websocket.close", "code": 1008})
            return await self.app(scope, receive, send)
        extra = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in security_headers(host).items()]

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = dict(message, headers=list(message.get("headers", [])) + extra)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(hub: Hub) -> Starlette:
    assets = load_assets(hub.session.languages)

    def file_response(name: str) -> Response:
        data, media_type = assets[name]
        return Response(data, media_type=media_type)

    async def page(request: Request) -> Response:
        return file_response(PAGES[request.url.path])

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in assets or name.endswith(".html"):
            return PlainTextResponse(_("Not found"), status_code=404)
        return file_response(name)

    def address(websocket: WebSocket) -> str:
        return websocket.client.host if websocket.client else "unknown"

    async def pupil_socket(websocket: WebSocket) -> None:
        await hub.run_pupil(websocket, address(websocket))

    async def teacher_socket(websocket: WebSocket) -> None:
        await hub.run_teacher(websocket, address(websocket))

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        hub.save()  # the latest counts, even if the teacher stops the server mid-quiz

    app = Starlette(
        routes=[
            Route("/", page), Route("/teacher", page), Route("/static/{name}", asset),
            WebSocketRoute("/ws", pupil_socket), WebSocketRoute("/ws/teacher", teacher_socket),
        ],
        middleware=[Middleware(Guard)],
        lifespan=lifespan,
    )
    return app
