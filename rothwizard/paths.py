"""Where RothWizard's bundled resources live: source checkout, installed wheel or frozen bundle.

This module is the only place that builds a path into ``resources/``. It imports no Qt.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """The ``resources/`` folder, found in this order:

    1. ``ROTHWIZARD_RESOURCES`` (tests and packagers may point elsewhere);
    2. a PyInstaller bundle (``sys._MEIPASS/resources``);
    3. the source checkout (``<repo>/resources``);
    4. an installed wheel (``<sys.prefix>/share/rothwizard/resources``).
    """
    override = os.environ.get("ROTHWIZARD_RESOURCES")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if checkout.is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "rothwizard" / "resources"


def resource_path(*parts: str) -> Path:
    """A path inside ``resources/``, e.g. ``resource_path("limits", "2026.toml")``."""
    return resources_dir().joinpath(*parts)
