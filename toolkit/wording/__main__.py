"""python -m toolkit.wording extract | init LANGUAGE (docs/wording.md)."""

from __future__ import annotations

import sys

from .extract import extract, init, update

USAGE = "usage: python -m toolkit.wording extract | init LANGUAGE"


def main(argv: list) -> int:
    if argv == ["extract"]:
        extract()
        update()
        return 0
    if len(argv) == 2 and argv[0] == "init":
        init(argv[1])
        return 0
    print(USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
