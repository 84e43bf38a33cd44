"""`lessonkit studio`: the command's work, kept out of toolkit/cli.py so the web stack loads only here."""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageProblem
from ..terminal import say
from ..wording import _
from .server import LOOPBACK, prepare, serve


def run_studio(folder: Path, host: str, port: int, allow_other_hosts: bool, open_browser: bool) -> None:
    if host not in LOOPBACK and not allow_other_hosts:
        raise UsageProblem(_("--host {host} would let other computers on the network try to reach the studio. Leave --host "
                             "out (this computer only), or add --allow-other-hosts if you really mean it.", host=host))
    if folder.exists() and not folder.is_dir():
        raise UsageProblem(_("{folder} is a file: give a folder for the school's workspace", folder=folder))
    try:
        studio, app, listener = prepare(folder, host, port)
    except OSError as exc:
        raise UsageProblem(_("cannot listen on {host}:{port} ({reason}). Try another --port, or leave it out.", host=host,
                             port=port, reason=exc.strerror or exc)) from None
    if host not in LOOPBACK:
        say(_("Warning: the studio is listening on {host}, so other computers on the network can reach it. Only someone "
              "with the full address below (it carries a secret) can use it; keep it to yourself.", host=host), err=True)
    say(_("lessonkit studio: workspace {folder}", folder=studio.workspace.root))
    say(_("Open this address in your browser (keep it to yourself: it carries a secret):"))
    say(f"  {studio.guard.start_url()}")
    say(_("Press Ctrl+C to stop."))
    try:
        serve(studio, app, listener, open_browser)
    except KeyboardInterrupt:
        pass
    say(_("Studio stopped."))
