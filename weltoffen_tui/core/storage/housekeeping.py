"""Housekeeping of assessment files: rename, copy, move to the recycle folder.

Nothing is ever deleted: "löschen" moves the file (and its backup) into the folder
``Papierkorb`` inside the data folder, from where it can be moved back by hand. Rename
and copy never overwrite a file and accept only a plain file name, never a path. A
file that another window has open (it holds the writer lock, see ``locking``) is not
renamed or moved underneath it. Every refusal is a HousekeepingError (a UserError)
with a German reason and what to do.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from weltoffen_tui.core.atomic import NAME_MAX, write_atomic
from weltoffen_tui.core.errors import Problem, UserError
from weltoffen_tui.core.storage.locking import AssessmentLock, lock_path
from weltoffen_tui.core.storage.store import (
    MAX_FILE_BYTES,
    SUFFIX,
    backup_path,
    read_bounded,
)

TRASH_NAME = "Papierkorb"
# What os.link says where a folder cannot have hard links (then: check, then rename).
_NO_LINKS = (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS)


class HousekeepingError(UserError):
    """A file cannot be renamed, copied or moved to the recycle folder (German reason)."""


def _refuse(path: Path, message: str, hint: str) -> HousekeepingError:
    return HousekeepingError([Problem(path, message, hint)])


def trash_dir(data_dir: Path) -> Path:
    """The recycle folder of a data folder (created when the first file goes there)."""
    return Path(data_dir) / TRASH_NAME


def checked_name(name: str, directory: Path) -> Path:
    """The new file for a name typed by a person, in ``directory``; HousekeepingError if

    the name is empty, a path (``/``, ``\\``, ``..``), hidden (leading dot), has control
    characters, is too long, or the file exists already. ``.toml`` is added if missing.
    """
    text = name.strip()
    shown = Path(directory) / (text or "…")
    if not text:
        raise _refuse(shown, "Kein Dateiname angegeben", "Geben Sie einen neuen Namen ein.")
    if "/" in text or "\\" in text or ".." in text or "\x00" in text:
        raise _refuse(
            shown,
            "Der Name darf kein Pfad sein (kein „/“, „\\“ oder „..“)",
            "Geben Sie nur den Dateinamen an, z. B. „musterstadt-beirat“; die Datei bleibt "
            "im Datenordner.",
        )
    if text.startswith("."):
        raise _refuse(
            shown,
            "Der Name darf nicht mit einem Punkt beginnen (solche Dateien sind versteckt)",
            "Beginnen Sie den Namen mit einem Buchstaben oder einer Ziffer.",
        )
    if any(ord(char) < 32 or ord(char) == 127 for char in text):
        raise _refuse(
            shown,
            "Der Name enthält Steuerzeichen",
            "Verwenden Sie Buchstaben, Ziffern, Bindestriche und Leerzeichen.",
        )
    if not text.endswith(SUFFIX):
        text += SUFFIX
    if len(os.fsencode(text)) > NAME_MAX - len(".bak") - 10:  # room for backup and lock
        raise _refuse(shown, "Der Name ist zu lang", "Wählen Sie einen kürzeren Namen.")
    target = Path(directory) / text
    if target.exists() or target.is_symlink():
        raise _refuse(
            target,
            "Eine Datei mit diesem Namen gibt es schon",
            "Wählen Sie einen anderen Namen; vorhandene Dateien werden nie überschrieben.",
        )
    return target


def _take_lock(path: Path, then: str) -> AssessmentLock:
    """The writer lock of ``path``, or HousekeepingError if another window holds it.

    ``then`` completes "Schließen Sie sie dort und …" (e.g. "löschen Sie sie dann").
    """
    lock = AssessmentLock(path)
    if not lock.acquire():
        holder = lock.holder()
        raise _refuse(
            path,
            "Die Einschätzung ist in einem anderen Fenster geöffnet"
            + (f" ({holder})" if holder else ""),
            f"Schließen Sie sie dort und {then}.",
        )
    return lock


def _move_no_replace(source: Path, target: Path) -> None:
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


def _drop_lock_file(path: Path, lock: AssessmentLock) -> None:
    """Release the lock of a file that has moved away and remove its sidecar."""
    lock.release()
    with contextlib.suppress(OSError):
        lock_path(path).unlink()


def _io_problem(path: Path, exc: OSError, what: str) -> HousekeepingError:
    if isinstance(exc, FileExistsError):
        return _refuse(
            path,
            "Eine Datei mit diesem Namen gibt es schon",
            "Wählen Sie einen anderen Namen; vorhandene Dateien werden nie überschrieben.",
        )
    if isinstance(exc, FileNotFoundError):
        return _refuse(
            path,
            "Die Datei gibt es nicht mehr",
            "Aktualisieren Sie die Liste (r); vielleicht wurde sie inzwischen verschoben.",
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _refuse(
            path,
            f"{what} nicht möglich: keine Schreibrechte im Ordner",
            "Prüfen Sie die Rechte des Datenordners; die Datei ist unverändert.",
        )
    return _refuse(
        path,
        f"{what} nicht möglich ({exc.strerror or exc})",
        "Die Datei ist unverändert.",
    )


def _move_backup(source: Path, target: Path) -> None:
    """Move the backup of ``source`` beside ``target`` too, if it has one (best effort)."""
    old, new = backup_path(source), backup_path(target)
    if old.is_file() and not (new.exists() or new.is_symlink()):
        with contextlib.suppress(OSError):
            _move_no_replace(old, new)


def rename_assessment(path: Path, new_name: str) -> Path:
    """Give an assessment file a new name in its folder; the new path.

    Refused (HousekeepingError) for a name that is a path or taken, and for a file
    another window has open. The backup moves along; nothing is overwritten.
    """
    path = Path(path)
    target = checked_name(new_name, path.parent)
    lock = _take_lock(path, "benennen Sie sie dann um")
    try:
        _move_no_replace(path, target)
    except OSError as exc:
        lock.release()
        raise _io_problem(target, exc, "Umbenennen") from None
    _drop_lock_file(path, lock)
    _move_backup(path, target)
    return target


def copy_assessment(path: Path, new_name: str) -> Path:
    """Copy an assessment file, byte for byte, to a new name in its folder; the new path.

    The original may be open elsewhere (reading is safe). Refused for a name that is a
    path or taken; an existing file is never overwritten.
    """
    path = Path(path)
    target = checked_name(new_name, path.parent)
    try:
        data = read_bounded(path, MAX_FILE_BYTES)
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError as exc:
        raise _io_problem(path, exc, "Kopieren") from None
    staging = target.with_name(f".{target.name}.kopie")
    try:
        write_atomic(staging, data, mode=mode)
        _move_no_replace(staging, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            staging.unlink()
        raise _io_problem(target, exc, "Kopieren") from None
    return target


def _free_name(directory: Path, name: str) -> Path:
    """``directory/name``, or ``name-2``, ``name-3`` … when taken."""
    candidate = directory / name
    stem, suffix = Path(name).stem, Path(name).suffix
    counter = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = directory / f"{stem}-{counter}{suffix}"
        counter += 1
    return candidate


def trash_assessment(path: Path, data_dir: Path | None = None) -> Path:
    """Move an assessment file (and its backup) into the recycle folder; where it went.

    The recycle folder is ``Papierkorb`` in ``data_dir`` (default: the file's folder).
    A file of the same name already there is kept; the new one gets ``-2`` etc. Refused
    for a file another window has open.
    """
    path = Path(path)
    folder = trash_dir(data_dir if data_dir is not None else path.parent)
    lock = _take_lock(path, "löschen Sie sie dann")
    try:
        folder.mkdir(exist_ok=True)
        while True:
            target = _free_name(folder, path.name)
            try:
                _move_no_replace(path, target)
                break
            except FileExistsError:
                continue  # taken in the meantime: try the next free name
    except OSError as exc:
        lock.release()
        raise _io_problem(path, exc, "In den Papierkorb verschieben") from None
    _drop_lock_file(path, lock)
    _move_backup(path, target)
    return target
