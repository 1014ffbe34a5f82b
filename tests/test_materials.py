"""Arbeitshilfen: shipped templates, their links, validation, export (CLI and TUI)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from textual.widgets import Markdown, OptionList, Tree

from tests.conftest import article_md, write_mini_pack
from weltoffen_tui.cli import main
from weltoffen_tui.core.materials import load_materials
from weltoffen_tui.core.pack.check import validate_pack
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.render import formats
from weltoffen_tui.render import material as document
from weltoffen_tui.tui.app import WeltoffenApp
from weltoffen_tui.tui.screens.article import ArticleScreen, MaterialExportDialog
from weltoffen_tui.tui.screens.library import LibraryScreen

EXPECTED = {
    "netiquette",
    "vorfallprotokoll",
    "hilfekarte-bedrohung",
    "einladung-dialogveranstaltung",
    "beschlussvorlage-integrationskonzept",
    "auswertungsbogen-dialogveranstaltung",
}


def _materials(pack: Pack) -> dict[str, object]:
    return {m.id: m for m in load_materials(pack.directory)}


def test_the_six_templates_are_shipped(shipped_pack: Pack) -> None:
    assert set(_materials(shipped_pack)) == EXPECTED


def test_every_template_is_linked_from_an_article_that_mentions_it(shipped_pack: Pack) -> None:
    materials = load_materials(shipped_pack.directory)
    for material in materials:
        linking = [a for a in shipped_pack.articles.values() if material.id in a.meta.materials]
        assert linking, f"{material.id} is linked from no article"
        # The article text names the template by (the start of) its title.
        short = material.title.split(":")[0]
        assert any(short in a.body for a in linking), material.id


def test_templates_have_blanks_and_italic_instructions(shipped_pack: Pack) -> None:
    for material in load_materials(shipped_pack.directory):
        assert material.body.count("[") >= 3, material.id
        assert "*Hinweis" in material.body, material.id
        assert not material.body.lstrip().startswith("# "), material.id  # title comes from meta


def _docx_xml(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


@pytest.mark.parametrize("material_id", sorted(EXPECTED))
@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_every_template_exports_in_every_format(
    material_id: str, fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import docx

    chosen = formats.BY_NAME[fmt]
    target = tmp_path / f"vorlage{chosen.suffix}"
    assert main(["materials", material_id, "-o", str(target)]) == 0
    assert "Geschrieben" in capsys.readouterr().out
    from weltoffen_tui.core.materials import find_material
    from weltoffen_tui.core.pack.load import load_pack

    material = find_material(load_materials(load_pack().directory), material_id)
    assert material is not None
    has_table = "|---" in material.body
    if fmt == "markdown":
        text = target.read_text(encoding="utf-8")
        assert text.startswith(f"# {material.title}\n")
        assert "[Name der Kommune]" in text or "[Name]" in text or "[Datum]" in text
        return
    if fmt == "html":
        text = target.read_text(encoding="utf-8")
        assert '<html lang="de">' in text and material.title in text
        assert ("<table>" in text) == has_table
        return
    data = target.read_bytes()
    word = docx.Document(str(target))
    assert word.core_properties.title == material.title
    assert word.core_properties.language == "de-DE"
    assert word.paragraphs[0].text == material.title
    assert word.paragraphs[0].style.name == "Heading 1"
    assert bool(word.tables) == has_table
    styles = _docx_xml(data, "word/styles.xml")
    assert 'w:lang w:val="de-DE"' in styles
    # Headings, lists and emphasis from the Markdown become Word structure.
    names = {p.style.name for p in word.paragraphs}
    assert "Heading 2" in names
    assert names & {"List Bullet", "List Number"}
    assert any(run.italic for p in word.paragraphs for run in p.runs)
    if "**" in material.body:
        assert any(run.bold for p in word.paragraphs for run in p.runs)


def test_the_incident_log_is_a_word_table_to_fill_in(tmp_path: Path) -> None:
    import docx

    target = tmp_path / "protokoll.docx"
    assert main(["materials", "vorfallprotokoll", "-o", str(target)]) == 0
    word = docx.Document(str(target))
    log = word.tables[0]
    header = [cell.text for cell in log.rows[0].cells]
    assert header[0] == "Nr." and "Beweise gesichert" in header
    assert all(run.bold for cell in log.rows[0].cells for run in cell.paragraphs[0].runs)
    assert len(log.rows) >= 6 and log.rows[5].cells[1].text == ""  # rows left blank
    section = word.sections[0]
    assert section.page_width > section.page_height  # nine columns: landscape


def test_numbered_lists_start_again_at_one_in_word() -> None:
    import docx

    from weltoffen_tui.render.blocks import Document, Prose
    from weltoffen_tui.render.docx import to_docx

    data = to_docx(Document("Liste", (Prose("1. a\n2. b\n\nText\n\n1. c\n2. d\n"),)))
    word = docx.Document(io.BytesIO(data))
    ids = [
        p._p.pPr.numPr.numId.val
        for p in word.paragraphs
        if p.style.name == "List Number" and p._p.pPr is not None and p._p.pPr.numPr is not None
    ]
    assert len(ids) == 4 and ids[0] == ids[1] and ids[2] == ids[3] and ids[0] != ids[2]


def test_list_and_unknown_id_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["materials"]) == 0
    out = capsys.readouterr().out
    for material_id in EXPECTED:
        assert material_id in out
    assert "Vorfallprotokoll" in out
    assert main(["materials", "gibt-es-nicht"]) == 2
    err = capsys.readouterr().err
    assert "Diese Arbeitshilfe gibt es nicht" in err and "netiquette" in err
    assert "Traceback" not in err


def test_a_format_the_template_does_not_offer_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "vorlage.csv"
    assert main(["materials", "netiquette", "-o", str(target)]) == 2
    assert "docx (.docx)" in capsys.readouterr().err
    assert not target.exists()


def test_docx_is_refused_elsewhere_with_the_formats_that_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["questionnaire", "-o", str(tmp_path / "bogen.docx")]) == 2
    assert "Möglich sind" in capsys.readouterr().err


def test_markdown_export_is_the_one_view_model() -> None:
    from weltoffen_tui.core.materials import Material, MaterialMeta

    material = Material(
        MaterialMeta(id="x", title="Titel", summary="Kurz."),
        "## Teil\n\n*Hinweis: kursiv.* **fett** [Name der Kommune]\n",
        Path("x.md"),
    )
    text = document.render(formats.MARKDOWN, material)
    assert isinstance(text, str)
    assert text.startswith("# Titel\n") and "[Name der Kommune]" in text
    html = document.render(formats.HTML, material)
    assert isinstance(html, str) and "<em>Hinweis: kursiv.</em>" in html
    assert "<strong>fett</strong>" in html


# --------------------------------------------------------------------------- validation


def _pack_with_materials(root: Path, template: str, links: str = '["vorlage"]') -> Path:
    pack = write_mini_pack(root)
    article = article_md("art-a").replace(
        'summary = "Kurz."', f'summary = "Kurz."\nmaterials = {links}'
    )
    (pack / "articles" / "art-a.md").write_text(article, encoding="utf-8")
    (pack / "arbeitshilfen").mkdir()
    (pack / "arbeitshilfen" / "vorlage.md").write_text(template, encoding="utf-8")
    return pack


GOOD = (
    '+++\nid = "vorlage"\ntitle = "Vorlage"\nsummary = "Kurz."\nfields = ["alpha"]\n'
    'pillar = "selbstcheck"\ntags = ["x"]\n+++\n\n## Teil\n\n[Name der Kommune]\n'
)


def test_a_valid_template_and_link_pass(tmp_path: Path) -> None:
    pack, problems = validate_pack(_pack_with_materials(tmp_path / "p", GOOD))
    assert pack is not None, problems
    assert [m.id for m in load_materials(pack.directory)] == ["vorlage"]


def test_validate_reports_a_dead_materials_link_with_file_and_line(tmp_path: Path) -> None:
    root = _pack_with_materials(tmp_path / "p", GOOD, '["vorlage", "fehlt"]')
    pack, problems = validate_pack(root)
    assert pack is None
    dead = [p for p in problems if "fehlt" in p.message]
    assert len(dead) == 1, problems
    assert dead[0].file.name == "art-a.md"
    text = (root / "articles" / "art-a.md").read_text(encoding="utf-8").splitlines()
    assert dead[0].line is not None and text[dead[0].line - 1].startswith("materials")
    assert "arbeitshilfen/fehlt.md" in dead[0].hint


def test_validate_reports_bad_template_front_matter_with_line(tmp_path: Path) -> None:
    broken = GOOD.replace('title = "Vorlage"', 'title = "Vorlage"\nfarbe = "rot"')
    root = _pack_with_materials(tmp_path / "p", broken)
    _, problems = validate_pack(root)
    found = [p for p in problems if p.file.name == "vorlage.md"]
    assert len(found) == 1, problems
    assert found[0].line == 4  # the line of "farbe" in the whole file
    # A syntax error, too, is reported at its line in the file.
    root = _pack_with_materials(tmp_path / "q", GOOD.replace('summary = "Kurz."', "summary = "))
    _, problems = validate_pack(root)
    found = [p for p in problems if p.file.name == "vorlage.md"]
    assert found and found[0].line == 4, problems
    # No front matter at all.
    root = _pack_with_materials(tmp_path / "r", "## Nur Text\n")
    _, problems = validate_pack(root)
    assert any(p.file.name == "vorlage.md" and p.line == 1 for p in problems), problems


def test_validate_command_fails_on_a_dead_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _pack_with_materials(tmp_path / "p", GOOD, '["fehlt"]')
    assert main(["validate", str(root)]) == 1
    out = capsys.readouterr()
    assert "art-a.md:" in out.out + out.err and "fehlt" in out.out + out.err


# --------------------------------------------------------------------------- the screens


def _leaves(tree: Tree[str], label: str) -> list[str]:
    node = next(n for n in tree.root.children if str(n.label) == label)
    return [str(child.data) for child in node.children]


async def test_the_library_lists_the_templates_and_exports_one(tmp_path: Path) -> None:
    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        assert isinstance(app.screen, LibraryScreen)
        tree = app.screen.query_one("#tree", Tree)
        leaves = _leaves(tree, "Arbeitshilfen")
        assert {leaf.removeprefix("material:") for leaf in leaves} == EXPECTED
        node = next(n for n in tree.root.children if str(n.label) == "Arbeitshilfen")
        protocol = next(c for c in node.children if c.data == "material:vorfallprotokoll")
        tree.move_cursor(protocol)
        await pilot.pause()
        assert "Übersicht der Vorfälle" in app.screen.query_one("#article", Markdown).source
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, MaterialExportDialog)
        await pilot.press("enter")  # the first choice: Word
        await pilot.pause()
        written = tmp_path / "arbeitshilfe-vorfallprotokoll.docx"
        assert written.is_file() and zipfile.is_zipfile(written)
        assert written in app.exported
        assert isinstance(app.screen, LibraryScreen)


async def test_an_article_lists_its_templates_and_e_exports_html(tmp_path: Path) -> None:
    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        article = app.pack.articles["dialogveranstaltung-planen"]
        await app.push_screen(ArticleScreen(article, app.pack))
        await pilot.pause()
        source = app.screen.query_one("#article", Markdown).source
        assert "## Arbeitshilfen zum Ausfüllen" in source
        assert "Einladung zu einer Dialogveranstaltung" in source
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MaterialExportDialog)
        options = dialog.query_one(OptionList)
        html_index = next(
            i
            for i in range(options.option_count)
            if options.get_option_at_index(i).id == "html:einladung-dialogveranstaltung"
        )
        options.highlighted = html_index
        await pilot.press("enter")
        await pilot.pause()
        written = tmp_path / "arbeitshilfe-einladung-dialogveranstaltung.html"
        assert written.is_file()
        assert "Einladung" in written.read_text(encoding="utf-8")


async def test_an_article_without_templates_shows_no_export_key(tmp_path: Path) -> None:
    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ArticleScreen(app.pack.articles["welcome-center-aufbauen"]))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        assert not list(tmp_path.glob("arbeitshilfe-*"))
        assert not app._notifications  # the key is off here, not answered with a message


async def test_the_library_search_finds_templates_too(tmp_path: Path) -> None:
    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b", *"Vorfallprotokoll")
        await pilot.pause()
        results = app.screen.query_one("#results", OptionList)
        ids = [results.get_option_at_index(i).id for i in range(results.option_count)]
        assert "material:vorfallprotokoll" in ids
        results.highlighted = ids.index("material:vorfallprotokoll")
        await pilot.pause()
        assert "Übersicht der Vorfälle" in app.screen.query_one("#article", Markdown).source
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, MaterialExportDialog)


def test_control_characters_in_a_template_do_not_break_the_word_file() -> None:
    import docx

    from weltoffen_tui.render.blocks import Document, Prose
    from weltoffen_tui.render.docx import to_docx

    body = "a\x07b **c\x1b[31m**\n\n```\nx\x00y\n```\n"
    word = docx.Document(io.BytesIO(to_docx(Document("T\x1b", (Prose(body),)))))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "\x1b" not in text and "\x00" not in text and "\x07" not in text
    assert "\x1b" not in (word.core_properties.title or "")


def test_titles_read_from_the_front_matter_alone_match_the_loaded_templates(
    shipped_pack,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    """The report's quick title lookup gives what loading every template gives; an
    unknown or broken file keeps its id."""
    import shutil

    from weltoffen_tui.core.materials import load_materials, material_titles

    loaded = {m.id: m.title for m in load_materials(shipped_pack.directory)}
    assert len(loaded) == 6
    assert material_titles(shipped_pack.directory, loaded) == loaded
    copy = tmp_path / "paket"
    shutil.copytree(shipped_pack.directory / "arbeitshilfen", copy / "arbeitshilfen")
    (copy / "arbeitshilfen" / "netiquette.md").write_text("+++\ntitle = [\n+++\nText\n", "utf-8")
    assert material_titles(copy, ["netiquette", "gibt-es-nicht"]) == {
        "netiquette": "netiquette",
        "gibt-es-nicht": "gibt-es-nicht",
    }
