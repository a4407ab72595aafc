"""Atomic file writes: a crash or a full disk never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` all at once: a temporary file in the same folder, fsync, rename.

    On any failure the temporary file is removed and the target is untouched. The new file gets the
    old file's permissions, or the usual ones for a new file (0666 less the umask), not mkstemp's 0600."""
    path = Path(path)
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        _set_mode(fd, tmp, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        _remove(tmp)
        raise


def _remove(tmp: str) -> None:
    """Remove the temporary file. On Windows a file with the read-only attribute (copied from a read-only
    target) cannot be deleted until the attribute is cleared."""
    try:
        os.unlink(tmp)
    except PermissionError:
        try:
            os.chmod(tmp, 0o600)
            os.unlink(tmp)
        except OSError:
            pass
    except OSError:
        pass


def _set_mode(fd: int, tmp: str, mode: int) -> None:
    """Give the temporary file ``mode``. ``os.fchmod`` exists on POSIX only (Windows Python has it from
    3.13); elsewhere ``os.chmod`` on the name does the same (on Windows only the read-only bit counts)."""
    fchmod = getattr(os, "fchmod", None)
    if fchmod is not None:
        fchmod(fd, mode)
    else:
        os.chmod(tmp, mode)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current
