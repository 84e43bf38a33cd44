"""Where the quiz listens and the addresses pupils type: the laptop's addresses on the school network."""

from __future__ import annotations

import errno
import ipaddress
import os
import socket
from typing import List

from ..wording import _
from ..errors import UsageProblem

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
ANY_HOSTS = ("0.0.0.0", "::", "")


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _usable(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return not (ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_multicast)


def lan_addresses() -> List[str]:
    """This computer's IPv4 addresses that other devices can reach (best effort, no packets sent)."""
    found: List[str] = []
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.254.254.254", 1))  # UDP connect only picks the outgoing interface
        found.append(probe.getsockname()[0])
    except OSError:
        pass
    finally:
        probe.close()
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.append(info[4][0])
    except OSError:
        pass
    unique = []
    for address in found:
        if address not in unique and _usable(address):
            unique.append(address)
    return unique


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def join_hosts(host: str) -> List[str]:
    """The hosts pupils can use: the LAN addresses when listening on all interfaces."""
    if host in ANY_HOSTS:
        return lan_addresses() or ["127.0.0.1"]
    return [host]


def reach_problem(host: str, hosts: List[str]) -> str:
    """Why pupils' devices could not reach the quiz, or "" when they can."""
    if is_loopback(host):
        return _("Only this computer can open the quiz. So that pupils can join over the school network, "
                 "stop it and start it again with --host 0.0.0.0")
    if all(is_loopback(h) for h in hosts):
        return _("This computer has no network address: connect it to the school network, then start the quiz again.")
    return ""


def teacher_host(host: str) -> str:
    """The teacher opens the quiz on this same computer, so loopback works unless bound elsewhere."""
    return "127.0.0.1" if host in ANY_HOSTS or is_loopback(host) else host


def open_socket(host: str, port: int) -> socket.socket:
    """Bind before serving, so a busy port is a clear message and `--port 0` picks a free one."""
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        raise UsageProblem(_("cannot listen on '{host}': not an address of this computer. Try --host 0.0.0.0", host=host)) from None
    family, kind, proto, _name, address = infos[0]
    listener = socket.socket(family, kind, proto)
    if os.name != "nt":  # on Windows this would let two servers share the port
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind(address)
    except OSError as problem:
        listener.close()
        if problem.errno == errno.EADDRINUSE:
            raise UsageProblem(_("port {port} is already in use. Try another, e.g. --port {other}", port=port, other=port + 1)) from None
        raise UsageProblem(_("cannot listen on {host}:{port}: {problem}. Try --host 0.0.0.0", host=host, port=port,
                             problem=problem.strerror)) from None
    listener.listen(1024)
    listener.setblocking(False)
    return listener


DESCRIPTOR_MARGIN = 24
"""Files kept free for everything but connections: the results file, logs, imports, a burst of accepts."""


def descriptor_budget(wanted: int) -> int:
    """How many connections this process can hold open, after raising its soft limit on open files if allowed.

    Each connection is an open file. Systems often start programs with a low soft limit (1,024 on
    Linux, 256 on macOS) under a much higher hard one; raising the soft limit needs no privileges.
    """
    try:
        import resource
    except ImportError:  # Windows counts no sockets against such a limit
        return wanted
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    in_use = _descriptors_in_use()
    target = wanted + in_use + DESCRIPTOR_MARGIN
    if soft != resource.RLIM_INFINITY and soft < target:
        for candidate in (target if hard == resource.RLIM_INFINITY else min(hard, target), 10_240):
            if candidate <= soft:
                continue
            try:  # macOS refuses more than its OPEN_MAX (10,240), whatever the hard limit says
                resource.setrlimit(resource.RLIMIT_NOFILE, (candidate, hard))
                soft = candidate
                break
            except (ValueError, OSError):
                continue
    if soft == resource.RLIM_INFINITY:
        return wanted
    return max(1, min(wanted, soft - in_use - DESCRIPTOR_MARGIN))


def _descriptors_in_use() -> int:
    for folder in ("/proc/self/fd", "/dev/fd"):
        try:
            return len(os.listdir(folder))
        except OSError:
            continue
    return 64  # a guess on the generous side
