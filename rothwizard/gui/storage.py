"""The app's data folder: autosave, recent plans and the log.

``ROTHWIZARD_DATA_DIR`` overrides the folder (tests point it at a temporary one); otherwise Qt's
per-user application data location. Every write is atomic (``core.planfile.atomic_write``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from rothwizard.core.atomic import atomic_write

AUTOSAVE = "autosave.json"
RECENT = "recent.json"
LOG = "rothwizard.log"
MAX_RECENT = 8


def default_data_dir() -> Path:
    """One folder named RothWizard in the user's data location: ~/.local/share/RothWizard (Linux),
    ~/Library/Application Support/RothWizard (macOS), %APPDATA%\\RothWizard (Windows)."""
    import sys

    from PySide6.QtCore import QStandardPaths

    base = os.environ.get("APPDATA", "") if sys.platform == "win32" else ""
    base = base or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    return Path(base) / "RothWizard" if base else Path.home() / ".rothwizard"


def migrate_nested(folder: Path) -> None:
    """Earlier versions used RothWizard/RothWizard (organisation and application): move what is there up
    one level, keeping anything newer already at the top."""
    old = folder / "RothWizard"
    if not old.is_dir():
        return
    for entry in old.iterdir():
        target = folder / entry.name
        if not target.exists():
            try:
                entry.replace(target)
            except OSError:
                continue
    try:
        old.rmdir()  # only when empty: what could not be moved stays where it was
    except OSError:
        pass


def data_dir() -> Path:
    override = os.environ.get("ROTHWIZARD_DATA_DIR")
    if override:
        folder = Path(override)
    else:
        folder = default_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    if not override:
        migrate_nested(folder)
    return folder


def _write_json(path: Path, value: Any) -> None:
    atomic_write(path, (json.dumps(value, indent=1, default=str) + "\n").encode("utf-8"))


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_autosave(snapshot: dict[str, Any]) -> None:
    _write_json(data_dir() / AUTOSAVE, snapshot)


def read_autosave() -> dict[str, Any] | None:
    """The last autosave if there is a usable one (a kill or crash left it behind)."""
    snap = _read_json(data_dir() / AUTOSAVE)
    if isinstance(snap, dict) and isinstance(snap.get("data"), dict):
        return snap
    return None


def clear_autosave() -> None:
    try:
        (data_dir() / AUTOSAVE).unlink()
    except FileNotFoundError:
        pass


def recent_plans() -> list[str]:
    items = _read_json(data_dir() / RECENT)
    if not isinstance(items, list):
        return []
    return [p for p in items if isinstance(p, str) and Path(p).exists()][:MAX_RECENT]


def add_recent(path: str | Path) -> list[str]:
    path = str(Path(path).resolve())
    items = [path] + [p for p in recent_plans() if p != path]
    items = items[:MAX_RECENT]
    try:
        _write_json(data_dir() / RECENT, items)
    except OSError:
        pass
    return items
