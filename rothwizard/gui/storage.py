"""The app's data folder: autosaves, locks, recent plans and the log.

``ROTHWIZARD_DATA_DIR`` overrides the folder (tests point it at a temporary one); otherwise one folder
named RothWizard in the user's data location (``default_data_dir``). Every write is atomic
(``core.atomic.atomic_write``).

Each wizard window autosaves to a file of its own (``autosave/<id>.json``), held by a lock file while
it runs, so two windows never share or delete each other's work: on start, only the autosaves whose
window is gone (killed, crashed) are offered back. A plan file open in one window is locked
(``locks/``) so a second window can say so; a plan changed on disk since it was opened is noticed
before Save overwrites it.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rothwizard.core.atomic import atomic_write

AUTOSAVE = "autosave.json"  # the single autosave of older versions, still offered back once
AUTOSAVES = "autosave"
LOCKS = "locks"
RECENT = "recent.json"
LOG = "rothwizard.log"
MAX_RECENT = 8
MAX_AUTOSAVE_BYTES = 2_000_000
AUTOSAVE_INTERVAL_MS = 1000  # while changes keep coming, at most this often; at once on a page change


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


def _subdir(name: str) -> Path:
    folder = data_dir() / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _write_json(path: Path, value: Any) -> None:
    atomic_write(path, (json.dumps(value, indent=1, default=str) + "\n").encode("utf-8"))


def _read_json(path: Path) -> Any:
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_AUTOSAVE_BYTES + 1)
        if len(raw) > MAX_AUTOSAVE_BYTES:
            return None
        return json.loads(raw.decode("utf-8-sig"))
    except (OSError, ValueError, RecursionError):
        return None


def _lock(path: Path):
    from PySide6.QtCore import QLockFile

    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)  # a live window's lock never goes stale; a dead one's is taken over
    return lock


# ----------------------------------------------------------------- autosave


def clean_snapshot(snap: Any) -> dict[str, Any] | None:
    """An autosave as the wizard can use it, or ``None``: a hand-edited or damaged file gives a clean
    start, never a crash. Fields of the wrong kind are left out."""
    if not isinstance(snap, dict) or not isinstance(snap.get("data"), dict):
        return None
    try:
        from rothwizard.core.planfile import json_ready

        data = json_ready(snap["data"], keep_text=True)
    except (ValueError, TypeError, RecursionError):
        return None
    page = snap.get("page")
    path = snap.get("path")
    if isinstance(path, str) and (not path or "\0" in path or len(path) > 4096):
        path = None
    return {
        "autosave_version": 1,
        "data": data,
        "skip_backdoor": snap.get("skip_backdoor") if isinstance(snap.get("skip_backdoor"), bool) else True,
        "path": path if isinstance(path, str) else None,
        "page": page if isinstance(page, int) and not isinstance(page, bool) and 0 <= page < 32 else 0,
        "dirty": snap.get("dirty") if isinstance(snap.get("dirty"), bool) else True,
        "draft": snap.get("draft") is True,
        "disk_stamp": _stamp(snap.get("disk_stamp")),
        "earlier_years": [y for y in snap.get("earlier_years") or [] if isinstance(y, dict)]
        if isinstance(snap.get("earlier_years"), list) else [],
    }


def _stamp(value: Any) -> tuple[int, int] | None:
    if (isinstance(value, list) and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value)):
        return (value[0], value[1])
    return None


@dataclass
class Orphan:
    """An autosave whose window is gone."""

    file: Path
    snapshot: dict[str, Any]
    lock: Any = None  # held while the offer is open, so another window does not offer it too

    def discard(self) -> None:
        for path in (self.file,):
            try:
                path.unlink()
            except OSError:
                pass
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None


def orphaned_autosaves() -> list[Orphan]:
    """Autosaves left by windows that are gone, newest first. Damaged ones are removed."""
    out: list[tuple[float, Orphan]] = []
    candidates = [data_dir() / AUTOSAVE]
    try:
        candidates += sorted(_subdir(AUTOSAVES).glob("*.json"))
    except OSError:
        pass
    for file in candidates:
        if not file.exists():
            continue
        lock = None
        if file.parent.name == AUTOSAVES:
            lock = _lock(file.with_suffix(".lock"))
            if not lock.tryLock(0):
                continue  # its window is still open
        snap = clean_snapshot(_read_json(file))
        orphan = Orphan(file, snap or {}, lock)
        if snap is None or not snap.get("dirty", True):
            orphan.discard()  # nothing unsaved, or nothing usable, was left behind
            continue
        try:
            when = file.stat().st_mtime
        except OSError:
            when = 0.0
        out.append((when, orphan))
    out.sort(key=lambda item: -item[0])
    return [orphan for _when, orphan in out]


class Autosave:
    """One window's autosave file, locked while the window runs."""

    def __init__(self) -> None:
        self.id = f"{os.getpid()}-{secrets.token_hex(4)}"
        self._lock = None

    @property
    def file(self) -> Path:
        return _subdir(AUTOSAVES) / f"{self.id}.json"

    def write(self, snapshot: dict[str, Any]) -> None:
        if self._lock is None:
            lock = _lock(self.file.with_suffix(".lock"))
            if lock.tryLock(0):
                self._lock = lock
        _write_json(self.file, snapshot)

    def clear(self) -> None:
        """Remove this window's autosave (a normal close, or the plan was saved)."""
        try:
            self.file.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None


