"""`lessonkit routes`: check the support routes against their live pages (a thin command)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click


@click.group()
def routes() -> None:
    """Check that every support route still exists and still says what the pack prints.

    \b
    Example:
      lessonkit routes check
      lessonkit routes check --school schools/my-school.yaml
    """


@routes.command()
@click.option("--school", type=click.Path(path_type=Path, dir_okay=False), help="Also check this school profile's contacts and routes.")
@click.option("--catalogue", type=click.Path(path_type=Path, file_okay=False), default=Path("lessons"), show_default=True,
              help="Folder with support-routes.yaml.")
@click.option("--timeout", type=click.FloatRange(0.1, 120), default=10.0, show_default=True,
              help="Seconds to wait to connect and for each part of an answer (three times this for an address in all).")
@click.pass_context
def check(ctx: click.Context, school: Optional[Path], catalogue: Path, timeout: float) -> None:
    """Request every route's web address and source page, and report each route: reachable,
    redirected (to another site is a finding), gone (404, 410), unreachable (DNS, timeout, TLS,
    connection closed), missing one of its source_phrases, and how old its last_verified date is.

    Uses HTTPS_PROXY, HTTP_PROXY and NO_PROXY like other tools. Builds never need the network.

    Exit status: 0 all fine; 1 a person needs to look at something (or the catalogue or profile
    has errors, listed with file, line and column); 2 a usage error; 3 offline (no address could
    be reached at all).

    \b
    Example:
      lessonkit routes check
      lessonkit routes check --school schools/my-school.yaml --timeout 20
    """
    from .check import Settings, check_routes, load_targets, report_lines  # the HTTP client only when checking

    groups = load_targets(catalogue, school)
    result = check_routes(groups, Settings(timeout=timeout, per_address=timeout * 3))
    for line in report_lines(result):
        click.echo(line, err=result.offline)
    ctx.exit(result.exit_status)
