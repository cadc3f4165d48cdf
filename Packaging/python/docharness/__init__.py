"""DocHarness: scores Python docstrings and gates pull requests on them.

The wheel carries the ``docharness`` binary (a self-contained Linux executable); installing it puts
``docharness`` on the environment's PATH. ``python -m docharness`` runs the same binary.
"""

from __future__ import annotations

import os
import sys
import sysconfig

__all__ = ["find_docharness_bin"]


def find_docharness_bin() -> str:
    """Return the path of the ``docharness`` binary this package installed.

    Looks where pip puts a wheel's scripts: the running environment's scripts folder, the user
    scheme's (``pip install --user``), and ``bin`` beside the package (``pip install --target``).

    Raises:
        FileNotFoundError: When none of those folders holds the binary.
    """
    candidates = [sysconfig.get_path("scripts")]
    user_scheme = sysconfig.get_preferred_scheme("user") if sys.version_info >= (3, 10) else "posix_user"
    candidates.append(sysconfig.get_path("scripts", scheme=user_scheme))
    candidates.append(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bin"))
    for folder in candidates:
        path = os.path.join(folder, "docharness")
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    raise FileNotFoundError("the docharness binary is not in " + ", ".join(candidates) + "; reinstall the wheel")
