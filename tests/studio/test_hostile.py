"""Hostile input: each refused with a message, nothing written outside the workspace, nothing crashes."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from toolkit.profiles.logo import MAX_BYTES
from toolkit.studio.app import create_app
from toolkit.studio.profile_form import field_names
from toolkit.studio.security import MAX_BODY

from .conftest import ORIGIN, PROFILE, png, post, save_profile

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def everything_under(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture
def outside(tmp_path):
    """Everything in tmp_path except the workspace, to compare before and after."""
    def listing():
        return [p for p in everything_under(tmp_path) if not p.startswith("school")]
    return listing


def test_no_secret_no_entry(studio):
    with TestClient(create_app(studio), follow_redirects=False) as stranger:
        for path in ("/", "/profile", "/build", "/pack", "/signoff", "/quiz", "/files/x.zip", "/build/x/events", "/slides/1/x.pptx"):
            page = stranger.get(path)
            assert page.status_code == 403, path
            assert "only opens from the address it printed" in page.text
        assert stranger.get("/static/studio.css").status_code == 200  # the refusal page's own style: no secret in it
        assert stranger.post("/static/studio.css").status_code == 403
        assert stranger.get("/?key=wrong").status_code == 403
        assert stranger.get("/", headers={"Cookie": f"{studio.guard.cookie}=wrong"}).status_code == 403
        assert stranger.post("/profile", data=dict(PROFILE, csrf=studio.guard.csrf), headers={"Origin": ORIGIN}).status_code == 403
    assert list((studio.workspace.schools).iterdir()) == []


def test_the_secret_moves_from_the_address_to_a_strict_cookie(studio):
    with TestClient(create_app(studio), follow_redirects=False) as c:
        first = c.get(f"/?key={studio.guard.secret}")
        assert first.status_code == 303 and first.headers["location"] == "/"
        cookie = first.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
        assert c.get("/").status_code == 200


def test_another_host_name_is_refused(client):
    page = client.get("/", headers={"Host": "attacker.example"})
    assert page.status_code == 421 and "answers only to the address it printed" in page.text


def test_a_form_from_another_origin_is_refused_and_nothing_is_written(client, studio, workspace):
    for headers in ({"Origin": "http://attacker.example"}, {"Origin": "null"},
                    {"Origin": "", "Referer": "http://attacker.example/page"}):
        answer = client.post("/profile", data=dict(PROFILE, csrf=studio.guard.csrf), headers=headers)
        assert answer.status_code == 403, headers
        assert "only accepted from the studio's own pages" in answer.text
    bare = client.post("/profile", data=dict(PROFILE, csrf=studio.guard.csrf), headers={"Origin": ""})
    del client.headers["Origin"]
    assert client.post("/profile", data=dict(PROFILE, csrf=studio.guard.csrf)).status_code == 403
    assert bare.status_code == 403
    assert list(workspace.joinpath("schools").iterdir()) == []
    same = client.post("/profile", data=dict(PROFILE, csrf=studio.guard.csrf), headers={"Referer": ORIGIN + "/profile"})
    assert same.status_code == 303


def test_every_form_needs_the_csrf_token(client, studio, workspace):
    for url in ("/profile", "/profile/check", "/build", "/build/again", "/signoff", "/quiz", "/quiz/stop"):
        answer = client.post(url, data=dict(PROFILE, csrf="forged"))
        assert answer.status_code == 403, url
        assert "came from an older page or from somewhere else" in answer.text
        assert client.post(url, data=PROFILE).status_code == 403
    assert list(workspace.joinpath("schools").iterdir()) == []


@pytest.mark.parametrize("name", [n for n in field_names() if n not in ("logo_pending", "logo_remove", "fictional")])
def test_html_in_any_text_field_is_shown_as_text(client, studio, name):
    answer = save_profile(client, studio, **{name: SCRIPT})
    pages = [answer.text] if answer.status_code != 303 else []
    pages += [client.get(url).text for url in ("/", "/profile", "/build", "/pack", "/signoff", "/quiz")]
    check = post(client, studio, "/profile/check", dict(PROFILE, **{name: SCRIPT})).json()
    pages += list(check["fields"].values()) + [check["general"]] + list(check["colours"].values())
    for page in pages:
        assert "<script>alert" not in page and "onerror=alert(1)>" not in page.replace("&gt;", "")
        assert "<img src=x" not in page


def test_html_in_the_sign_off_is_shown_as_text(client, studio):
    assert save_profile(client, studio).status_code == 303
    answer = post(client, studio, "/signoff", {"name": SCRIPT, "role": SCRIPT, "date": SCRIPT, "lesson": "online-blackmail"})
    assert answer.status_code == 422 and "<script>alert" not in answer.text and "&lt;script&gt;" in answer.text


def test_a_fake_png_is_refused_by_the_logo_rules_and_the_form_is_kept(client, studio, workspace, outside):
    before = outside()
    answer = post(client, studio, "/profile", PROFILE, files={"logo": ("crest.png", b"<svg onload=alert(1)>not a png", "image/png")})
    assert answer.status_code == 422
    box = re.search(r'id="msg-logo"[^>]*>(.*?)</div>', answer.text, re.S).group(1)
    assert "cannot be read as an image" in box and "crest.png" in box
    assert 'value="Mrs Helen Carter"' in answer.text
    assert list(workspace.joinpath("schools").iterdir()) == []  # nothing saved, no upload left behind
    assert outside() == before


def test_a_gif_named_png_is_refused_as_the_wrong_kind(client, studio, workspace):
    import io

    from PIL import Image

    gif = io.BytesIO()
    Image.new("RGB", (200, 200), (0, 0, 0)).save(gif, "GIF")
    answer = post(client, studio, "/profile", PROFILE, files={"logo": ("logo.png", gif.getvalue(), "image/png")})
    assert answer.status_code == 422 and "only PNG and JPEG work" in answer.text


def test_an_oversized_logo_is_refused_with_its_size(client, studio, workspace):
    big = png() + b"\0" * (MAX_BYTES + 10)
    answer = post(client, studio, "/profile", PROFILE, files={"logo": ("huge.png", big, "image/png")})
    assert answer.status_code == 422
    assert "the limit is 2 MB" in answer.text and 'value="Mrs Helen Carter"' in answer.text
    assert list(workspace.joinpath("schools").iterdir()) == []


def test_a_body_past_the_limit_is_refused_before_it_is_read(client, studio, workspace):
    huge = b"\0" * (MAX_BODY + 1)
    answer = post(client, studio, "/profile", PROFILE, files={"logo": ("huge.png", huge, "image/png")})
    assert answer.status_code == 413 and "Back button" in answer.text
    assert list(workspace.joinpath("schools").iterdir()) == []


def test_paths_outside_the_workspace_are_refused(client, studio, workspace, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the studio")
    assert save_profile(client, studio).status_code == 303
    started = post(client, studio, "/build", {"lesson": "online-blackmail", "audience": "ks3", "format": "handout"})
    client.get(started.headers["location"] + "/events")  # to the end of the build
    for url in ("/files/../secret.txt", "/files/..%2F..%2Fsecret.txt", "/files/%2e%2e/%2e%2e/secret.txt",
                f"/files/{secret}", "/files//etc/passwd", "/logo/..%2Fsecret.txt", "/logo/../../secret.txt",
                "/slides/1/..%2F..%2Fsecret.txt", "/static/..%2Fapp.py", "/files/manifest.json", "/files/.lessonkit-output"):
        answer = client.get(url)
        assert answer.status_code in (400, 404), url
        assert "not for the studio" not in answer.text and "import" not in answer.text
    # a pack file swapped for a link to a file elsewhere is not followed out of the workspace
    twin = re.search(r'<iframe src="/files/([^"]+)"', client.get("/pack").text).group(1)
    assert client.get(f"/files/{twin}").status_code == 200
    (workspace / "output" / twin).unlink()
    (workspace / "output" / twin).symlink_to(secret)
    refused = client.get(f"/files/{twin}")
    assert refused.status_code in (400, 404) and "not for the studio" not in refused.text


def test_the_workspace_refuses_paths_and_links_that_leave_it(workspace, tmp_path, studio):
    from toolkit.studio.workspace import OutsideWorkspace

    ws = studio.workspace
    (tmp_path / "elsewhere").mkdir()
    (workspace / "output").mkdir()
    (workspace / "output" / "link").symlink_to(tmp_path / "elsewhere")
    for path in (workspace / ".." / "x", tmp_path / "x", workspace / "output" / "link" / "x", workspace, workspace / "output" / "link"):
        with pytest.raises(OutsideWorkspace):
            ws.write(path, b"x")
    assert list((tmp_path / "elsewhere").iterdir()) == [] and not (tmp_path / "x").exists()
    assert ws.write(workspace / "output" / "fine.txt", b"x").read_bytes() == b"x"


def test_a_pending_logo_name_cannot_point_anywhere_else(client, studio, workspace, tmp_path):
    (tmp_path / "elsewhere.png").write_bytes(png())
    for name in ("../../elsewhere.png", str(tmp_path / "elsewhere.png"), ".studio-logo-0000000000000000.png"):
        answer = save_profile(client, studio, logo_pending=name)
        assert answer.status_code == 303
        assert "\nlogo:" not in next(workspace.joinpath("schools").glob("*.yaml")).read_text(encoding="utf-8")


def test_a_hostile_id_cannot_name_a_file_elsewhere(client, studio, workspace, tmp_path):
    answer = save_profile(client, studio, school_id="../../escaped")
    assert answer.status_code == 303
    assert [p.name for p in workspace.joinpath("schools").glob("*.yaml")] == ["escaped.yaml"]
    assert not (tmp_path / "escaped.yaml").exists()


def test_unknown_choices_in_the_build_and_quiz_forms_are_ignored_or_refused(client, studio, workspace):
    assert save_profile(client, studio).status_code == 303
    answer = post(client, studio, "/build", {"lesson": "../../etc", "audience": "ks3", "format": "slides", "paper": "a0"})
    assert answer.status_code == 422 and "Tick at least one lesson." in answer.text
    assert post(client, studio, "/quiz", {"quiz": "../x"}).status_code == 422
    assert client.get("/build/nonexistent").status_code == 404


def test_a_malformed_multipart_body_gets_a_message(client, studio):
    answer = client.post("/profile", content=b"--x\r\nnonsense", headers={"Content-Type": "multipart/form-data; boundary=x"})
    assert answer.status_code in (400, 403) and "<h1>" in answer.text


def test_unknown_addresses_and_methods_get_a_page(client):
    assert client.get("/nowhere").status_code == 404
    assert "There is no page at this address" in client.get("/nowhere").text
    assert client.put("/profile").status_code == 405
