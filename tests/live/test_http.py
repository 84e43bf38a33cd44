"""The pages: served by the package itself, with a strict Content-Security-Policy and nothing from elsewhere."""

from __future__ import annotations

import asyncio

import httpx
import lxml.html
import pytest
import websockets

from toolkit.live.app import STATIC

from .helpers import base_url, ws_url


def directives(policy: str) -> dict:
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/", "/teacher"])
def test_pages_carry_a_strict_content_security_policy(live_server, path):
    response = httpx.get(base_url(live_server) + path)
    assert response.status_code == 200 and response.headers["content-type"] == "text/html; charset=utf-8"
    policy = directives(response.headers["content-security-policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'", f"ws://127.0.0.1:{live_server.port}"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert "unsafe" not in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("page", ["pupil.html", "teacher.html"])
def test_pages_load_only_their_own_files_and_have_no_inline_code(live_server, page):
    served = httpx.get(base_url(live_server) + {"pupil.html": "/", "teacher.html": "/teacher"}[page])
    tree = lxml.html.fromstring(served.content)  # the page as served: made from its template at start-up
    assert tree.get("lang") == "en-GB"
    assert not tree.xpath("//script[not(@src)]") and not tree.xpath("//style") and not tree.xpath("//*[@style]")
    assert not [a for a in tree.xpath("//@*") if a.attrname.startswith("on")]  # no inline event handlers
    references = tree.xpath("//script/@src | //link/@href | //img/@src")
    assert references and all(ref.startswith("/static/") for ref in references)
    for reference in references:
        response = httpx.get(base_url(live_server) + reference)
        assert response.status_code == 200, reference
        assert "content-security-policy" in response.headers


def test_scripts_never_name_another_host():
    for script in STATIC.glob("*.js"):
        text = script.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text.replace('"http"', ""), script.name
        assert "innerHTML" not in text and "eval(" not in text, script.name


@pytest.mark.parametrize("path", ["/static/app.py", "/static/..%2fapp.py", "/static/%2e%2e/app.py",
                                  "/static/pupil.html", "/static/", "/admin", "/results.csv"])
def test_nothing_else_is_served(live_server, path):
    response = httpx.get(base_url(live_server) + path)
    assert response.status_code == 404
    assert "import" not in response.text


def test_other_host_names_are_refused(live_server):
    """A web page elsewhere cannot point a name at this laptop and read it (DNS rebinding)."""
    response = httpx.get(base_url(live_server) + "/", headers={"Host": "evil.example.com"})
    assert response.status_code == 421
    assert httpx.get(base_url(live_server) + "/", headers={"Host": f"localhost:{live_server.port}"}).status_code == 200


def test_websockets_from_another_site_are_refused(live_server):
    async def scenario():
        with pytest.raises(websockets.InvalidStatus) as refused:
            await websockets.connect(ws_url(live_server), origin="http://evil.example.com")
        assert refused.value.response.status_code == 403
        with pytest.raises(websockets.InvalidStatus):
            await websockets.connect(ws_url(live_server, "/ws/teacher"), origin="http://evil.example.com")
        same_site = await websockets.connect(ws_url(live_server), origin=f"http://127.0.0.1:{live_server.port}")
        await same_site.close()

    asyncio.run(asyncio.wait_for(scenario(), 30))
