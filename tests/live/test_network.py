"""Where the quiz listens, the addresses pupils are given, and clear messages when that goes wrong."""

from __future__ import annotations

import socket

import pytest

from toolkit.errors import UsageProblem
from toolkit.live import network


def test_this_computer_only_by_default_with_a_clear_way_to_open_it_up():
    assert network.join_hosts("127.0.0.1") == ["127.0.0.1"]
    assert "start it again with --host 0.0.0.0" in network.reach_problem("127.0.0.1", ["127.0.0.1"])
    assert network.reach_problem("0.0.0.0", ["192.168.1.20"]) == ""
    assert "no network address" in network.reach_problem("0.0.0.0", ["127.0.0.1"])


def test_listening_everywhere_offers_the_laptops_network_addresses(monkeypatch):
    monkeypatch.setattr(network, "lan_addresses", lambda: ["192.168.1.20", "10.0.0.5"])
    assert network.join_hosts("0.0.0.0") == ["192.168.1.20", "10.0.0.5"]
    monkeypatch.setattr(network, "lan_addresses", lambda: [])
    assert network.join_hosts("0.0.0.0") == ["127.0.0.1"]


def test_lan_addresses_are_never_loopback_or_link_local():
    for address in network.lan_addresses():
        assert not address.startswith(("127.", "169.254.")), address


def test_the_teacher_link_stays_on_this_computer():
    assert network.teacher_host("0.0.0.0") == "127.0.0.1"
    assert network.teacher_host("127.0.0.1") == "127.0.0.1"
    assert network.teacher_host("192.168.1.20") == "192.168.1.20"
    assert network.url_host("::1") == "[::1]" and network.url_host("10.0.0.5") == "10.0.0.5"


def test_a_busy_port_is_a_clear_message():
    taken = network.open_socket("127.0.0.1", 0)
    port = taken.getsockname()[1]
    try:
        with pytest.raises(UsageProblem) as problem:
            network.open_socket("127.0.0.1", port)
        assert str(problem.value.message) == f"port {port} is already in use. Try another, e.g. --port {port + 1}"
        assert problem.value.exit_code == 2
    finally:
        taken.close()


def test_an_address_this_computer_does_not_have_is_a_clear_message():
    with pytest.raises(UsageProblem, match="Try --host 0.0.0.0"):
        network.open_socket("203.0.113.77", 0)  # TEST-NET-3: for documentation, never a real machine


def test_port_zero_picks_a_free_port():
    listener = network.open_socket("127.0.0.1", 0)
    try:
        assert listener.getsockname()[1] > 0 and listener.type == socket.SOCK_STREAM
    finally:
        listener.close()
