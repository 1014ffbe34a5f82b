"""The one way this program replaces a file: completely or not at all.

Assessments, exports, the pack cache and the listing index are all written through
``write_atomic``. Readers (another window, a crashed and restarted program, a user's
editor) then only ever see the old or the new content, never half a file. Keeping a
single implementation means a fix to the crash-safety rules applies everywhere.

Temporary files are hidden and named ``.<target name>.<random>.tmp`` beside the
target, so ``EditSession`` can find and remove those a killed writer left behind. For
a target whose name is already close to the file-name limit (255 bytes on most file
systems) the name part is shortened (``temp_prefix``), so such a file can be saved.

``move_no_replace`` is its counterpart for moving a file to a name that must still be
free (rename, copy, recycle folder): the only other place that renames files.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

TEMP_SUFFIX = ".tmp"
NAME_MAX = 255  # bytes of one file name on every common file system
_RANDOM_PART = 8  # what tempfile.mkstemp adds between prefix and suffix


def fit_name(name: str, room: int) -> str:
    """``name`` without as many characters at its end as needed to fit ``room`` bytes."""
    while len(os.fsencode(name)) > room:
        name = name[:-1]
    return name


def temp_prefix(target: Path) -> str:
    """The start of the temporary file names for ``target`` (``.<name>.``, shortened)."""
    room = NAME_MAX - len(".") - len(".") - _RANDOM_PART - len(TEMP_SUFFIX)
    return f".{fit_name(Path(target).name, room)}."


def write_atomic(
    target: Path,
    data: bytes | str,
    *,
    mode: int | None = None,
    backup: Path | None = None,
    durable: bool = True,
    replace: bool = True,
) -> None:
    """Replace ``target`` with ``data`` atomically.

    ``data`` given as text is written as UTF-8 exactly as it is (no newline
    translation, so CSV line endings survive). ``mode`` sets the permission bits of the
    new file; without it the file keeps the private ``0o600`` of a temporary file.
    With ``backup`` the previous version of ``target`` (if there is one) becomes
    ``backup`` just before the replacement, itself atomically. ``durable`` flushes the
    data and the folder entry to the disk, so a power cut after the return cannot lose
    the write; caches turn it off because they can be rebuilt. ``replace=False``
    writes a new file only: FileExistsError if ``target`` appeared meanwhile (imports,
    migrations — they never overwrite).

    Raises OSError (the folder is created if needed); on any failure ``target`` and
    ``backup`` are unchanged and no temporary file is left behind.
    """
    import tempfile  # here, not at the top: ``weltoffen report`` never writes

    target = Path(target)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = target.parent
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(target), suffix=TEMP_SUFFIX, dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp_name, mode)
        if backup is not None and target.exists():
            _keep_backup(target, Path(backup))
        if replace:
            os.replace(tmp_name, target)
        else:
            move_no_replace(Path(tmp_name), target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    if durable:
        _fsync_directory(directory)


def _keep_backup(target: Path, backup: Path) -> None:
    """Make ``backup`` the current version of ``target``, atomically.

    A hard link costs nothing and keeps the old inode; where links are not possible
    (some network and FAT file systems) the file is copied. The staging name is hidden
    and ends in ``.tmp`` like the temporary data file, for the same clean-up.
    """
    room = NAME_MAX - len(".") - len(TEMP_SUFFIX)
    staging = backup.with_name(f".{fit_name(backup.name, room)}{TEMP_SUFFIX}")
    try:
        try:
            staging.unlink(missing_ok=True)
            os.link(target, staging)
        except OSError:
            import shutil

            shutil.copy2(target, staging)
        os.replace(staging, backup)
    except BaseException:
        with contextlib.suppress(OSError):
            staging.unlink()
        raise


def _fsync_directory(directory: Path) -> None:
    """Flush the folder entry of a rename; not possible everywhere (e.g. Windows)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# What os.link says where a folder cannot have hard links (then: check, then rename).
_NO_LINKS = (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS)


def move_no_replace(source: Path, target: Path) -> None:
    """Move a file without ever replacing ``target`` (OSError, FileExistsError if taken).

    A hard link followed by removing the old name is atomic against a file appearing
    at ``target``; where hard links are impossible (some network or FAT folders) the
    move falls back to a check and a rename.
    """
    try:
        os.link(source, target, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        if target.exists() or target.is_symlink():
            raise FileExistsError(errno.EEXIST, "exists", str(target)) from None
        os.rename(source, target)
        return
    os.unlink(source)
