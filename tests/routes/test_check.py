"""`lessonkit routes check` against a web site on loopback addresses: every case a real service can
present is reported as it should be, in bounded time, with no traceback."""

from __future__ import annotations

import datetime as dt
import socket
import time
from pathlib import Path
from typing import Dict, List

import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.routes.check import FINE, NEEDS_LOOK, OFFLINE

from route_site import running_site, unused_port

TODAY = dt.date.today().isoformat()
TIMEOUT = "0.5"  # seconds: 1.5 s for an address in all


def route_yaml(route_id: str, url: str, source: str = "", phrases: List[str] = (), verified: str = TODAY) -> str:
    lines = [f"  - id: {route_id}", f"    name: {route_id.replace('-', ' ').capitalize()}",
             "    purpose: Help for anyone.", "    kind: talk", f"    url: {url}", "    for_whom: Anyone.",
             f"    source_url: {source or url}", f"    last_verified: {verified}"]
    if phrases:
        lines.append("    source_phrases: [" + ", ".join(f'"{p}"' for p in phrases) + "]")
    return "\n".join(lines)


def write_catalogue(folder: Path, routes: List[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "support-routes.yaml").write_text("routes:\n" + "\n".join(routes) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def no_dns_for_invalid(monkeypatch):
    """Names under .invalid (RFC 6761) are never found, without asking any DNS server."""
    real = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, *a, **k: _refuse_invalid(real, host, *a, **k))


def run(*args):
    started = time.monotonic()
    result = CliRunner().invoke(main, ["routes", "check", "--timeout", TIMEOUT, *map(str, args)], catch_exceptions=False)
    return result, time.monotonic() - started


def blocks(output: str) -> Dict[str, List[str]]:
    """The report's lines under each route id: {'gone': ['LOOK gone ...', 'LOOK web address ...']}."""
    found: Dict[str, List[str]] = {}
    current = None
    for line in output.splitlines():
        if line.startswith("  ") and not line.startswith("    "):
            current = line.split()[1]
            found[current] = [" ".join(line.split())]
        elif line.startswith("    ") and current:
            found[current].append(" ".join(line.split()))
        else:
            current = None
    return found


@pytest.fixture(scope="module")
def every_case(tmp_path_factory):
    """One check of a catalogue with a route for every case, and what the site saw."""
    with pytest.MonkeyPatch.context() as patch, running_site() as site:
        real = socket.getaddrinfo
        patch.setattr(socket, "getaddrinfo", lambda host, *a, **k: _refuse_invalid(real, host, *a, **k))
        tls = site.url("/phone").replace("http://", "https://")
        routes = [
            route_yaml("fine", site.url("/phone"), phrases=["0800 1111"]),
            route_yaml("moved-within", site.url("/moved"), site.url("/phone")),
            route_yaml("moved-away", site.url("/elsewhere")),
            route_yaml("through-another", site.url("/via-other")),
            route_yaml("not-found", site.url("/gone")),
            route_yaml("gone-for-good", site.url("/gone-for-good")),
            route_yaml("server-error", site.url("/broken")),
            route_yaml("never-answers", site.url("/silent")),
            route_yaml("answers-for-ever", site.url("/drip")),
            route_yaml("hangs-up", site.url("/hang-up")),
            route_yaml("nobody-there", f"http://127.0.0.1:{unused_port()}/"),
            route_yaml("bad-tls", tls),
            route_yaml("no-such-name", "http://helpline.invalid/"),
            route_yaml("phrase-gone", site.url("/plain"), phrases=["0800 1111"]),
            route_yaml("closed-notice", site.url("/to-closed")),
            route_yaml("loops", site.url("/loop")),
            route_yaml("stale", site.url("/phone"), verified="2024-01-02"),
        ]
        catalogue = write_catalogue(tmp_path_factory.mktemp("every-case"), routes)
        result, seconds = run("--catalogue", catalogue)
        yield result, seconds, site


def _refuse_invalid(real, host, *args, **kwargs):
    name = host.decode("ascii") if isinstance(host, bytes) else str(host)
    if name.endswith(".invalid"):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    return real(host, *args, **kwargs)


@pytest.mark.parametrize("route_id, expected", [
    ("fine", ["ok fine", "ok web address and source", "reachable (HTTP 200)"]),
    ("moved-within", ["ok moved-within", "note web address", "redirected within the site: 301 to http://127.0.0.1:", "/phone; then HTTP 200"]),
    ("moved-away", ["LOOK moved-away", "redirected to another site: 301 to http://127.0.0.2:", "/plain; then HTTP 200"]),
    ("through-another", ["LOOK through-another", "redirected to another site: 302 to http://127.0.0.2:",
                         "/home; 302 to http://127.0.0.1:", "/phone; then HTTP 200"]),
    ("not-found", ["LOOK not-found", "gone: the page is not found (HTTP 404)"]),
    ("gone-for-good", ["LOOK gone-for-good", "gone for good (HTTP 410)"]),
    ("server-error", ["LOOK server-error", "HTTP error 503"]),
    ("never-answers", ["LOOK never-answers", "unreachable: no answer within the time allowed (timeout)"]),
    ("answers-for-ever", ["LOOK answers-for-ever", "unreachable: no answer within the time allowed (timeout): the whole answer took longer than 1.5 s"]),
    ("hangs-up", ["LOOK hangs-up", "unreachable: the server closed the connection without answering"]),
    ("nobody-there", ["LOOK nobody-there", "unreachable: the connection was refused"]),
    ("bad-tls", ["LOOK bad-tls", "unreachable: the secure connection failed (TLS)"]),
    ("no-such-name", ["LOOK no-such-name", "unreachable: its name could not be found (DNS)"]),
    ("phrase-gone", ["LOOK phrase-gone", "ok web address and source", 'the web address and source page no longer contains "0800 1111"']),
    ("closed-notice", ["LOOK closed-notice", "redirected within the site", 'may say the service has closed or moved ("has now closed")']),
    ("loops", ["LOOK loops", "unreachable: too many redirects"]),
    ("stale", ["LOOK stale", "last verified 2024-01-02", "last verified more than 12 months ago"]),
])
def test_each_case_is_reported(every_case, route_id, expected):
    result, _, _ = every_case
    block = "\n".join(blocks(result.output)[route_id])
    for text in expected:
        assert text in block, f"{text!r} not in:\n{block}"


def test_a_route_that_is_fine_has_nothing_to_look_at(every_case):
    result, _, _ = every_case
    assert not any(line.startswith("LOOK") for line in blocks(result.output)["fine"][1:])
    assert not any(line.startswith("LOOK") for line in blocks(result.output)["moved-within"][1:])


def test_the_check_needs_a_person_and_says_who(every_case):
    result, _, _ = every_case
    assert result.exit_code == NEEDS_LOOK
    assert "Traceback" not in result.output
    summary = result.output.strip().splitlines()[-1]
    assert summary.startswith("15 of 17 routes and contacts need a person to look: moved-away, through-another, not-found,")
    assert "fine," not in summary and "moved-within" not in summary


def test_the_check_is_bounded_in_time(every_case):
    """The silent page would keep a visitor 60 s and the dripping one for ever."""
    _, seconds, _ = every_case
    assert seconds < 30


def test_the_site_sees_a_named_visitor_a_few_requests_at_a_time(every_case):
    _, _, site = every_case
    assert site.user_agents and all(agent.startswith("lessonkit/") for agent in site.user_agents)
    assert "support-route check" in site.user_agents[0]
    # Three routes share /phone, requested once; the others end the redirects from /moved and /home.
    assert site.paths["/phone"] == 3


def test_no_more_than_two_requests_to_one_site_at_a_time(tmp_path):
    with running_site() as site:
        routes = [route_yaml(f"wait-{n}", site.url(f"/wait{n}")) for n in range(6)]
        result, _ = run("--catalogue", write_catalogue(tmp_path, routes))
        host = site.url("").split("//")[1]
        assert result.exit_code == FINE, result.output
        assert sum(site.paths[f"/wait{n}"] for n in range(6)) == 6
        assert 1 <= site.most_at_once[host] <= 2
    assert result.output.strip().splitlines()[-1] == "All 6 routes and contacts are fine."


def test_offline_is_one_line_and_its_own_exit_status(tmp_path, no_dns_for_invalid):
    routes = [route_yaml("no-such-name", "http://helpline.invalid/"),
              route_yaml("nobody-there", f"http://127.0.0.1:{unused_port()}/")]
    result, _ = run("--catalogue", write_catalogue(tmp_path, routes))
    assert result.exit_code == OFFLINE == 3
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Offline: none of the 2 web addresses could be reached")


def test_the_check_goes_through_the_proxy_it_is_given(tmp_path, monkeypatch, no_dns_for_invalid):
    with running_site() as site:
        monkeypatch.setenv("HTTP_PROXY", site.url(""))
        routes = [route_yaml("behind-proxy", "http://helpline.invalid/phone", phrases=["0800 1111"])]
        result, _ = run("--catalogue", write_catalogue(tmp_path, routes))
        assert site.proxied == ["http://helpline.invalid/phone"]
    assert result.exit_code == FINE, result.output
    assert "reachable (HTTP 200)" in result.output


def test_a_school_profile_adds_its_contacts(tmp_path):
    with running_site() as site:
        catalogue = write_catalogue(tmp_path / "lessons", [route_yaml("fine", site.url("/phone"))])
        profile = tmp_path / "school.yaml"
        profile.write_text(f"""id: test-school
name: Test School
nation: england
safeguarding_contacts:
  - name: Ms Lead
    role: Designated Safeguarding Lead
    where_to_find: Room 1
local_police:
  name: Test Police
  url: {site.url('/plain')}
  source_phrases: ["0800 1111"]
  last_verified: {TODAY}
extra_routes:
{route_yaml("local-help", site.url("/gone"))}
""", encoding="utf-8")
        result, _ = run("--catalogue", catalogue, "--school", profile)
    assert result.exit_code == NEEDS_LOOK, result.output
    found = blocks(result.output)
    assert found["safeguarding_contacts[0]"][:2] == [
        "LOOK safeguarding_contacts[0] (Ms Lead): no last_verified date",
        "LOOK no last_verified date: check the details, then add one"]
    assert 'the web address page no longer contains "0800 1111"' in "\n".join(found["local_police"])
    assert "gone: the page is not found (HTTP 404)" in "\n".join(found["local-help"])
    assert f"{profile} (checked on" in result.output or "school.yaml (checked on" in result.output


def test_a_broken_catalogue_is_an_error_not_a_traceback(tmp_path):
    (tmp_path / "support-routes.yaml").write_text("routes:\n  - id: x\n    name: X\n", encoding="utf-8")
    result, _ = run("--catalogue", tmp_path)
    assert result.exit_code == 1
    assert "support-routes.yaml:2:" in result.output
    assert "Traceback" not in result.output


def test_a_missing_catalogue_says_where_it_looked(tmp_path):
    result, _ = run("--catalogue", tmp_path)
    assert result.exit_code == 1
    assert "support-routes.yaml: error: catalogue file not found" in result.output


def test_a_missing_profile_is_a_usage_error(tmp_path):
    write_catalogue(tmp_path, [route_yaml("fine", "http://127.0.0.1:9/")])
    result, _ = run("--catalogue", tmp_path, "--school", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert "no such school profile" in result.output
