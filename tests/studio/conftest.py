"""Studio fixtures: an app on an empty workspace, a client that has opened the printed address."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from starlette.testclient import TestClient

from toolkit.studio.app import Studio, create_app
from toolkit.studio.security import Guard
from toolkit.studio.workspace import Workspace

ORIGIN = "http://testserver"


def png(width: int = 240, height: int = 120, colour=(29, 78, 137)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


PROFILE = {
    "nation": "england", "name": "Hazelbrook Academy (example)", "fictional": "on",
    "lead_name": "Mrs Helen Carter", "lead_role": "", "lead_where": "Room B12, or ask at Reception",
    "lead_phone": "01632 960123", "lead_email": "h.carter@example.org",
    "deputy1_name": "Mr Tom Ellis", "deputy1_where": "The library office", "deputy1_phone": "01632 960456",
    "police_name": "Example Constabulary", "services_name": "Example Children's Services",
    "services_phone": "01632 960789", "primary": "#1D4E89", "logo_alt": "Hazelbrook Academy crest",
}


@pytest.fixture
def workspace(tmp_path) -> Path:
    return tmp_path / "school"


@pytest.fixture
def studio(workspace) -> Studio:
    return Studio(Workspace.open(workspace), Guard(frozenset({"testserver"}), 80))


@pytest.fixture
def client(studio):
    with TestClient(create_app(studio), follow_redirects=False) as c:
        assert c.get(f"/?key={studio.guard.secret}").status_code == 303
        c.headers.update({"Origin": ORIGIN})
        yield c


def post(client, studio, url, data=None, files=None, **kwargs):
    data = dict(data or {}, csrf=studio.guard.csrf)
    return client.post(url, data=data, files=files, **kwargs)


def save_profile(client, studio, **changes):
    return post(client, studio, "/profile", dict(PROFILE, **changes))