# Older single-file API, kept for callers that want this window's autosave by name.
def write_autosave(snapshot: dict[str, Any]) -> None:
    _write_json(data_dir() / AUTOSAVE, snapshot)


def read_autosave() -> dict[str, Any] | None:
    return clean_snapshot(_read_json(data_dir() / AUTOSAVE))


def clear_autosave() -> None:
    try:
        (data_dir() / AUTOSAVE).unlink()
    except FileNotFoundError:
        pass


# ----------------------------------------------------------------- plan files


def disk_stamp(path: str | os.PathLike[str] | None) -> tuple[int, int] | None:
    """What tells that a file changed on disk: its modification time and size (``None``: no file)."""
    if path is None:
        return None
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_mtime_ns, st.st_size)


class PlanLock:
    """Marks a plan file as open in this window (the lock lives in the data folder, not beside the
    plan). ``acquire`` is False when another running window has it open."""

    def __init__(self) -> None:
        self._lock = None
        self.path: Path | None = None

    @staticmethod
    def _file(path: Path) -> Path:
        key = hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:32]
        return _subdir(LOCKS) / f"{key}.lock"

    def held_elsewhere(self, path: str | os.PathLike[str]) -> bool:
        path = Path(path)
        if self.path is not None and self.path == path.resolve():
            return False
        try:
            probe = _lock(self._file(path))
        except OSError:
            return False
        if probe.tryLock(0):
            probe.unlock()
            return False
        return True

    def acquire(self, path: str | os.PathLike[str]) -> bool:
        """Hold the lock for ``path`` (releasing any other); False when another window holds it."""
        path = Path(path)
        try:
            resolved = path.resolve()
        except OSError:
            resolved = path
        if self.path == resolved:
            return True
        self.release()
        try:
            lock = _lock(self._file(path))
        except OSError:
            return True
        if not lock.tryLock(0):
            return False
        self._lock, self.path = lock, resolved
        return True

    def release(self) -> None:
        if self._lock is not None:
            self._lock.unlock()
        self._lock, self.path = None, None


# ----------------------------------------------------------------- recent plans


def recent_plans() -> list[str]:
    items = _read_json(data_dir() / RECENT)
    if not isinstance(items, list):
        return []
    out = []
    for p in items:
        try:
            if isinstance(p, str) and "\0" not in p and Path(p).exists():
                out.append(p)
        except (OSError, ValueError):
            continue
    return out[:MAX_RECENT]


def add_recent(path: str | Path) -> list[str]:
    path = str(Path(path).resolve())
    items = [path] + [p for p in recent_plans() if p != path]
    items = items[:MAX_RECENT]
    try:
        _write_json(data_dir() / RECENT, items)
    except OSError:
        pass
    return items

