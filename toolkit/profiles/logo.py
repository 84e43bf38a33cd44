"""Is a school's logo a real PNG or JPEG of a sensible size? Judged by its content, not its name."""

from __future__ import annotations

import io
import os
import warnings
from pathlib import Path, PureWindowsPath
from typing import List, Optional, Tuple

from PIL import Image, UnidentifiedImageError

from ..wording import _
from ..yamlsource import NotAFile, TooLarge, read_regular_file

FORMATS = ("PNG", "JPEG")
MAX_BYTES = 2_000_000  # copied into every deck and handout of every pack
MAX_SIDE = 4000
MIN_SIDE = 32  # smaller than this is an icon, not a logo
BLURRY_BELOW = 100  # projected on a classroom screen, smaller logos look blurred

Problem = Tuple[str, str, str]  # (severity, message, hint)


def confined_logo(profile: Path, written: str) -> Tuple[Optional[Path], Optional[Problem]]:
    """Where the logo a profile names really is, if it is inside the profile's folder; else the problem.

    Checked on the path alone, before anything is opened: absolute paths, '..' out of the folder and
    links that lead out of it are refused, so a profile cannot make lessonkit read files elsewhere.
    """
    folder = Path(os.path.realpath(os.path.abspath(profile.parent)))
    hint = _("copy the logo into the profile's folder ({folder}) and give its name, e.g. logo: school-logo.png", folder=folder)
    if os.path.isabs(written) or PureWindowsPath(written).drive or written.startswith(("/", "\\", "~")):
        return None, ("error", _("logo '{written}' must be a file in the profile's folder, not an absolute path", written=written), hint)
    given = Path(os.path.abspath(folder / written))
    if not _inside(folder, given):
        return None, ("error", _("logo '{written}' is outside the profile's folder", written=written), hint)
    real = Path(os.path.realpath(given))
    if not _inside(folder, real):
        return None, ("error", _("logo '{written}' is a link to a file outside the profile's folder", written=written), hint)
    return real, None


def _inside(folder: Path, path: Path) -> bool:
    try:
        path.relative_to(folder)
        return path != folder
    except ValueError:
        return False


def check_logo(path: Path, written: str) -> List[Problem]:
    """Problems with the logo at `path` (`written` is the path as the profile gives it)."""
    try:
        data = read_regular_file(path, MAX_BYTES)
    except TooLarge as exc:
        return [("error", _("logo '{written}' is {size:.1f} MB; the limit is {most} MB", written=written,
                              size=exc.size / 1_000_000, most=MAX_BYTES // 1_000_000),
                 _("save a smaller copy, e.g. 600 pixels wide, as PNG"))]
    except NotAFile:
        return [("error", _("logo '{written}' is not an image file (it is a folder, pipe or device)", written=written),
                 _("give the path to a PNG or JPEG file, relative to the profile"))]
    except OSError:
        return [("error", _("logo '{written}' was not found", written=written), _("give the path to a PNG or JPEG file, relative to the profile"))]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind, (width, height) = image.format, image.size
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # verify() skips the pixel data; a truncated file fails here
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        return [("error", _("logo '{written}' cannot be read as an image ({why})", written=written, why=type(exc).__name__),
                 _("export the logo again as PNG or JPEG"))]
    if kind not in FORMATS:
        return [("error", _("logo '{written}' is a {kind} image; only PNG and JPEG work in every output", written=written, kind=kind),
                 _("save it as PNG (or JPEG for photographs)"))]
    if max(width, height) > MAX_SIDE:
        return [("error", _("logo '{written}' is {width} x {height} pixels; the limit is {most} pixels a side", written=written,
                              width=width, height=height, most=MAX_SIDE),
                 _("save a smaller copy, e.g. 600 pixels wide"))]
    if min(width, height) < MIN_SIDE:
        return [("error", _("logo '{written}' is only {width} x {height} pixels", written=written, width=width, height=height),
                 _("use a copy at least {least} pixels on its shorter side", least=BLURRY_BELOW))]
    if min(width, height) < BLURRY_BELOW:
        return [("warning", _("logo '{written}' is {width} x {height} pixels and will look blurred on a classroom screen", written=written, width=width, height=height),
                 _("use a copy at least {least} pixels on its shorter side", least=BLURRY_BELOW))]
    return []
