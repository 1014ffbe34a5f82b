"""The walk-through in the Textual app, driven with Pilot as a user would."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from textual.widgets import Input, Markdown, OptionList, Select, Static, TextArea

from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.storage.store import load_assessment
from weltoffen_tui.tui.app import WeltoffenApp
from weltoffen_tui.tui.screens.article import ArticleScreen
from weltoffen_tui.tui.screens.dialogs import HelpDialog, MessageDialog, NoteDialog
from weltoffen_tui.tui.screens.field import FieldScreen
from weltoffen_tui.tui.screens.library import LibraryScreen
from weltoffen_tui.tui.screens.overview import OverviewDialog
from weltoffen_tui.tui.screens.setup import SetupScreen, parse_respondents
from weltoffen_tui.tui.screens.start import StartScreen
from weltoffen_tui.tui.screens.summary import SummaryScreen
from weltoffen_tui.tui.widgets.question import QuestionCard

SIZE = (100, 30)


def plain(renderable: object) -> str:
    """The text a Rich renderable shows."""
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def screen_lines(app: WeltoffenApp) -> list[str]:
    """The characters on the whole screen, one string per line (toasts included)."""
    update = app.screen._compositor.render_update(full=True)
    assert update is not None
    return ["".join(segment.text for segment in strip) for strip in update.strips]


def only_file(directory: Path) -> Path:
    (path,) = [p for p in directory.glob("*.toml")]
    return path


async def create(app: WeltoffenApp, pilot, name: str = "Neustadt am See") -> None:  # type: ignore[no-untyped-def]
    await pilot.press("n")
    assert isinstance(app.screen, SetupScreen)
    await pilot.press(*name)
    app.screen.query_one("#kind", Select).value = "Stadt"
    app.screen.query_one("#respondents", TextArea).load_text(
        "Aylin Kaya, Integrationsbeauftragte\nJonas Berg, Personalamt"
    )
    app.screen.query_one("#consultant", Input).value = "Beratung Nord"
    await pilot.press("ctrl+s")
    await pilot.pause()


def test_parse_respondents() -> None:
    people, error = parse_respondents("Eva, Leitung\n\n Tom ,  Jobcenter ")
    assert error == "" and [(p.name, p.role) for p in people] == [
        ("Eva", "Leitung"),
        ("Tom", "Jobcenter"),
    ]
    assert "Zeile 1" in parse_respondents("nur ein Name")[1]
    assert "mindestens eine" in parse_respondents("  \n")[1]


async def test_setup_form_shows_inline_errors(tmp_path: Path) -> None:
    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        assert "Namen der Kommune" in str(screen.query_one("#municipality-error").render())
        assert "Stadt, Gemeinde oder Landkreis" in str(screen.query_one("#kind-error").render())
        screen.query_one("#date", Input).value = "1. März"
        screen.query_one("#respondents", TextArea).load_text("Eva ohne Rolle")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "TT.MM.JJJJ" in str(screen.query_one("#date-error").render())
        assert "Zeile 1" in str(screen.query_one("#respondents-error").render())
        assert list(tmp_path.iterdir()) == []
        await pilot.press("escape")
        assert isinstance(app.screen, StartScreen)


async def test_setup_form_shows_a_typed_bracket_literally(tmp_path: Path) -> None:
    """An error message quotes what was typed: "[/4t]" is text, never Textual markup.

    Found by the monkey test (seed 1, 2,000 keys): a date typed as "[/4t?…" crashed
    the edit screen with a MarkupError.
    """
    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        screen.query_one("#date", Input).value = "[/4t?äw12.03.2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = str(screen.query_one("#date-error").render())
        assert "[/4t?äw12.03.2026" in shown and "TT.MM.JJJJ" in shown
        assert list(tmp_path.iterdir()) == []


async def test_full_walk_through(tmp_path: Path, shipped_pack: Pack) -> None:
    """Create, answer, quit, reopen, resume, finish, summary, article, export."""
    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await create(app, pilot)
        assert isinstance(app.screen, FieldScreen) and app.screen.index == 0
        path = only_file(tmp_path)
        first = shipped_pack.fields[0]
        # Answer the whole first field by keyboard, with a note on the first question.
        await pilot.press("e")
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"Ratsbeschluss [2024]")
        await pilot.press("ctrl+s")
        for number in range(len(first.questions)):
            await pilot.press("1234"[number % 4], "down")
        await pilot.pause()
        saved = load_assessment(path)
        assert saved.answer(first.id, first.questions[0].id).note == "Ratsbeschluss [2024]"  # type: ignore[union-attr]
        assert saved.answer(first.id, first.questions[0].id).value == 1  # type: ignore[union-attr]
        assert "Gespeichert" in str(app.screen.query_one("#save-status").render())
        # Next field: answer two questions, leave the rest open.
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FieldScreen) and app.screen.index == 1
        await pilot.press("w", "down", "t")
        await pilot.pause()
    # Quit and reopen: resume at the first open question (field 2, question 3).
    app = WeltoffenApp(data_dir=tmp_path, open_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FieldScreen) and screen.index == 1
        focused = app.focused
        assert isinstance(focused, QuestionCard)
        assert focused.question.id == shipped_pack.fields[1].questions[2].id
        # Overview names the open questions and jumps.
        await pilot.press("o")
        assert isinstance(app.screen, OverviewDialog)
        await pilot.press("escape")
        # Finish every remaining question.
        for index in range(1, len(shipped_pack.fields)):
            screen = app.screen
            assert isinstance(screen, FieldScreen) and screen.index == index
            cards = list(screen.query(QuestionCard))
            for card in cards:
                if card.answer is None or card.answer.value is None:
                    card.focus()
                    await pilot.press("3")
            await pilot.press("n")
            await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        report = plain(summary.query_one("#report", Static).content)
        for action_field in shipped_pack.fields:  # at 80 columns by its short name
            assert action_field.short_name in report
        assert load_assessment(path).answered_count() == shipped_pack.question_count()
        # Open the article of the first recommendation.
        options = summary.query_one("#recommendations", OptionList)
        assert options.option_count > 0
        await pilot.press("enter")
        await pilot.pause()
        if not isinstance(app.screen, ArticleScreen):
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("escape")
        # Export both formats; the path is shown.
        await pilot.press("m")
        await pilot.press("x")
        await pilot.pause()
        shown = str(summary.query_one("#export-status").render())
        assert str(path.with_name(path.stem + "-bericht.html")) in shown
        assert path.with_name(path.stem + "-bericht.md").read_text().startswith("# ")
        assert "<!DOCTYPE html>" in path.with_name(path.stem + "-bericht.html").read_text()


async def test_clearing_and_mouse_answers(tmp_path: Path) -> None:
    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await create(app, pilot, "Klickdorf")
        card = app.focused
        assert isinstance(card, QuestionCard)
        chips = list(card.query(".chip"))
        await pilot.click(chips[3])
        await pilot.pause()
        path = only_file(tmp_path)
        assert load_assessment(path).answer(card.field_id, card.question.id).value == 4  # type: ignore[union-attr]
        await pilot.press("delete")
        await pilot.pause()
        assert load_assessment(path).answer(card.field_id, card.question.id).value is None  # type: ignore[union-attr]
        await pilot.press("h")
        assert card.help_visible


async def test_library_search_and_help(tmp_path: Path) -> None:
    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("ctrl+f", *"fishbowl")
        await pilot.pause()
        results = app.screen.query_one("#results", OptionList)
        assert results.display and results.option_count >= 1
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert "Fishbowl" in app.screen.query_one("#article", Markdown).source
        await pilot.press("f1")
        assert isinstance(app.screen, HelpDialog)
        await pilot.press("escape")
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, StartScreen)


async def test_broken_file_on_start_screen_gets_a_dialog(tmp_path: Path) -> None:
    (tmp_path / "kaputt.toml").write_text("municipality = \n")
    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        await pilot.press("enter")
        assert isinstance(app.screen, StartScreen)
    assert (tmp_path / "kaputt.toml").read_text() == "municipality = \n"


async def test_themes_cycle(tmp_path: Path) -> None:
    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = []
        for _ in range(3):
            await pilot.press("ctrl+t")
            seen.append(app.theme)
        assert set(seen) == {"textual-dark", "textual-light", "hoher-kontrast"}


async def test_works_at_80x24_and_on_resize(tmp_path: Path, sample_copy: Path) -> None:
    app = WeltoffenApp(data_dir=sample_copy.parent, open_file=sample_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen | FieldScreen)
        before = screen_lines(app)
        assert "Musterstadt" in "\n".join(before)
        for width, height in ((140, 40), (80, 24), (60, 20)):
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            for _ in range(20):  # the footer fits its keys to the new width: a few passes
                lines = screen_lines(app)
                if len(lines) == height and lines[-1].strip():
                    break
                await pilot.pause(0.05)
            assert len(lines) == height and all(len(line) == width for line in lines)
            shown = "\n".join(lines)
            # the header (municipality) and the key bar stay visible at every size
            assert "Musterstadt" in shown, shown
            assert lines[-1].strip(), shown
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        for _ in range(20):  # as above: let the footer settle
            if screen_lines(app) == before:
                break
            await pilot.pause(0.05)
        assert screen_lines(app) == before  # back at 80×24 the screen is drawn as before


ENGLISH = ("Cursor", "Focus", "Copy", "Select", "Dismiss", "Page", "Scroll", "palette")


async def test_help_lists_only_german_keys(tmp_path: Path, sample_copy: Path) -> None:
    app = WeltoffenApp(data_dir=sample_copy.parent, open_file=sample_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for prepare in ((), ("escape",), ("escape", "b")):
            await pilot.press(*prepare)
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpDialog)
            source = app.screen.query_one(Markdown).source
            assert "| Taste | Wirkung |" in source
            assert not [word for word in ENGLISH if word in source], source
            await pilot.press("escape")


async def test_markup_typed_by_users_is_shown_literally(tmp_path: Path) -> None:
    """Found by the monkey test: a search for "[/" must not break the library."""
    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b", "ctrl+f", "[", "/", "x")
        await pilot.pause()
        results = app.screen.query_one("#results", OptionList)
        assert "[/x" in str(results.get_option_at_index(0).prompt)
    app = WeltoffenApp(data_dir=tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.notify("Datei [/bold] gespeichert [red]", title="Titel [b]fett")
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "Datei [/bold] gespeichert [red]" in shown, shown
        assert "Titel [b]fett" in shown, shown


async def test_field_chosen_from_the_summary_keeps_the_way_home(
    tmp_path: Path, sample_copy: Path
) -> None:
    """A complete assessment opens in the summary; jumping to a field must not replace home."""
    from weltoffen_tui.tui.screens.field import FieldScreen
    from weltoffen_tui.tui.screens.start import StartScreen
    from weltoffen_tui.tui.screens.summary import SummaryScreen

    app = WeltoffenApp(data_dir=tmp_path, open_file=sample_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FieldScreen)
        assert any(isinstance(s, StartScreen) for s in app.screen_stack)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
