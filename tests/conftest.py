"""Shared fixtures: a small, valid questionnaire pack written to a temporary folder."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from weltoffen_tui.core.assessment import Assessment, Respondent
from weltoffen_tui.core.pack.check import validate_pack
from weltoffen_tui.core.pack.load import load_pack
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.paths import default_pack_dir

PACK_TOML = """id = "mini"
version = "0.1"
title = "Mini-Check"
fields = ["alpha", "beta"]

[[scale]]
value = 1
label = "Gibt es nicht"
points = 0

[[scale]]
value = 2
label = "In Ansätzen"
points = 1

[[scale]]
value = 3
label = "Weitgehend umgesetzt"
points = 2

[[scale]]
value = 4
label = "Fest etabliert"
points = 3

[[levels]]
id = "einstieg"
name = "Einstieg"
min = 0

[[levels]]
id = "aufbau"
name = "Aufbau"
min = 25

[[levels]]
id = "fortgeschritten"
name = "Fortgeschritten"
min = 50

[[levels]]
id = "verankert"
name = "Verankert"
min = 75

[[pillars]]
id = "selbstcheck"
name = "Selbstcheck"
"""


def field_toml(field_id: str, prefix: str, count: int = 3, article: str = "art-a") -> str:
    parts = [f'id = "{field_id}"', f'title = "Feld {field_id}"', 'intro = "Worum es geht."', ""]
    for n in range(1, count + 1):
        parts += [
            "[[questions]]",
            f'id = "{prefix}-{n:02d}"',
            f'text = "In welchem Umfang gibt es {prefix} {n}?"',
            'help = "Hilfe."',
            'example = "Beispiel."',
            "[questions.low]",
            f'text = "Starten Sie {prefix} {n}."',
            'effort = "klein"',
            f'articles = ["{article}"]',
            "[questions.unknown]",
            f'text = "Fragen Sie nach {prefix} {n}."',
            'effort = "klein"',
            f'articles = ["{article}"]',
            "",
        ]
    for level in ("einstieg", "aufbau", "fortgeschritten", "verankert"):
        parts += [
            "[[levels]]",
            f'level = "{level}"',
            f'text = "Weiter von {level}."',
            'effort = "mittel"',
            f'articles = ["{article}"]',
            "",
        ]
    return "\n".join(parts)


def article_md(article_id: str, fields: str = '["alpha"]') -> str:
    return (
        f'+++\nid = "{article_id}"\ntitle = "Artikel {article_id}"\nfields = {fields}\n'
        f'pillar = "selbstcheck"\ntags = ["x"]\nsummary = "Kurz."\n+++\n\n'
        "## Worum es geht\n\nText.\n"
    )


def write_mini_pack(root: Path) -> Path:
    """Write a valid two-field pack and return its folder."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "fields").mkdir(exist_ok=True)
    (root / "articles").mkdir(exist_ok=True)
    (root / "pack.toml").write_text(PACK_TOML, encoding="utf-8")
    (root / "fields" / "alpha.toml").write_text(field_toml("alpha", "al"), encoding="utf-8")
    (root / "fields" / "beta.toml").write_text(field_toml("beta", "be", 4), encoding="utf-8")
    (root / "articles" / "art-a.md").write_text(article_md("art-a"), encoding="utf-8")
    (root / "articles" / "art-b.md").write_text(article_md("art-b", '["beta"]'), encoding="utf-8")
    return root


@pytest.fixture
def mini_pack_dir(tmp_path: Path) -> Path:
    return write_mini_pack(tmp_path / "mini")


@pytest.fixture(scope="session")
def mini_pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    """A read-only mini pack shared by the session (packs are immutable)."""
    pack, problems = validate_pack(write_mini_pack(tmp_path_factory.mktemp("pack") / "mini"))
    assert pack is not None, problems
    return pack


@pytest.fixture(scope="session")
def shipped_pack() -> Pack:
    return load_pack(default_pack_dir())


def make_assessment(pack: Pack, **overrides: object) -> Assessment:
    values = {
        "municipality": "Musterhausen",
        "kind": "Gemeinde",
        "questionnaire": pack.id,
        "questionnaire_version": pack.version,
        "consultant": "Beraterin",
        "respondents": [Respondent(name="A. Beispiel", role="Integrationsbeauftragte")],
    }
    values.update(overrides)
    return Assessment.new(**values)  # type: ignore[arg-type]


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "daten"
    directory.mkdir()
    monkeypatch.setenv("WELTOFFEN_DATA_DIR", str(directory))
    return directory


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder („daten“) holding a copy of the shipped sample, as a user's would.

    A module that needs other files in it defines its own ``data`` (it wins).
    """
    from weltoffen_tui.paths import sample_path

    directory = tmp_path / "daten"
    directory.mkdir()
    shutil.copyfile(sample_path(), directory / sample_path().name)
    return directory


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    from weltoffen_tui.paths import sample_path

    target = tmp_path / "musterstadt.toml"
    shutil.copyfile(sample_path(), target)
    return target


@pytest.fixture(autouse=True)
def _pack_registry_reset() -> object:
    """A command's --pack and --data-dir are set per process: reset them after a test."""
    from weltoffen_tui.core.pack import registry

    yield None
    registry.configure()


@pytest.fixture(autouse=True, scope="session")
def _own_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The whole test run keeps its pack caches in a folder of its own.

    Tests validate hundreds of packs in temporary folders, each cached under its path;
    in the real user cache folder they piled up (3,000 files, 50 MB after a few runs)
    and stayed there. Subprocesses of the tests inherit the variable.
    """
    import os

    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture(autouse=True)
def _own_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test keeps its settings (the remembered theme) in a folder of its own.

    A test that switched the theme (Strg+T, ``--theme``) used to write the real user's
    ``einstellungen.json``; every later start of the program on that machine, the
    start-up benchmark included, then opened in that theme. A test that needs a
    particular folder sets ``WELTOFFEN_CONFIG_DIR`` itself and wins.
    """
    monkeypatch.setenv("WELTOFFEN_CONFIG_DIR", str(tmp_path_factory.mktemp("einstellungen")))
