"""The studio's routes. Every page's wording is in templates/; this module only decides what to show.

Each job calls the function the CLI calls: `school check`'s check_profile, `school init`'s writer,
`build`'s build(), the profile preview's contacts_by_audience, the live quiz's server.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import re
from http.cookies import CookieError, SimpleCookie
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.datastructures import FormData, Headers, UploadFile
from starlette.formparsers import MultiPartException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from ..adapt import adapt, lesson_review_notice, part_titles, signed_off
from ..build import BuildRequest, load_checked
from ..errors import ContentErrors, LessonkitError
from ..model.school import SignOff
from ..pack import pack_folder
from ..profiles.checks import ProfileCheck, check_profile
from ..profiles.logo import MAX_BYTES as LOGO_BYTES, check_logo
from ..profiles.preview import SCOPES, contacts_by_audience
from ..render import RenderOptions, formats
from ..yamlsource import parse
from ..model.school import profile_in
from ..translation import translated_project
from ..wording import DEFAULT_LANGUAGE, current_language, install, language
from . import profile_form as pf
from .jobs import Builds, Quizzes
from .pack_view import can_draw_slides, current_pack, slide_titles, thumbnails
from .security import FILE_CSP, PAGE_CSP, BodyTooLarge, Guard, GuardMiddleware, headers_for
from .workspace import OutsideWorkspace, Workspace

# The languages a pack can be built in, each named in its own language (docs/translations.md).
LANGUAGE_NAMES = {"en-GB": "English", "cy": "Cymraeg"}
# The studio's own pages: each language (by its short code) with its tag and its name in itself.
INTERFACE = {"en": ("en-GB", "English"), "cy": ("cy", "Cymraeg")}
LANGUAGE_COOKIE = "lessonkit-studio-language"
SAFE_NEXT = re.compile(r"/(?!/)[A-Za-z0-9/_.\-]*(?:\?[A-Za-z0-9=&_.%/\-]*)?")

STATIC = Path(__file__).resolve().parent / "static"
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml"}
FILE_TYPES = {
    "html": "text/html; charset=utf-8", "pdf": "application/pdf", "json": "application/json", "xml": "application/xml",
    "txt": "text/plain; charset=utf-8", "zip": "application/zip", "png": "image/png",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
NAV = (("home", "/"), ("profile", "/profile"), ("build", "/build"), ("pack", "/pack"), ("signoff", "/signoff"), ("quiz", "/quiz"))


def studio_environment() -> Environment:
    """The pages' templates, their words looked up in the catalogue when each page is rendered."""
    environment = Environment(
        loader=PackageLoader("toolkit.studio", "templates"), autoescape=select_autoescape(default=True),
        trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n"])
    install(environment)
    return environment


def interface_language(headers: Headers) -> str:
    """The studio's language for this request: the one the lead chose (remembered in a cookie), else English."""
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except CookieError:  # a malformed cookie header is simply no choice
        return INTERFACE["en"][0]
    chosen = jar.get(LANGUAGE_COOKIE)
    return INTERFACE.get(chosen.value if chosen else "en", INTERFACE["en"])[0]


class InterfaceLanguage:
    """Every page, message and refusal of one request in the language the lead chose."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with language(interface_language(Headers(scope=scope))):
            await self.app(scope, receive, send)


class Refused(Exception):
    def __init__(self, reason: str, status: int):
        self.reason, self.status = reason, status


@dataclass
class Studio:
    """What the app holds for one run: the workspace, its guard, builds and the quiz."""

    workspace: Workspace
    guard: Guard
    builds: Builds = field(default_factory=Builds)
    quizzes: Quizzes = field(default_factory=Quizzes)
    last_build: Optional[BuildRequest] = None
    env: Environment = field(default_factory=lambda: studio_environment())
    assets: Dict[str, Tuple[bytes, str]] = field(default_factory=lambda: {
        p.name: (p.read_bytes(), STATIC_TYPES[p.suffix]) for p in sorted(STATIC.iterdir()) if p.suffix in STATIC_TYPES})

    def page(self, template: str, request: Optional[Request], status: int = 200, **context: Any) -> HTMLResponse:
        current = template.split(".")[0]
        here = "/"
        if request is not None:
            here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        html = self.env.get_template(template).render(
            nav=NAV, current=current, csrf=self.guard.csrf, workspace=str(self.workspace.root),
            page_language=current_language(), interface=INTERFACE,
            language_names={code: name for code, (_tag, name) in INTERFACE.items()},
            here=here if SAFE_NEXT.fullmatch(here) else "/", **dict({"bare": False}, **context))
        return HTMLResponse(html, status_code=status, headers=headers_for(PAGE_CSP))

    def refuse(self, reason: str, status: int) -> Response:
        return self.page("refused.html", None, status, reason=reason, bare=True)  # nothing about the workspace

    # --- what the pages need -----------------------------------------------------------------------

    def profile(self) -> Tuple[Optional[Path], Optional[ProfileCheck]]:
        path = self.workspace.profile_path()
        return (path, check_profile(path)) if path else (None, None)

    def school(self):
        """The saved profile, if usable, with the school's own words in the studio's language."""
        path, check = self.profile()
        usable = check is not None and check.loaded is not None and not check.errors
        return path, (profile_in(check.profile, current_language()) if usable else None)

    def project(self):
        """The workspace's lessons, in the studio's language where they have a finished translation
        (docs/translations.md), else as written."""
        project, _ = load_checked(self.workspace.lessons)
        translated, missing = translated_project(project, current_language())
        return project if missing else translated


async def read_form(request: Request, studio: Studio) -> FormData:
    """The posted form, if it carries this run's CSRF token (else Refused)."""
    try:
        form = await request.form(max_files=1, max_fields=200, max_part_size=64 * 1024)
    except BodyTooLarge:
        raise Refused("too-large", 413) from None
    except (MultiPartException, ValueError, UnicodeDecodeError):
        raise Refused("unreadable", 400) from None
    token = form.get("csrf") if isinstance(form.get("csrf"), str) else request.headers.get("x-csrf-token")
    if not studio.guard.csrf_ok(token):
        raise Refused("csrf", 403)
    return form


def create_app(studio: Studio) -> Starlette:
    ws = studio.workspace

    def guarded(handler):
        async def wrapped(request: Request) -> Response:
            try:
                return await handler(request)
            except Refused as refused:
                return studio.refuse(refused.reason, refused.status)
            except OutsideWorkspace:
                return studio.refuse("outside", 400)
            except ContentErrors as problems:  # the workspace's own lessons (or the profile) have errors
                return studio.page("problem.html", request, 400, problem=problems.format_message(), findings=problems.findings)
            except LessonkitError as problem:
                return studio.page("problem.html", request, 400, problem=problem.format_message(), findings=[])
            except OSError as problem:  # the disk: full, read-only, no permission
                return studio.page("problem.html", request, 500, disk=problem.strerror or str(problem),
                                   path=problem.filename or "", findings=[])
        return wrapped

    # --- home and assets ---------------------------------------------------------------------------

    async def home(request: Request) -> Response:
        path, school = await asyncio.to_thread(studio.school)
        pack = current_pack(ws, pack_folder(school)) if school else None
        return studio.page("home.html", request, school=school, has_profile=path is not None, pack=pack,
                           quiz=studio.quizzes.current)

    async def choose_language(request: Request) -> Response:
        """The language switch: remember the choice, then back to the page it was made on."""
        chosen = request.query_params.get("to", "")
        back = request.query_params.get("next", "/")
        if chosen not in INTERFACE:
            return studio.refuse("not-found", 404)
        response = RedirectResponse(back if SAFE_NEXT.fullmatch(back) else "/", status_code=303, headers=headers_for(PAGE_CSP))
        response.set_cookie(LANGUAGE_COOKIE, chosen, max_age=365 * 24 * 3600, httponly=True, samesite="strict", path="/")
        return response

    async def static(request: Request) -> Response:
        asset = studio.assets.get(request.path_params["name"])
        if asset is None:
            return studio.refuse("not-found", 404)
        return Response(asset[0], media_type=asset[1], headers=headers_for(PAGE_CSP))

    # --- the profile ---------------------------------------------------------------------------------

    def profile_state(form: pf.ProfileForm, upload: Optional[UploadFile] = None,
                      upload_problems: Optional[List[pf.Shown]] = None) -> Tuple[pf.Checked, Dict[str, Any], str, str]:
        """The form as `school check` sees it; the colours' feedback; the id; the logo as the profile names it."""
        path, saved = studio.profile()
        raw = saved.loaded.raw if saved and saved.loaded else None
        saved_id = saved.profile.id if saved and saved.profile else (path.stem if path else None)
        school_id = form.school_id(saved_id)
        if form.nation() is None:
            form.problem("nation", "nation-missing")
        if not school_id:
            form.problem("name", "id-empty")
        for name in pf.required_fields():
            if not pf.given(form.get(name)):
                form.problem(name, "required")
        pending = form.get("logo_pending")
        if pending and not pf.is_pending_logo(ws, pending):
            form.values["logo_pending"] = pending = ""
        logo = pending or ("" if form.get("logo_remove") == "on" or not isinstance(raw, dict)
                           else str(raw.get("logo") or ""))
        shown_path = f"schools/{path.name if path else (school_id or 'school') + '.yaml'}"

        def run(values: pf.ProfileForm) -> pf.Checked:
            answers, where = values.answers(school_id or "school", logo, raw)
            text = pf.profile_text(values, answers, shown_path, raw)
            _, positions = parse(text.encode("utf-8"))
            result = pf.placed(pf.check_text(ws, text), positions, where, pf.field_names())
            result.yaml_text = text
            return result

        checked = run(form)
        broken = [name for name, shown in checked.by_field.items() if any(s.severity == "error" for s in shown)]
        if checked.check.loaded is None and broken:
            # A value the profile cannot hold (e.g. a malformed email) stops the other rules; run them
            # again without it, so every other field still gets its own messages as the lead types.
            rest = run(pf.ProfileForm({k: ("" if k in broken else v) for k, v in form.values.items()}))
            for name, shown in rest.by_field.items():
                if name not in broken:
                    checked.by_field[name] = shown
        if upload_problems:
            checked = pf.replace_fields(checked, {"logo": upload_problems})
        colours = {name: pf.colour_feedback(form.get(name), checked.by_field.get(name, []))
                   for name in ("primary", "secondary") if form.get(name).strip()}
        return checked, colours, school_id, logo

    def contacts_preview(school) -> List[Any]:
        project = studio.project()
        return contacts_by_audience(school, [l.model for l in project.lessons], project.audiences, project.routes)

    async def profile_page(request: Request) -> Response:
        path, saved = await asyncio.to_thread(studio.profile)
        if saved is None:
            form = pf.ProfileForm.blank()
            return studio.page("profile.html", request, form=form, checked=None, colours={}, saved=None,
                               nations=pf.nations(), deputies=pf.DEPUTIES, preview=None, logo=None, just_saved=False)
        form = pf.ProfileForm.from_profile(saved)
        checked, colours, _, logo = await asyncio.to_thread(profile_state, form)
        # Warnings about the file itself (e.g. a contact not verified for a year) come from the saved file.
        saved_only = [pf.Shown.of(f) for f in saved.findings if f.rule == "stale"]
        checked.general += saved_only
        preview = await asyncio.to_thread(contacts_preview, saved.profile) if saved.profile and not saved.errors else None
        return studio.page("profile.html", request, form=form, checked=checked, colours=colours, saved=path.name,
                           nations=pf.nations(), deputies=pf.DEPUTIES, preview=preview, scopes=SCOPES,
                           logo=logo, just_saved=request.query_params.get("saved") == "1")

    async def take_upload(upload: Any) -> Tuple[str, List[pf.Shown]]:
        """A logo the lead chose: checked by the logo rules, kept under a pending name until the save."""
        if not isinstance(upload, UploadFile) or not upload.filename:
            return "", []
        data = await upload.read(LOGO_BYTES * 4 + 1)
        written = os.path.basename(upload.filename.replace("\\", "/"))[:200] or "logo"
        scratch = ws.scratch_file(ws.schools, ".upload")
        ws.write(scratch, data)
        try:
            problems = check_logo(scratch, written)
            shown = [pf.Shown(s, m, h) for s, m, h in problems]
            if any(s == "error" for s, _, _ in problems):
                return "", shown
            kind = "png" if data.startswith(b"\x89PNG\r\n\x1a\n") else "jpg"
            pending = ws.scratch_file(ws.schools, "").name.replace(".studio-", ".studio-logo-") + f".{kind}"
            ws.inside(ws.schools / pending)
            os.replace(scratch, ws.schools / pending)
            return pending, shown
        finally:
            scratch.unlink(missing_ok=True)

    async def profile_save(request: Request) -> Response:
        form_data = await read_form(request, studio)
        form = pf.ProfileForm.from_request(form_data)
        pending, upload_problems = await take_upload(form_data.get("logo"))
        if pending:
            form.values["logo_pending"] = pending
            form.values["logo_remove"] = ""
        checked, colours, school_id, logo = await asyncio.to_thread(profile_state, form, None, upload_problems)
        path, saved = studio.profile()
        if checked.errors or form.problems or any(s.severity == "error" for s in upload_problems):
            return studio.page("profile.html", request, 422, form=form, checked=checked, colours=colours,
                               saved=path.name if path else None, nations=pf.nations(), deputies=pf.DEPUTIES,
                               preview=None, logo=logo, failed=True, just_saved=False)
        target = path or ws.schools / f"{school_id}.yaml"
        text = checked.yaml_text
        pending = form.get("logo_pending")  # checked in this request or kept from a failed save
        if pending and logo == pending:
            final = pf.logo_name(school_id, pending)
            text = text.replace(json.dumps(pending), json.dumps(final), 1)
            os.replace(ws.inside(ws.schools / pending), ws.inside(ws.schools / final))
        ws.write(target, text.encode("utf-8"))
        return RedirectResponse("/profile?saved=1#saved", status_code=303)

    async def profile_check(request: Request) -> Response:
        """As the lead types: the same checks, each field's messages as the page words them."""
        form_data = await read_form(request, studio)
        form = pf.ProfileForm.from_request(form_data)
        checked, colours, _, _ = await asyncio.to_thread(profile_state, form)
        macros = studio.env.get_template("messages.html").module
        fields = {name: str(macros.field_messages(name, checked.by_field.get(name, []), form.problems.get(name, [])))
                  for name in pf.field_names()}
        return JSONResponse({
            "fields": fields,
            "invalid": [name for name in pf.field_names()
                        if any(s.severity == "error" for s in checked.by_field.get(name, [])) or form.problems.get(name)],
            "general": str(macros.general_messages(checked.general)),
            "colours": {name: str(macros.colour_feedback(name, colours.get(name))) for name in ("primary", "secondary")},
        }, headers=headers_for(PAGE_CSP))

    async def logo_image(request: Request) -> Response:
        name = request.path_params["name"]
        path = ws.schools / name
        if "/" in name or name.startswith(".") and not pf.is_pending_logo(ws, name):
            return studio.refuse("not-found", 404)
        real = ws.inside(path)
        if not real.is_file() or real.parent != ws.schools or check_logo(real, name) and any(
                s == "error" for s, _, _ in check_logo(real, name)):
            return studio.refuse("not-found", 404)
        media = "image/png" if real.read_bytes()[:4] == b"\x89PNG" else "image/jpeg"
        return Response(real.read_bytes(), media_type=media, headers=headers_for(FILE_CSP))

    # --- build ---------------------------------------------------------------------------------------

    def build_options(school) -> Dict[str, Any]:
        project = studio.project()
        lessons = []
        for loaded in project.lessons:
            lesson = loaded.model
            own = school.lesson_choices.get(lesson.id) if school else None
            titles = part_titles(lesson, lesson.audiences[0])
            sessions = []
            for session in lesson.sessions:
                parts = []
                for step in session.plan:
                    if step.optional:
                        taught = (step.part not in own.exclude if own else True) if step.optional == "in" else \
                            (step.part in own.include if own else False)
                        parts.append({"id": step.part, "title": titles.get(step.part, step.part), "minutes": step.minutes,
                                      "taught": taught})
                title = session.title if isinstance(session.title, str) else session.title.get("default", session.id)
                sessions.append({"id": session.id, "title": title, "minutes": session.minutes, "parts": parts})
            title = lesson.title if isinstance(lesson.title, str) else lesson.title["default"]
            lessons.append({"id": lesson.id, "title": title, "version": lesson.version, "audiences": lesson.audiences,
                            "sessions": sessions})
        audiences = [{"id": a.id, "name": a.names.for_nation(school.nation) if school else a.label}
                     for a in project.audiences.values()]
        return {"lessons": lessons, "audiences": audiences,
                "formats": [{"name": f.name, "description": f.description} for f in formats().values()]}

    async def build_page(request: Request) -> Response:
        path, school = await asyncio.to_thread(studio.school)
        options = await asyncio.to_thread(build_options, school) if school else None
        return studio.page("build.html", request, school=school, has_profile=path is not None, options=options,
                           chosen=None, problems=[])

    async def build_start(request: Request) -> Response:
        form = await read_form(request, studio)
        path, school = await asyncio.to_thread(studio.school)
        if school is None:
            return RedirectResponse("/build", status_code=303)
        options = await asyncio.to_thread(build_options, school)
        lessons = [v for v in form.getlist("lesson") if any(l["id"] == v for l in options["lessons"])]
        audiences = [v for v in form.getlist("audience") if any(a["id"] == v for a in options["audiences"])]
        chosen_formats = [v for v in form.getlist("format") if any(f["name"] == v for f in options["formats"])]
        paper = form.get("paper") if form.get("paper") in ("a4", "letter") else "a4"
        problems = [code for code, missing in (("no-lesson", not lessons), ("no-audience", not audiences),
                                               ("no-format", not chosen_formats)) if missing]
        picked = set(v for v in form.getlist("part") if isinstance(v, str))
        include, exclude = [], []
        for lesson in options["lessons"]:
            if lesson["id"] not in lessons:
                continue
            for session in lesson["sessions"]:
                for part in session["parts"]:
                    key = f"{lesson['id']}:{part['id']}"
                    if key in picked and not part["taught"] and part["id"] not in include:
                        include.append(part["id"])
                    if key not in picked and part["taught"] and part["id"] not in exclude:
                        exclude.append(part["id"])
        if not problems and not any(a in l["audiences"] for l in options["lessons"] if l["id"] in lessons for a in audiences):
            problems.append("no-pair")
        language = form.get("language") if form.get("language") in LANGUAGE_NAMES else "en-GB"
        chosen = {"lessons": lessons, "audiences": audiences, "formats": chosen_formats, "paper": paper,
                  "large_print": form.get("large_print") == "on", "parts": picked, "language": language}
        if problems:
            return studio.page("build.html", request, 422, school=school, has_profile=True, options=options,
                               chosen=chosen, problems=problems)
        request_ = BuildRequest(
            lesson_paths=ws.lessons, lessons=lessons, audiences=audiences, formats=chosen_formats, school=path,
            output=ws.output, include=include, exclude=exclude,
            options=RenderOptions(paper=paper, large_print=chosen["large_print"], language=language))
        studio.last_build = request_
        job = studio.builds.start(request_)
        return RedirectResponse(f"/build/{job.id}", status_code=303)

    async def build_again(request: Request) -> Response:
        await read_form(request, studio)
        if studio.last_build is None:
            return RedirectResponse("/build", status_code=303)
        job = studio.builds.start(studio.last_build)
        return RedirectResponse(f"/build/{job.id}", status_code=303)

    async def build_job(request: Request) -> Response:
        job = studio.builds.get(request.path_params["job"])
        if job is None:
            return studio.refuse("not-found", 404)
        return studio.page("progress.html", request, job=job)

    async def build_events(request: Request) -> Response:
        job = studio.builds.get(request.path_params["job"])
        if job is None:
            return studio.refuse("not-found", 404)
        macros = studio.env.get_template("messages.html").module

        async def events():
            last = None
            while True:
                state = (job.done, job.total, job.state)
                if state != last:
                    last = state
                    payload = {"percent": job.percent, "done": job.done, "total": job.total, "state": job.state,
                               "status": str(macros.status(job))}
                    yield f"data: {json.dumps(payload)}\n\n"
                if job.state != "running":
                    return
                if await request.is_disconnected():
                    return
                await asyncio.sleep(0.2)

        headers = dict(headers_for(PAGE_CSP), **{"X-Accel-Buffering": "no"})
        return StreamingResponse(events(), media_type="text/event-stream", headers=headers)

    # --- the pack ------------------------------------------------------------------------------------

    async def pack_page(request: Request) -> Response:
        path, school = await asyncio.to_thread(studio.school)
        pack = current_pack(ws, pack_folder(school)) if school else None
        outlines = {}
        if pack:
            for group in pack.groups:
                for deck in group.decks:
                    outlines[deck.path] = await asyncio.to_thread(slide_titles, ws.inside(ws.output / deck.path))
        return studio.page("pack.html", request, school=school, pack=pack, outlines=outlines,
                           thumbs=can_draw_slides(), built=request.query_params.get("built") == "1")

    def pack_file(relative: str) -> Path:
        path, school = studio.school()
        pack = current_pack(ws, pack_folder(school)) if school else None
        if pack is None or relative not in pack.paths:
            raise Refused("not-found", 404)
        real = ws.inside(ws.output / relative)
        if not real.is_file() or ws.inside(ws.output) not in real.parents:
            raise Refused("not-found", 404)
        return real

    async def file_download(request: Request) -> Response:
        relative = request.path_params["path"]
        real = await asyncio.to_thread(pack_file, relative)
        kind = real.suffix.lstrip(".").lower()
        headers = headers_for(FILE_CSP)
        if request.query_params.get("download") == "1" or kind not in ("html", "pdf", "png", "txt", "json", "xml"):
            headers["Content-Disposition"] = f'attachment; filename="{real.name}"'
        return Response(real.read_bytes(), media_type=FILE_TYPES.get(kind, "application/octet-stream"), headers=headers)

    async def thumb(request: Request) -> Response:
        relative, number = request.path_params["path"], request.path_params["number"]
        real = await asyncio.to_thread(pack_file, relative)
        path, school = studio.school()
        pack = current_pack(ws, pack_folder(school))
        sha = next(f.sha256 for g in pack.groups for f in g.files if f.path == relative)
        pngs = await asyncio.to_thread(thumbnails, ws, real, sha) if can_draw_slides() else []
        if not 1 <= number <= len(pngs):
            return studio.refuse("not-found", 404)
        return Response(pngs[number - 1].read_bytes(), media_type="image/png", headers=headers_for(FILE_CSP))

    # --- sign-off ------------------------------------------------------------------------------------

    def signoff_context(school) -> Dict[str, Any]:
        project = studio.project()
        lessons = []
        for loaded in project.lessons:
            lesson = loaded.model
            title = lesson.title if isinstance(lesson.title, str) else lesson.title["default"]
            lessons.append({"id": lesson.id, "title": title, "version": lesson.version,
                            "signed": signed_off(lesson, school), "notice": lesson_review_notice(lesson, school)})
        return {"lessons": lessons}

    async def signoff_page(request: Request) -> Response:
        path, school = await asyncio.to_thread(studio.school)
        context = await asyncio.to_thread(signoff_context, school) if school else {"lessons": []}
        values = {}
        if school:
            given = school.sign_off
            values = {"name": given.name if given else school.lead.name, "role": (given.role if given else school.lead.role) or "",
                      "date": dt.date.today().isoformat(),
                      "lessons": [l["id"] for l in context["lessons"] if l["signed"]] or [l["id"] for l in context["lessons"]]}
        return studio.page("signoff.html", request, school=school, has_profile=path is not None, values=values,
                           problems={}, saved=request.query_params.get("saved") == "1",
                           can_rebuild=studio.last_build is not None, **context)

    async def signoff_save(request: Request) -> Response:
        form = await read_form(request, studio)
        path, school = await asyncio.to_thread(studio.school)
        if school is None:
            return RedirectResponse("/signoff", status_code=303)
        context = await asyncio.to_thread(signoff_context, school)
        versions = {l["id"]: l["version"] for l in context["lessons"]}
        text = lambda name: (form.get(name) if isinstance(form.get(name), str) else "").strip()[:pf.MAX_FIELD]  # noqa: E731
        values = {"name": text("name"), "role": text("role"), "date": text("date"),
                  "lessons": [v for v in form.getlist("lesson") if v in versions]}
        problems: Dict[str, List[str]] = {}
        try:
            date = dt.date.fromisoformat(values["date"])
        except ValueError:
            date = None
            problems["date"] = ["date-invalid"]
        record = {"name": values["name"], **({"role": values["role"]} if values["role"] else {}),
                  "date": date, "lessons": {l: versions[l] for l in values["lessons"]}}
        try:
            SignOff.model_validate(record)
        except ValidationError as errors:
            for error in errors.errors():
                name = str(error["loc"][0]) if error["loc"] else "name"
                if name != "date" or "date" not in problems:
                    problems.setdefault(name, []).append(f"{name}-invalid")
        if not problems:
            new_text = pf.with_sign_off(path.read_text(encoding="utf-8"), record)
            check = await asyncio.to_thread(pf.check_text, ws, new_text)
            if check.errors:
                problems["general"] = ["profile-invalid"]
            else:
                ws.write(path, new_text.encode("utf-8"))
                return RedirectResponse("/signoff?saved=1#saved", status_code=303)
        return studio.page("signoff.html", request, 422, school=school, has_profile=True, values=values,
                           problems=problems, saved=False, can_rebuild=studio.last_build is not None, **context)

    # --- the live quiz -------------------------------------------------------------------------------

    def quiz_choices(school) -> List[Dict[str, str]]:
        project = studio.project()
        choices = []
        for loaded in project.lessons:
            lesson = loaded.model
            for audience_id in lesson.audiences:
                adapted = adapt(lesson, project.audiences[audience_id], project.routes, school)
                if adapted.quiz:
                    choices.append({"value": f"{lesson.id}/{audience_id}", "lesson": adapted.title,
                                    "audience": adapted.audience_name})
        return choices

    async def quiz_page(request: Request) -> Response:
        path, school = await asyncio.to_thread(studio.school)
        choices = await asyncio.to_thread(quiz_choices, school)
        return studio.page("quiz.html", request, school=school, choices=choices, quiz=studio.quizzes.current, problem="")

    async def quiz_start(request: Request) -> Response:
        form = await read_form(request, studio)
        path, school = await asyncio.to_thread(studio.school)
        value = form.get("quiz") if isinstance(form.get("quiz"), str) else ""
        lesson_id, _, audience_id = value.partition("/")
        project = await asyncio.to_thread(studio.project)
        lesson = project.lesson(lesson_id)
        if lesson is None or audience_id not in lesson.audiences:
            choices = await asyncio.to_thread(quiz_choices, school)
            return studio.page("quiz.html", request, 422, school=school, choices=choices,
                               quiz=studio.quizzes.current, problem="no-quiz")
        with language(DEFAULT_LANGUAGE):  # the quiz itself as `lessonkit quiz serve` starts it, whatever the studio's language
            project, school = await asyncio.to_thread(lambda: (studio.project(), studio.school()[1]))
            adapted = adapt(project.lesson(lesson_id), project.audiences[audience_id], project.routes, school)
        running = await asyncio.to_thread(studio.quizzes.start, lesson_id, audience_id, adapted, form.get("network") == "on")
        return RedirectResponse(running.teacher_url, status_code=303)

    async def quiz_stop(request: Request) -> Response:
        await read_form(request, studio)
        await asyncio.to_thread(studio.quizzes.stop)
        return RedirectResponse("/quiz", status_code=303)

    async def not_found(request: Request, exc: Exception) -> Response:
        return studio.refuse("not-found", 404)

    async def method_not_allowed(request: Request, exc: Exception) -> Response:
        return studio.refuse("method", 405)

    routes = [
        Route("/", guarded(home)),
        Route("/static/{name}", guarded(static)),
        Route("/language", guarded(choose_language), methods=["GET"]),
        Route("/profile", guarded(profile_page), methods=["GET"]),
        Route("/profile", guarded(profile_save), methods=["POST"]),
        Route("/profile/check", guarded(profile_check), methods=["POST"]),
        Route("/logo/{name}", guarded(logo_image)),
        Route("/build", guarded(build_page), methods=["GET"]),
        Route("/build", guarded(build_start), methods=["POST"]),
        Route("/build/again", guarded(build_again), methods=["POST"]),
        Route("/build/{job}", guarded(build_job)),
        Route("/build/{job}/events", guarded(build_events)),
        Route("/pack", guarded(pack_page)),
        Route("/files/{path:path}", guarded(file_download)),
        Route("/slides/{number:int}/{path:path}", guarded(thumb)),
        Route("/signoff", guarded(signoff_page), methods=["GET"]),
        Route("/signoff", guarded(signoff_save), methods=["POST"]),
        Route("/quiz", guarded(quiz_page), methods=["GET"]),
        Route("/quiz", guarded(quiz_start), methods=["POST"]),
        Route("/quiz/stop", guarded(quiz_stop), methods=["POST"]),
    ]

    async def shutdown() -> None:
        await asyncio.to_thread(studio.quizzes.stop)

    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def lifespan(app):
        yield
        await shutdown()

    return Starlette(routes=routes, lifespan=lifespan,
                     middleware=[Middleware(InterfaceLanguage),
                                 Middleware(GuardMiddleware, guard=studio.guard, refuse=studio.refuse)],
                     exception_handlers={404: not_found, 405: method_not_allowed})
