"""The tax years RothWizard ships limits for: a listing of ``resources/limits``, nothing parsed.

Kept apart from ``limits`` (pydantic) so the wizard's first page can offer the years before the
calculation core is loaded.
"""

from __future__ import annotations

import functools
from pathlib import Path

from rothwizard.paths import resource_path


def limits_dir() -> Path:
    return resource_path("limits")


@functools.cache
def supported_years(directory: Path | None = None) -> tuple[int, ...]:
    """The tax years with a limits file, ascending."""
    folder = directory or limits_dir()
    return tuple(sorted(int(p.stem) for p in folder.glob("*.toml") if p.stem.isdigit()))
