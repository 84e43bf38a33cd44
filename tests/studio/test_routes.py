"""Every route of the studio through Starlette's TestClient: the whole job, each page, each answer."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import zipfile

from click.testing import CliRunner

from toolkit.cli import main
from toolkit.profiles.checks import check_profile
from toolkit.studio import server as studio_server

from .conftest import PROFILE, png, post, save_profile

MESSAGE = re.compile(r'<p class="msg (error|warning)">(.*?)</p>', re.S)


def messages(html: str):
    return [(kind, re.sub(r"<[^>]+>", "", text)) for kind, text in MESSAGE.findall(html)]


def profile_file(workspace):
    found = sorted((workspace / "schools").glob("*.yaml"))
    assert len(found) == 1, found
    return found[0]


def build(client, studio, **choices):
    data = {"lesson": "online-blackmail", "audience": "ks3", "format": ["slides", "handout"], "paper": "a4"}
    response = post(client, studio, "/build", dict(data, **choices))
    assert response.status_code == 303, response.text
    job = response.headers["location"]
    events = client.get(job + "/events")
    assert events.headers["content-type"].startswith("text/event-stream")
    return job, events.text


def test_the_start_page_lists_the_steps(client):
    page = client.get("/")
    assert page.status_code == 200
    for step in ("School profile", "Choose and build", "Look at the pack", "Sign off", "Run the live quiz"):
        assert step in page.text
    assert "Not started." in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'self'")


def test_an_empty_workspace_gets_a_blank_profile_form_nation_first(client):
    page = client.get("/profile")
    assert page.status_code == 200
    assert page.text.index('name="nation"') < page.text.index('name="name"') < page.text.index('name="lead_name"')
    assert 'name="csrf"' in page.text


def test_a_wrong_phone_number_is_refused_beside_its_field_and_nothing_typed_is_lost(client, studio, workspace):
    answer = save_profile(client, studio, lead_phone="01632 96012")
    assert answer.status_code == 422
    assert list((workspace / "schools").glob("*.yaml")) == []
    box = re.search(r'id="msg-lead_phone"[^>]*>(.*?)</div>', answer.text, re.S).group(1)
    assert "'01632 96012' is not a UK phone number" in box.replace("&#39;", "'")
    assert re.search(r'name="lead_phone" type="tel" value="01632 96012"', answer.text)
    for name in ("lead_name", "lead_where", "deputy1_name", "services_phone", "police_name"):
        assert f'value="{PROFILE[name]}"'.replace("'", "&#39;") in answer.text, name
    assert "Not saved yet" in answer.text
    fixed = save_profile(client, studio)
    assert fixed.status_code == 303 and fixed.headers["location"].startswith("/profile?saved=1")
    assert not check_profile(profile_file(workspace)).errors


def test_the_saved_profile_is_what_school_init_writes_for_the_same_answers(client, studio, workspace, tmp_path, monkeypatch):
    assert save_profile(client, studio).status_code == 303
    saved = profile_file(workspace)
    monkeypatch.chdir(workspace)
    result = CliRunner().invoke(main, [
        "school", "init", str(tmp_path / "cli.yaml"), "--no-input", "--fictional", "--nation", "england",
        "--name", PROFILE["name"], "--id", saved.stem,
        "--lead-name", PROFILE["lead_name"], "--lead-where", PROFILE["lead_where"], "--lead-phone", PROFILE["lead_phone"],
        "--lead-email", PROFILE["lead_email"], "--deputy-name", PROFILE["deputy1_name"],
        "--deputy-where", PROFILE["deputy1_where"], "--deputy-phone", PROFILE["deputy1_phone"],
        "--police-name", PROFILE["police_name"], "--childrens-services-name", PROFILE["services_name"],
        "--childrens-services-phone", PROFILE["services_phone"], "--primary", PROFILE["primary"],
    ])
    assert result.exit_code == 0, result.output
    cli = (tmp_path / "cli.yaml").read_text(encoding="utf-8").splitlines()
    ours = saved.read_text(encoding="utf-8").splitlines()
    differ = [(a, b) for a, b in zip(cli, ours) if a != b]
    assert len(cli) == len(ours)
    assert all("cli.yaml" in a and saved.name in b for a, b in differ), differ  # only the lines naming the file


def test_the_check_endpoint_runs_the_profile_checks_as_the_lead_types(client, studio):
    answer = post(client, studio, "/profile/check", dict(PROFILE, lead_email="not an address", primary="#88AACC"))
    assert answer.status_code == 200
    body = answer.json()
    assert "lead_email" in body["invalid"] and "lead_phone" not in body["invalid"]
    assert "email" in body["fields"]["lead_email"].lower()
    assert body["fields"]["lead_phone"].strip() == ""
    colour = body["colours"]["primary"]
    assert "2.4:1" in colour and "Too hard to read" in colour and "Use #617991" in colour
    fine = post(client, studio, "/profile/check", PROFILE).json()
    assert fine["invalid"] == [] and "Readable" in fine["colours"]["primary"]


def test_a_nation_is_required_and_sets_the_default_role(client, studio, workspace):
    answer = save_profile(client, studio, nation="atlantis")
    assert answer.status_code == 422 and "Choose the nation your school is in" in answer.text
    assert save_profile(client, studio, nation="wales", police_name="").status_code == 303
    text = profile_file(workspace).read_text(encoding="utf-8")
    assert "nation: wales" in text and 'role: "Designated Safeguarding Person"' in text


def test_the_saved_profile_page_shows_every_contact_per_audience(client, studio):
    assert save_profile(client, studio).status_code == 303
    page = client.get("/profile?saved=1")
    assert "Saved" in page.text and "Every contact, as each audience will see it" in page.text
    preview = page.text[page.text.index('id="preview-heading"'):]
    assert "Key Stage 3 (Years 7 to 9)" in preview and "Mrs Helen Carter" in preview and "Childline" in preview
    assert 'value="Mrs Helen Carter"' in page.text  # the form holds the saved values for editing


def test_a_real_logo_is_kept_beside_the_profile_and_a_resave_keeps_it(client, studio, workspace):
    answer = save_profile(client, studio, **{}) if False else post(
        client, studio, "/profile", PROFILE, files={"logo": ("crest.png", png(), "image/png")})
    assert answer.status_code == 303, messages(answer.text)
    text = profile_file(workspace).read_text(encoding="utf-8")
    assert 'logo: "hazelbrook-academy-example-logo.png"' in text
    assert (workspace / "schools" / "hazelbrook-academy-example-logo.png").read_bytes() == png()
    page = client.get("/profile")
    assert '<img src="/logo/hazelbrook-academy-example-logo.png" alt="Hazelbrook Academy crest">' in page.text
    assert client.get("/logo/hazelbrook-academy-example-logo.png").content == png()
    assert save_profile(client, studio).status_code == 303
    assert 'logo: "hazelbrook-academy-example-logo.png"' in profile_file(workspace).read_text(encoding="utf-8")
    assert save_profile(client, studio, logo_remove="on").status_code == 303
    assert "\nlogo:" not in profile_file(workspace).read_text(encoding="utf-8")


def test_a_checked_logo_survives_a_failed_save(client, studio, workspace):
    failed = post(client, studio, "/profile", dict(PROFILE, lead_phone="12"), files={"logo": ("crest.png", png(), "image/png")})
    assert failed.status_code == 422
    pending = re.search(r'name="logo_pending" value="([^"]+)"', failed.text).group(1)
    assert (workspace / "schools" / pending).is_file()
    assert save_profile(client, studio, logo_pending=pending).status_code == 303
    assert 'logo: "hazelbrook-academy-example-logo.png"' in profile_file(workspace).read_text(encoding="utf-8")
    assert not (workspace / "schools" / pending).exists()


def test_a_resave_keeps_the_sign_off_and_lesson_choices(client, studio, workspace):
    assert save_profile(client, studio).status_code == 303
    path = profile_file(workspace)
    path.write_text(path.read_text(encoding="utf-8") + "lesson_choices:\n  online-blackmail:\n    include: [copied-account]\n",
                    encoding="utf-8")
    assert post(client, studio, "/signoff", {"name": "Mrs Helen Carter", "date": "2026-12-01",
                                             "lesson": "online-blackmail"}).status_code == 303
    assert save_profile(client, studio, lead_where="Room C4").status_code == 303
    profile = check_profile(path).profile
    assert profile.safeguarding_contacts[0].where_to_find == "Room C4"
    assert profile.sign_off.name == "Mrs Helen Carter" and profile.sign_off.date == dt.date(2026, 12, 1)
    assert profile.lesson_choices["online-blackmail"].include == ["copied-account"]


def test_build_needs_a_profile_first(client):
    page = client.get("/build")
    assert "Start with the school profile" in page.text


def test_build_refuses_an_empty_choice_with_a_message(client, studio):
    assert save_profile(client, studio).status_code == 303
    answer = post(client, studio, "/build", {"lesson": "online-blackmail", "paper": "a4"})
    assert answer.status_code == 422
    assert "Tick at least one audience." in answer.text and "Tick at least one kind of file." in answer.text
    assert 'id="lesson-online-blackmail" name="lesson" value="online-blackmail" checked' in answer.text
    assert 'id="lesson-parents-session" name="lesson" value="parents-session">' in answer.text
    none = post(client, studio, "/build", {"lesson": "parents-session", "audience": "ks3", "format": "slides"})
    assert none.status_code == 422 and "None of the ticked lessons is written for the ticked audiences" in none.text


def test_the_build_form_offers_lessons_audiences_sessions_parts_formats_and_paper(client, studio):
    assert save_profile(client, studio, nation="scotland", police_name="Police Scotland").status_code == 303
    page = client.get("/build").text
    assert "S1 to S3" in page  # the audiences in the nation's terms
    for name in ('name="part" value="online-blackmail:', 'name="format" value="slides"', 'name="paper" value="letter"',
                 'name="large_print"', "minutes)"):
        assert name in page


def test_build_streams_progress_then_shows_the_pack(client, studio, workspace):
    assert save_profile(client, studio).status_code == 303
    job, events = build(client, studio)
    states = [line for line in events.splitlines() if line.startswith("data: ")]
    assert '"state": "done"' in states[-1] and '"percent": 100' in states[-1]
    assert any('"state": "running"' in s for s in states)
    assert "The pack is built" in client.get(job).text
    pack = client.get("/pack?built=1")
    assert pack.status_code == 200 and "Built" in pack.text
    twins = re.findall(r'<iframe src="(/files/[^"]+\.html)" title="([^"]+)"', pack.text)
    assert twins and all("accessible web page" in title for _, title in twins)
    twin = client.get(twins[0][0])
    assert twin.status_code == 200 and twin.headers["content-type"].startswith("text/html")
    assert "script-src" not in twin.headers["content-security-policy"] and "frame-ancestors 'self'" in twin.headers["content-security-policy"]
    assert "Draft: to be reviewed" in pack.text and "Sign it off" in pack.text
    downloads = re.findall(r'href="(/files/[^"]+)\?download=1"', pack.text)
    decks = [d for d in downloads if d.endswith(".pptx")]
    assert decks and any(d.endswith(".pdf") for d in downloads)
    deck = client.get(decks[0] + "?download=1")
    assert deck.headers["content-disposition"].startswith("attachment")
    zipped = client.get(next(d for d in downloads if d.endswith(".zip")) + "?download=1")
    names = zipfile.ZipFile(io.BytesIO(zipped.content)).namelist()
    assert any(n.endswith(".pptx") for n in names) and any(n.endswith("index.html") for n in names)


def test_the_slides_show_as_an_outline_without_libreoffice(client, studio, monkeypatch):
    from toolkit.studio import app as studio_app

    monkeypatch.setattr(studio_app, "can_draw_slides", lambda: False)
    assert save_profile(client, studio).status_code == 303
    build(client, studio, format="slides")
    page = client.get("/pack").text
    assert "(outline)" in page and "Install LibreOffice" in page
    outline = re.search(r'<ol class="outline">(.*?)</ol>', page, re.S).group(1)
    assert outline.count("<li>") > 5


def test_a_failed_build_says_what_to_fix_and_keeps_the_previous_pack(client, studio, workspace):
    assert save_profile(client, studio).status_code == 303
    build(client, studio, format="handout")
    before = sorted(p.name for p in (workspace / "output").rglob("*"))
    path = profile_file(workspace)
    path.write_text(path.read_text(encoding="utf-8").replace('phone: "01632 960123"', 'phone: "01632 96"'), encoding="utf-8")
    studio.last_build = studio.last_build  # build again with the same choices
    response = post(client, studio, "/build/again")
    job = response.headers["location"]
    client.get(job + "/events")
    page = client.get(job).text
    assert "The build stopped. The previous pack is unchanged." in page and "What needs fixing" in page
    assert "is not a UK phone number" in page.replace("&#39;", "'")
    assert sorted(p.name for p in (workspace / "output").rglob("*")) == before


def test_sign_off_is_recorded_in_the_profile_and_the_notice_updates(client, studio, workspace):
    assert save_profile(client, studio).status_code == 303
    build(client, studio, format="handout")
    page = client.get("/signoff").text
    assert 'value="Mrs Helen Carter"' in page and "Draft: to be reviewed" in page
    bad = post(client, studio, "/signoff", {"name": "", "date": "yesterday", "role": "DSL"})
    assert bad.status_code == 422
    for text in ("Give the date of the review as a date", "Give the name of the person", "Tick at least one lesson"):
        assert text in bad.text
    assert 'value="DSL"' in bad.text
    assert "sign_off" not in profile_file(workspace).read_text(encoding="utf-8")
    good = post(client, studio, "/signoff", {"name": "Mrs Helen Carter", "role": "DSL", "date": "2026-12-05",
                                              "lesson": "online-blackmail"})
    assert good.status_code == 303
    profile = check_profile(profile_file(workspace)).profile
    assert profile.sign_off.lessons == {"online-blackmail": "1.1"}
    page = client.get("/signoff?saved=1").text
    assert "Sign-off recorded" in page and "Reviewed for Hazelbrook Academy (example) by Mrs Helen Carter" in page
    again = post(client, studio, "/build/again")
    client.get(again.headers["location"] + "/events")
    assert "Reviewed for Hazelbrook Academy (example)" in client.get("/pack").text
    post(client, studio, "/signoff", {"name": "Ms A. Example", "date": "2026-12-06", "lesson": "online-blackmail"})
    text = profile_file(workspace).read_text(encoding="utf-8")
    assert text.count("sign_off:") == 1 and "Ms A. Example" in text and "Mrs Helen Carter\n    role" not in text


def test_the_live_quiz_starts_on_this_computer_and_opens_the_teachers_screen(client, studio):
    import httpx

    assert save_profile(client, studio).status_code == 303
    page = client.get("/quiz").text
    assert 'value="online-blackmail/ks3"' in page
    bad = post(client, studio, "/quiz", {"quiz": "online-blackmail/nobody"})
    assert bad.status_code == 422 and "Choose a lesson and audience from the list." in bad.text
    started = post(client, studio, "/quiz", {"quiz": "online-blackmail/ks3"})
    assert started.status_code == 303
    location = started.headers["location"]
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/teacher#token=[\w-]+", location)
    assert httpx.get(location.split("#")[0]).status_code == 200
    running = client.get("/quiz").text
    assert "Running: Online blackmail" in running and "Stop the quiz" in running
    assert post(client, studio, "/quiz/stop").status_code == 303
    assert "Running:" not in client.get("/quiz").text


def test_the_command_refuses_another_host_without_the_flag_and_warns_with_it(tmp_path, monkeypatch):
    refused = CliRunner().invoke(main, ["studio", str(tmp_path / "ws"), "--host", "0.0.0.0", "--no-browser"])
    assert refused.exit_code == 2 and "--allow-other-hosts" in refused.output
    assert not (tmp_path / "ws").exists()
    seen = {}
    monkeypatch.setattr("toolkit.studio.cli.serve", lambda studio, app, listener, open_browser: seen.update(
        url=studio.guard.start_url(), browser=open_browser, listener=listener.close()))
    allowed = CliRunner().invoke(main, ["studio", str(tmp_path / "ws"), "--host", "0.0.0.0", "--allow-other-hosts", "--no-browser"])
    assert allowed.exit_code == 0, allowed.output
    assert "Warning: the studio is listening on 0.0.0.0" in allowed.output
    assert seen["url"].startswith("http://0.0.0.0:") and "?key=" in seen["url"] and seen["browser"] is False
    assert (tmp_path / "ws" / "schools").is_dir()


def test_loopback_answers_to_its_own_names_only():
    assert studio_server.hosts_for("127.0.0.1", 8790) == frozenset({"127.0.0.1:8790", "localhost:8790"})
    assert studio_server.hosts_for("192.0.2.7", 8790) == frozenset({"192.0.2.7:8790"})


def test_a_workspace_lesson_with_errors_is_listed_not_a_traceback(client, studio, workspace):
    assert save_profile(client, studio).status_code == 303
    (workspace / "lessons").mkdir()
    (workspace / "lessons" / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    page = client.get("/build")
    assert page.status_code == 400 and "Something needs fixing first" in page.text
    assert "broken.yaml" in page.text and "Traceback" not in page.text


def test_the_browser_opens_on_the_printed_address_once_the_server_is_up(tmp_path, monkeypatch):
    import threading

    opened = threading.Event()
    seen = []
    monkeypatch.setattr(studio_server.webbrowser, "open", lambda url: (seen.append(url), opened.set()))
    studio, app, listener = studio_server.prepare(tmp_path / "ws")
    runner = threading.Thread(target=studio_server.serve, args=(studio, app, listener, True), daemon=True)
    original = studio_server.uvicorn.Server.run
    servers = []

    def run(self, sockets=None):
        servers.append(self)
        original(self, sockets=sockets)

    monkeypatch.setattr(studio_server.uvicorn.Server, "run", run)
    runner.start()
    assert opened.wait(10)
    assert seen == [studio.guard.start_url()] and seen[0].startswith("http://127.0.0.1:")
    servers[0].should_exit = True
    runner.join(10)


def test_leftovers_of_unsaved_work_are_tidied_after_a_day(tmp_path):
    import os
    import time

    from toolkit.studio.workspace import Workspace

    schools = tmp_path / "ws" / "schools"
    schools.mkdir(parents=True)
    old, new, mine = schools / ".studio-logo-0123456789abcdef.png", schools / ".studio-logo-fedcba9876543210.png", schools / "school.yaml"
    for path in (old, new, mine):
        path.write_bytes(b"x")
    os.utime(old, (time.time() - 3 * 24 * 3600,) * 2)
    os.utime(mine, (time.time() - 3 * 24 * 3600,) * 2)
    Workspace.open(tmp_path / "ws")
    assert not old.exists() and new.exists() and mine.exists()


def test_a_workspace_that_cannot_be_written_gets_a_message(client, studio, workspace, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device", str(workspace / "schools" / "x.yaml"))

    monkeypatch.setattr("toolkit.studio.workspace.write_atomic", full)
    answer = save_profile(client, studio)
    assert answer.status_code == 500
    assert "could not write to the workspace folder (No space left on device" in answer.text
    assert list((workspace / "schools").glob("*.yaml")) == []


def test_a_pack_can_be_built_in_welsh(client, studio, workspace):
    assert save_profile(client, studio, nation="wales").status_code == 303
    assert 'name="language" value="cy"' in client.get("/build").text
    job, events = build(client, studio, format="handout", language="cy")
    assert '"state": "done"' in events.splitlines()[-1] or '"state": "done"' in events
    cards = list(workspace.rglob("online-blackmail-ks3-support-card.html"))
    assert cards
    card = html.unescape(cards[0].read_text(encoding="utf-8"))
    assert '<html lang="cy">' in card and "Beth i'w wneud" in card and "Nid dy fai di" in card
