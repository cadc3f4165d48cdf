"""``python -m docharness``: runs the installed ``docharness`` binary with the same arguments."""

from __future__ import annotations

import os
import sys

from docharness import find_docharness_bin


def main() -> None:
    """Replace this process with the binary, so its exit code and signals are the caller's."""
    binary = find_docharness_bin()
    os.execv(binary, [binary, *sys.argv[1:]])


if __name__ == "__main__":
    main()
