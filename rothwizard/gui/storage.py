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


def data_dir() -> Path:
    override = os.environ.get("ROTHWIZARD_DATA_DIR")
    if override:
        folder = Path(override)
    else:
        from PySide6.QtCore import QStandardPaths

        folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
        if not folder.name:
            folder = Path.home() / ".rothwizard"
    folder.mkdir(parents=True, exist_ok=True)
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
