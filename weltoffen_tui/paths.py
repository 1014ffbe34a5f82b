"""Where files live: the data directory for assessments and the shipped packs."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "weltoffen-tui"
ENV_DATA_DIR = "WELTOFFEN_DATA_DIR"
DEFAULT_PACK_ID = "weltoffene-kommune"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The directory that holds assessment files.

    Precedence: an explicit ``--data-dir``, then ``WELTOFFEN_DATA_DIR``, then the
    platform's user data directory (e.g. ``~/.local/share/weltoffen-tui``).
    """
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def packs_dir() -> Path:
    """The directory holding the shipped questionnaire packs.

    In an installed wheel the packs sit inside the package; in a source checkout
    (editable install) they are the top-level ``questionnaires/`` folder.
    """
    inside = Path(__file__).resolve().parent / "questionnaires"
    if inside.is_dir():
        return inside
    return Path(__file__).resolve().parent.parent / "questionnaires"


def default_pack_dir() -> Path:
    """The directory of the default pack, *Selbstcheck Weltoffene Kommune*."""
    return packs_dir() / DEFAULT_PACK_ID


def sample_path() -> Path:
    """The shipped sample assessment of a fictitious municipality."""
    return default_pack_dir() / "samples" / "musterstadt.toml"


def pack_cache_file(pack_dir: Path, suffix: str) -> Path:
    """A cache file for the pack in ``pack_dir`` in the user cache folder (one name per folder).

    The validated pack (``.json``) and its question ids (``.ids.json``) sit side by side.
    """
    import hashlib

    from platformdirs import user_cache_dir

    digest = hashlib.sha1(str(pack_dir).encode("utf-8")).hexdigest()[:16]
    return Path(user_cache_dir(APP_NAME, appauthor=False)) / "packs" / f"{digest}{suffix}"
