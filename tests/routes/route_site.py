"""A small web site on loopback addresses for `routes check` to visit: pages, redirects within the
site and to another host, 404 and 410, a page that never answers, one that answers a byte at a
time for ever, one that hangs up, and a redirect loop. It also acts as a plain HTTP proxy, so
tests can show the check goes through a school's proxy. Nothing here leaves 127.0.0.0/8."""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Dict, Iterator, List
from urllib.parse import urlsplit

PHONE_PAGE = "<html><body><h1>Helpline</h1><p>Call us free on <b>0800&nbsp;1111</b>, any time.</p></body></html>"
PLAIN_PAGE = "<html><body><h1>About us</h1><p>We help young people.</p></body></html>"
CLOSED_PAGE = "<html><body><h1>Notice</h1><p>This helpline has now closed. Please use the new service.</p></body></html>"


class Site:
    """What the server saw, shared with the tests."""

    def __init__(self) -> None:
        self.user_agents: List[str] = []
        self.proxied: List[str] = []
        self.paths: Counter = Counter()
        self.in_flight: Dict[str, int] = Counter()
        self.most_at_once: Dict[str, int] = Counter()
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.servers: List[ThreadingHTTPServer] = []

    def url(self, path: str, server: int = 0) -> str:
        host, port = self.servers[server].server_address[:2]
        return f"http://{host}:{port}{path}"

    def host(self, server: int) -> str:
        host, port = self.servers[server].server_address[:2]
        return f"{host}:{port}"

    @property
    def other_host(self) -> str:
        return self.host(1)


def handler_for(site: Site):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # keep test output quiet
            pass

        def _send(self, status: int, body: str = "", headers: Dict[str, str] = None) -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            path = self.path
            if path.startswith("http://"):  # asked as a proxy: the absolute address is in the request line
                site.proxied.append(path)
                path = urlsplit(path).path
            host = self.headers.get("Host", "")
            with site.lock:
                site.user_agents.append(self.headers.get("User-Agent", ""))
                site.paths[path] += 1
                site.in_flight[host] += 1
                site.most_at_once[host] = max(site.most_at_once[host], site.in_flight[host])
            try:
                self._answer(path)
            finally:
                with site.lock:
                    site.in_flight[host] -= 1

        def _answer(self, path: str) -> None:
            if path == "/phone":
                self._send(200, PHONE_PAGE)
            elif path == "/plain":
                self._send(200, PLAIN_PAGE)
            elif path == "/moved":
                self._send(301, headers={"Location": "/phone"})
            elif path == "/elsewhere":
                self._send(301, headers={"Location": f"http://{site.other_host}/plain"})
            elif path == "/via-other":  # through another site and back again
                self._send(302, headers={"Location": f"http://{site.other_host}/home"})
            elif path == "/home":
                self._send(302, headers={"Location": f"http://{site.host(0)}/phone"})
            elif path == "/to-closed":
                self._send(302, headers={"Location": "/closed"})
            elif path == "/closed":
                self._send(200, CLOSED_PAGE)
            elif path == "/gone":
                self._send(404, "<p>Not found</p>")
            elif path == "/gone-for-good":
                self._send(410, "<p>Gone</p>")
            elif path == "/broken":
                self._send(503, "<p>Down for maintenance</p>")
            elif path == "/loop":
                self._send(302, headers={"Location": "/loop"})
            elif path == "/silent":  # never answers (until the test ends)
                site.stop.wait(60)
            elif path == "/drip":  # answers, but a byte at a time and never finishes
                self.send_response(200)
                self.send_header("Content-Length", "1000000")
                self.end_headers()
                while not site.stop.is_set():
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    site.stop.wait(0.05)
            elif path == "/hang-up":  # closes the connection without a word
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
            elif path.startswith("/wait"):
                time.sleep(0.2)
                self._send(200, PLAIN_PAGE)
            else:
                self._send(404, "<p>Not found</p>")

    return Handler


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that hangs up mid-answer is what some tests do on purpose


@contextmanager
def running_site() -> Iterator[Site]:
    """Two servers, on 127.0.0.1 and 127.0.0.2 (another host to the check), in threads."""
    site = Site()
    for host in ("127.0.0.1", "127.0.0.2"):
        server = QuietServer((host, 0), handler_for(site))
        site.servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield site
    finally:
        site.stop.set()
        for server in site.servers:
            server.shutdown()
            server.server_close()


def unused_port() -> int:
    """A loopback port nobody is listening on: connecting is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
