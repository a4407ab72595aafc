"""Atomic file writes: a crash, a kill or a full disk never leaves half a file behind.

``atomic_write`` writes a temporary file in the target's folder, flushes it to disk, renames it over
the target and flushes the folder. A symbolic link is written through (its target is replaced, the
link stays); a device, pipe or folder is refused with ``NotAFileError``; temporary files a killed
write left behind are removed on the next write; ``backups=N`` keeps the previous versions as
``NAME.1.bak`` (newest) to ``NAME.N.bak``.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import tempfile
import time
from pathlib import Path

STALE_TEMP_SECONDS = 600  # a write takes well under a second; a temporary file this old was orphaned


class NotAFileError(OSError):
    """The target exists and is not a regular file (a device, a pipe, a socket or a folder)."""


REASONS = {
    getattr(errno, name): text for name, text in (
        ("ENOENT", "its folder does not exist"),
        ("ENOTDIR", "part of the path is not a folder"),
        ("EACCES", "permission is denied"),
        ("EPERM", "permission is denied"),
        ("EROFS", "the disk is read-only"),
        ("ENOSPC", "the disk is full"),
        ("EDQUOT", "the disk quota is used up"),
        ("EISDIR", "it is a folder"),
        ("ENAMETOOLONG", "the file name is too long"),
        ("EBUSY", "the file is in use"),
        ("ETXTBSY", "the file is in use"),
        ("ELOOP", "it is a loop of symbolic links"),
        ("EINVAL", "the name is not allowed here"),
    ) if hasattr(errno, name)
}


def plain_reason(exc: OSError) -> str:
    """Why a write failed, in plain words ("the disk is full"), never naming a temporary file."""
    if isinstance(exc, NotAFileError):
        return str(exc.strerror or "it is not a regular file")
    if exc.errno in REASONS:
        return REASONS[exc.errno]
    return (exc.strerror or exc.__class__.__name__).strip().rstrip(".").lower() or "the system refused it"


def resolve_target(path: str | os.PathLike[str]) -> Path:
    """The file a write to ``path`` must change: symbolic links followed (a dangling one gives the file
    it points to); refuses what is not a regular file."""
    path = Path(path)
    try:
        if stat.S_ISLNK(os.lstat(path).st_mode):
            path = Path(os.path.realpath(path))
        st = path.stat()
    except FileNotFoundError:
        return path
    except OSError:
        return path  # the write itself reports it
    if not stat.S_ISREG(st.st_mode):
        what = ("a folder" if stat.S_ISDIR(st.st_mode) else
                "a pipe" if stat.S_ISFIFO(st.st_mode) else
                "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "a special file")
        raise NotAFileError(errno.EINVAL, f"it is {what}, not an ordinary file", str(path))
    return path


def atomic_write(path: str | os.PathLike[str], data: bytes, *, backups: int = 0) -> Path:
    """Write ``data`` to ``path`` all at once; returns the file written (a symbolic link's target).

    On any failure the temporary file is removed and the target is untouched. The new file gets the
    old file's permissions, or the usual ones for a new file (0666 less the umask), not mkstemp's 0600.
    A file with other hard links is rewritten in place (so every name sees the new content) after the
    new content was safely written aside."""
    target = resolve_target(path)
    try:
        st = target.stat()
        mode, links = st.st_mode & 0o777, st.st_nlink
    except OSError:
        mode, links = 0o666 & ~_umask(), 1
    folder = target.parent
    _clean_stale_temps(folder, target.name)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:200]}.", suffix=".tmp", dir=folder)
    try:
        _set_mode(fd, tmp, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if backups > 0:
            _rotate_backups(target, backups)
        if links > 1:
            _rewrite_in_place(target, data)
            os.unlink(tmp)
        else:
            os.replace(tmp, target)
        _fsync_folder(folder)
    except BaseException:
        _remove(tmp)
        raise
    return target


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


def backup_paths(path: str | os.PathLike[str], count: int) -> list[Path]:
    path = Path(path)
    return [path.with_name(f"{path.name}.{i}.bak") for i in range(1, count + 1)]


def _rotate_backups(target: Path, count: int) -> None:
    """NAME.(n-1).bak -> NAME.n.bak ..., then the current file -> NAME.1.bak (a hard link or a copy)."""
    if not target.exists():
        return
    names = backup_paths(target, count)
    try:
        for older, newer in zip(reversed(names[1:]), reversed(names[:-1]), strict=True):
            if newer.exists():
                os.replace(newer, older)
        try:
            names[0].unlink()
        except FileNotFoundError:
            pass
        try:
            os.link(target, names[0])
        except OSError:
            shutil.copy2(target, names[0])
    except OSError:
        pass  # a backup that cannot be made never stops the save itself


def _rewrite_in_place(target: Path, data: bytes) -> None:
    with open(target, "r+b") as fh:
        fh.write(data)
        fh.truncate()
        fh.flush()
        os.fsync(fh.fileno())


_TEMP = re.compile(r"^\.(?P<name>.+)\.[A-Za-z0-9_]{8}\.tmp$")


def _clean_stale_temps(folder: Path, name: str) -> None:
    """Remove ``.NAME.XXXXXXXX.tmp`` files an interrupted write of ``NAME`` left behind."""
    prefix = f".{name[:200]}."
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = _TEMP.match(entry.name)
        if not match or not entry.name.startswith(prefix) or len(entry.name) != len(prefix) + 12:
            continue
        try:
            if entry.is_file(follow_symlinks=False) and now - entry.stat(follow_symlinks=False).st_mtime > \
                    STALE_TEMP_SECONDS:
                os.unlink(entry.path)
        except OSError:
            pass


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); folders cannot be opened this way on Windows."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _set_mode(fd: int, tmp: str, mode: int) -> None:
    """Give the temporary file ``mode``. Changing it through the descriptor (fchmod) works on POSIX only
    (Windows Python has it from 3.13); elsewhere ``os.chmod`` on the name does the same (on Windows only
    the read-only bit counts)."""
    fchmod = getattr(os, "fchmod", None)
    if fchmod is not None:
        fchmod(fd, mode)
    else:
        os.chmod(tmp, mode)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current
