"""Where RothWizard's bundled resources live: source checkout, installed package or frozen bundle.

The repository keeps the data in the top-level ``resources/`` folder; a built wheel carries the same
folder inside the package, as ``rothwizard/resources`` (setup.py copies it there at build time), so an
install finds it beside the code wherever it is installed (a virtual environment, ``--user``,
``--prefix``, a distribution package). This module is the only place that builds a path into
``resources/``. It imports no Qt.
"""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path


def _installed() -> Path | None:
    """``rothwizard/resources`` inside the installed package (importlib.resources), if it is there."""
    try:
        found = resources.files("rothwizard") / "resources"
    except (ModuleNotFoundError, TypeError):
        return None
    return found if isinstance(found, Path) and found.is_dir() else None


def resources_dir() -> Path:
    """The ``resources/`` folder, found in this order:

    1. ``ROTHWIZARD_RESOURCES`` (tests and packagers may point elsewhere);
    2. a PyInstaller bundle (``sys._MEIPASS/resources``);
    3. an installed package (``rothwizard/resources``, found with importlib.resources);
    4. the source checkout (``<repo>/resources``), which an editable install also uses.
    """
    override = os.environ.get("ROTHWIZARD_RESOURCES")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    installed = _installed()
    if installed is not None:
        return installed
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A path inside ``resources/``, e.g. ``resource_path("limits", "2026.toml")``."""
    return resources_dir().joinpath(*parts)
