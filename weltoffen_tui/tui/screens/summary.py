"""The summary: what ``weltoffen report`` shows, with recommendations that open articles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.tui.messages import (
    AgendaRequested,
    ExportDone,
    ExportRequested,
    Saved,
    ScreenReady,
    ShowField,
)
from weltoffen_tui.tui.screens.base import AppScreen
from weltoffen_tui.tui.screens.dialogs import Dialog
from weltoffen_tui.tui.widgets.footer import Footer
from weltoffen_tui.tui.widgets.status import StatusBanner

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from weltoffen_tui.core.pack.models import RecommendationRef
    from weltoffen_tui.core.storage.editing import EditSession

IN_PLAN = "✓ im Plan"
MATERIAL_KEY = "Strg+E"  # exports the Arbeitshilfe of the highlighted recommendation
# The export choice: key, label, what (report, full report, questionnaire), format.
EXPORTS: tuple[tuple[str, str, str, str], ...] = (
    ("handout-html", "Bericht als Handout, HTML (druckbar, wenige Seiten)", "report", "html"),
    ("handout-markdown", "Bericht als Handout, Markdown", "report", "markdown"),
    ("handout-pdf", "Bericht als Handout, PDF (mit Netzdiagramm, Seitenzahlen)", "report", "pdf"),
    ("full-html", "Bericht vollständig mit Antworten und Wissensartikeln, HTML", "full", "html"),
    ("full-markdown", "Bericht vollständig, Markdown", "full", "markdown"),
    ("questionnaire-html", "Leerer Fragebogen zum Ausdrucken, HTML", "questionnaire", "html"),
    ("questionnaire-markdown", "Leerer Fragebogen, Markdown", "questionnaire", "markdown"),
)


class ExportChooser(Dialog[str | None]):
    """Which document to export: the handout, the full report or the blank questionnaire."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "Abbrechen", key_display="Esc")]
    HELP = (
        "Wählen Sie mit den Pfeiltasten, was exportiert werden soll, und bestätigen Sie mit "
        "Enter. Das Handout enthält Ergebnis, Maßnahmenplan und die Anregungen in Kurzform; "
        "die vollständige Fassung dazu alle Antworten mit Notizen und die verlinkten "
        "Wissensartikel (viele Seiten). Esc bricht ab."
    )

    def __init__(self, folder: Path, articles: bool = True) -> None:
        super().__init__()
        self.folder = folder
        self.articles = articles  # a pack without articles offers no articles to append

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("Was exportieren?", classes="dialog-title")
            yield Static(Text(visible(f"Ziel: {self.folder}"), style="dim"))
            yield OptionList(
                *(Option(self._label(key, label), id=key) for key, label, _, _ in EXPORTS)
            )

    def _label(self, key: str, label: str) -> str:
        if key == "full-html" and not self.articles:
            return "Bericht vollständig mit allen Antworten und Notizen, HTML"
        return label

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


# Below this width the field table uses the fields' short names, one line per field, so
# all seven fit on a projector's 80×24.
COMPACT_BELOW = 110


class SummaryScreen(AppScreen):
    """Score bar, level and coverage per field, strengths, priorities, gaps, recommendations."""

    CSS_PATH = "summary.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "back", "Zurück", key_display="Esc"),
        Binding("e", "choose_export", "Export"),
        Binding("m", "export('handout-markdown')", "Export Markdown", show=False),
        Binding("x", "export('handout-html')", "Export HTML", show=False),
        Binding("n", "jump_field(1)", "Nächstes Feld", show=False),
        Binding("v", "jump_field(-1)", "Voriges Feld", show=False),
        # Named in the line above the recommendations („a: in den Plan“).
        Binding("a", "add_measure", "Maßnahme", show=False),
        Binding("s", "set_target", "Ziel setzen"),
        Binding("p", "plan", "Plan"),
        Binding("g", "agenda", "Tagesordnung"),
        Binding("l", "large_print", "Großansicht"),
        Binding("o", "overview", "Übersicht", show=False),  # rare here; F1 lists it
        Binding("ctrl+e", "export_material", "Arbeitshilfe", key_display=MATERIAL_KEY, show=False),
    ]
    HELP = (
        "## Auswertung\n\n"
        "Oben stehen das Gesamtbild und je Handlungsfeld Balken, Punkte (0–100), Stufe und "
        "wie viele Fragen beantwortet sind. Darunter: Stärken, Prioritäten, Wissenslücken "
        "(„Weiß nicht“) und die Anregungen zur Weiterarbeit. In einem schmalen Fenster (etwa "
        "am Beamer mit 80 Spalten) steht jedes Handlungsfeld mit Kurznamen in einer Zeile; "
        "„Antw.“ heißt beantwortet, „w. n.“ weiß nicht. **l** zeigt die Ergebnisse in der "
        "Großansicht für den Raum.\n\n"
        "Die Anregungen stehen nach Handlungsfeldern geordnet; **n** springt zum nächsten, "
        "**v** zum vorigen Handlungsfeld. Wählen Sie eine Anregung mit den Pfeiltasten und "
        "öffnen Sie mit **Enter** den Wissensartikel dazu. Nennt sie eine Arbeitshilfe "
        "(eine Vorlage zum Ausfüllen), exportiert **Strg+E** sie als Word-Datei (DOCX), "
        "HTML oder Markdown.\n\n"
        "**a** macht aus der markierten Anregung eine Maßnahme (zuständige Stelle, Frist, "
        "Stand, Notiz); Anregungen, die schon im Plan stehen, tragen „✓ im Plan“. **p** "
        "öffnet den Maßnahmenplan (dort legt **n** auch eigene Maßnahmen an).\n\n"
        "**e** exportiert: den Bericht als Handout (wenige Seiten), vollständig mit allen "
        "Antworten und Wissensartikeln, oder den leeren Fragebogen. **m** und **x** "
        "schreiben das Handout direkt als Markdown bzw. HTML. Wohin Exporte gehen, steht "
        "oben. **g** öffnet die Tagesordnung einer Dialogveranstaltung zu den Prioritäten "
        "(Datum, Zeit, Ort vor dem Export). **o** springt zu einem Handlungsfeld.\n\n"
        "**s** setzt das Ziel (Soll) eines Handlungsfeldes: die Stufe, die es erreichen soll, "
        "und auf Wunsch ein Datum. Die Auswertung zeigt dann Ist, Ziel und den Abstand in "
        "Stufen („erreicht“ oder „noch 1 Stufe“); im Balken steht ┃ an der Punktzahl, ab "
        "der die Zielstufe beginnt. Bei einer gemeinsamen Einschätzung (Workshop) gelten "
        "die hier gesetzten Ziele; Ziele, in denen alle Perspektiven übereinstimmen, sind "
        "beim Zusammenführen schon übernommen."
    )

    def __init__(self, session: EditSession) -> None:
        super().__init__()
        self.session = session
        self.refs: list[RecommendationRef] = []

    def compose(self) -> ComposeResult:
        with Horizontal(classes="topbar"):
            yield Static(Text("Auswertung", style="bold"), id="summary-title")
        yield Static(id="export-folder")
        yield StatusBanner(id="export-status")
        with VerticalScroll(id="summary"):
            yield Static(id="report")
        # Enter opens an article: said only where the questionnaire has articles.
        enter = "Enter: Artikel · " if self.session.pack.articles else ""
        yield Static(
            Text(f"Anregungen · ↑↓ wählen · n/v Feld · {enter}a: in den Plan", style="bold"),
            classes="section",
        )
        yield OptionList(id="recommendations")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_report()
        self.query_one(OptionList).focus()
        self.post_message(ScreenReady())

    def on_screen_resume(self) -> None:
        self.refresh_report()

    def on_resize(self) -> None:
        if (self.app.size.width < COMPACT_BELOW) != getattr(self, "_compact", None):
            self.refresh_report()
        else:
            self._update_title()

    def _update_title(self) -> None:
        """Municipality, kind, perspective and date in one line (the top bar).

        The perspective says which file this is („Gemeinsam (Workshop)“ for the
        consensus of a workshop, else its label); where the line is too long the label
        is shortened with „…“, but the workshop's mark never is.
        """
        from weltoffen_tui.core.perspective import CONSENSUS_LABEL, perspective_label

        assessment = self.session.assessment
        place = visible(f"{assessment.municipality} ({assessment.kind})")
        when = f" · {assessment.session_date:%d.%m.%Y}" if assessment.session_date else ""
        label = visible(perspective_label(assessment, self.session.path.name))
        # The top bar's padding on either side.
        room = self.app.size.width - 2 - len("Auswertung: ") - len(place) - len(when) - 3
        if label != CONSENSUS_LABEL and len(label) > room:
            label = label[: max(0, room - 1)].rstrip() + "…" if room > 1 else ""
        title = Text.assemble(("Auswertung: ", "bold"), place)
        if label:
            title.append(f" · {label}", style="bold" if label == CONSENSUS_LABEL else "")
        title.append(when)
        title.no_wrap = True
        title.overflow = "ellipsis"
        self.query_one("#summary-title", Static).update(title)

    def refresh_report(self) -> None:
        from weltoffen_tui.core.scoring import evaluate
        from weltoffen_tui.render.report import rich_report

        pack, assessment = self.session.pack, self.session.assessment
        profile = evaluate(pack, assessment)
        self._compact = self.app.size.width < COMPACT_BELOW
        self.query_one("#report", Static).update(
            rich_report(
                pack,
                assessment,
                profile,
                recommendations=False,
                header=False,
                compact=self._compact,
            )
        )
        self._update_title()
        folder = Text("Exporte gehen nach: ", style="bold")
        folder.append(visible(f"{self.session.path.parent}/"))
        self.query_one("#export-folder", Static).update(folder)
        self.refs = [ref for result in profile.fields for ref in result.recommendations]
        self.fill_recommendations()

    def fill_recommendations(self) -> None:
        """The recommendations in the order of the fields, marked when in the plan.

        The highlighted recommendation stays highlighted (after adding a measure, after
        coming back from an article), so a long list is never walked twice.
        """
        from weltoffen_tui.core.workshop.actionplan import measures_for_recommendation
        from weltoffen_tui.render.report import recommendation_text

        pack, assessment = self.session.pack, self.session.assessment
        options = self.query_one("#recommendations", OptionList)
        keep = self._highlighted_ref()
        options.clear_options()
        if not self.refs:
            options.add_option(
                Option(
                    "Noch keine Anregungen: beantworten Sie zuerst einige Fragen.", disabled=True
                )
            )
            return
        by_field: dict[str, list[RecommendationRef]] = {}
        for ref in self.refs:
            by_field.setdefault(ref.field_id, []).append(ref)
        for number, (field_id, refs) in enumerate(by_field.items(), start=1):
            field = pack.field(field_id)
            for position, ref in enumerate(refs, start=1):
                # Every item names its field, so the group shows wherever the list is.
                prompt = Text(f"{number}. {field.title if field else field_id}", style="bold")
                prompt.append(f" · {position}/{len(refs)}", style="dim")
                if measures_for_recommendation(assessment, ref.id):
                    prompt.append(f"  {IN_PLAN}", style="bold green")
                if ref.recommendation.materials:  # on the first line: seen at 80×24 too
                    prompt.append(f" · Arbeitshilfe: {MATERIAL_KEY}", style="bold")
                prompt.append("\n")
                prompt.append_text(recommendation_text(pack, ref, export_key=MATERIAL_KEY))
                prompt.append("\n")
                options.add_option(Option(prompt, id=ref.id))
        ids = {ref.id for ref in self.refs}
        target = keep.id if keep is not None and keep.id in ids else self.refs[0].id
        options.highlighted = options.get_option_index(target)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        ref = next((r for r in self.refs if r.id == event.option.id), None)
        if ref is None:
            return
        articles = [
            self.session.pack.articles[a]
            for a in ref.recommendation.articles
            if a in self.session.pack.articles
        ]
        if len(articles) == 1:
            self.open_article(articles[0].id)
        elif articles:
            from weltoffen_tui.tui.screens.dialogs import ArticleChooser

            self.app.push_screen(ArticleChooser(articles), self.open_article)

    def action_export_material(self) -> None:
        """Strg+E: export a template the highlighted recommendation links to."""
        from weltoffen_tui.core.materials import linked_materials
        from weltoffen_tui.tui.screens.article import choose_and_export, pack_materials

        ref = self._highlighted_ref()
        wanted = ref.recommendation.materials if ref else ()
        choose_and_export(self, linked_materials(pack_materials(self.session.pack), wanted))

    def open_article(self, article_id: str | None) -> None:
        if not article_id:
            return
        from weltoffen_tui.tui.screens.article import ArticleScreen

        pack = self.session.pack
        self.app.push_screen(ArticleScreen(pack.articles[article_id], pack))

    def action_choose_export(self) -> None:
        def chosen(key: str | None) -> None:
            if key:
                self.action_export(key)

        self.app.push_screen(
            ExportChooser(self.session.path.parent, bool(self.session.pack.articles)), chosen
        )

    def action_export(self, key: str) -> None:
        """Export the handout, the full report or the blank questionnaire (``EXPORTS``)."""
        from weltoffen_tui.render.formats import BY_NAME

        _, _, what, fmt = next(e for e in EXPORTS if e[0] == key)
        chosen = BY_NAME[fmt]
        labels = {
            "report": f"Bericht (Handout, {chosen.label})",
            "full": f"Bericht (vollständig, {chosen.label})",
            "questionnaire": f"Leerer Fragebogen ({chosen.label})",
        }
        self.post_message(
            ExportRequested(self._writer(what, chosen.name), labels[what], reply_to=self)
        )

    def _writer(self, what: str, fmt: str) -> Callable[[], Path]:
        from weltoffen_tui.core.scoring import evaluate
        from weltoffen_tui.core.storage.exports import sibling, write_document
        from weltoffen_tui.render import questionnaire, report
        from weltoffen_tui.render.formats import BY_NAME

        chosen = BY_NAME[fmt]
        pack, path = self.session.pack, self.session.path
        # The export runs in a thread while the user goes on: it writes this state.
        assessment = self.session.assessment.model_copy(deep=True)

        def write() -> Path:
            if what == "questionnaire":
                target = path.with_name(f"fragebogen{chosen.suffix}")
                return write_document(target, questionnaire.render(chosen, pack))
            name = "bericht-vollstaendig" if what == "full" else "bericht"
            profile = evaluate(pack, assessment)
            text = report.render(chosen, pack, assessment, profile, full=what == "full")
            return write_document(sibling(path, name, chosen.suffix), text)

        return write

    def action_jump_field(self, step: int) -> None:
        """Highlight the first recommendation of the next (or previous) field."""
        if not self.refs:
            return
        fields = list(dict.fromkeys(ref.field_id for ref in self.refs))
        current = self._highlighted_ref()
        index = fields.index(current.field_id) if current else -1
        target = fields[(index + step) % len(fields)]
        first = next(ref for ref in self.refs if ref.field_id == target)
        options = self.query_one("#recommendations", OptionList)
        options.highlighted = options.get_option_index(first.id)
        options.scroll_to_highlight(top=True)

    def _highlighted_ref(self) -> RecommendationRef | None:
        options = self.query_one("#recommendations", OptionList)
        if options.highlighted is None or not self.refs or options.option_count == 0:
            return None
        option = options.get_option_at_index(options.highlighted)
        return next((r for r in self.refs if r.id == option.id), None)

    def action_add_measure(self) -> None:
        from weltoffen_tui.core.workshop.actionplan import add_measure, measure_from_recommendation
        from weltoffen_tui.tui.screens.actionplan import MeasureDialog

        ref = self._highlighted_ref()
        if ref is None:
            self.notify("Bitte zuerst eine Anregung wählen.", timeout=4)
            return
        draft = measure_from_recommendation(self.session.pack, self.session.assessment, ref.id)

        def store(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            measure = draft.model_copy(update=values)
            self.session.change(lambda a: add_measure(a, measure))
            self.post_message(Saved(self.session))
            self.fill_recommendations()  # the mark „✓ im Plan“, same position
            if not self.session.read_only:
                self.notify(
                    f"Maßnahme {measure.id} im Plan: {measure.title[:60]} (p öffnet den Plan)",
                    timeout=6,
                )

        self.app.push_screen(MeasureDialog(draft, "Neue Maßnahme aus der Anregung"), store)

    def action_large_print(self) -> None:
        """The results for the room: one field per line, big and calm."""
        from weltoffen_tui.core.scoring import evaluate
        from weltoffen_tui.render.report import large_view
        from weltoffen_tui.render.terminal import to_rich
        from weltoffen_tui.tui.screens.largeprint import LargePrintScreen

        pack, assessment = self.session.pack, self.session.assessment
        document = large_view(pack, assessment, evaluate(pack, assessment))
        self.app.push_screen(LargePrintScreen(to_rich(document)))

    def action_plan(self) -> None:
        from weltoffen_tui.tui.screens.actionplan import ActionPlanScreen

        self.app.push_screen(ActionPlanScreen(self.session))

    def action_agenda(self) -> None:
        self.post_message(
            AgendaRequested(
                self.session.pack,
                [self.session.path],
                [(self.session.path.name, self.session.assessment)],
                reply_to=self,
            )
        )

    def on_export_done(self, message: ExportDone) -> None:
        self.query_one(StatusBanner).show(message.text)

    def action_overview(self) -> None:
        from weltoffen_tui.tui.screens.overview import OverviewDialog

        def jump(choice: int | str | None) -> None:
            if isinstance(choice, int):  # the app ignores it if the assessment was closed
                self.post_message(ShowField(self.session, choice, 0, replace=True, close=self))

        self.app.push_screen(OverviewDialog(self.session, 0), jump)

    async def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            await self.run_action("app.home")

    def action_set_target(self) -> None:
        """s: the target (Soll) of a field – the field of the highlighted recommendation."""
        from weltoffen_tui.core.targets import set_target
        from weltoffen_tui.tui.screens.profile_dialogs import TargetChoice, TargetDialog

        pack, assessment = self.session.pack, self.session.assessment
        ref = self._highlighted_ref()

        def store(choice: TargetChoice | None) -> None:
            if choice is None:
                return
            field_id, level_id, due = choice
            self.session.change(lambda a: set_target(pack, a, field_id, level_id, due))
            self.post_message(Saved(self.session))
            self.refresh_report()
            field = pack.field(field_id)
            title = field.title if field else field_id
            if self.session.read_only:
                return
            if level_id is None:
                self.notify(f"Ziel entfernt: {title}", timeout=4)
            else:
                level = next(lv.name for lv in pack.meta.levels if lv.id == level_id)
                self.notify(f"Ziel gesetzt: {title} – {level}", timeout=4)

        self.app.push_screen(
            TargetDialog(pack, assessment, ref.field_id if ref else None, self._sources()),
            store,
        )

    def _sources(self) -> list[tuple[str, Any]]:
        """A consensus's readable source files with their perspective (for target hints)."""
        from weltoffen_tui.core.errors import UserError
        from weltoffen_tui.core.perspective import perspective_label
        from weltoffen_tui.core.storage.store import load_assessment
        from weltoffen_tui.core.workshop.consensus import source_paths

        assessment = self.session.assessment
        found = []
        for path in source_paths(self.session.path, assessment):
            try:
                source = load_assessment(path)
            except (UserError, OSError):
                continue  # moved or unreadable: no hint from it
            found.append((perspective_label(source, path.name), source))
        return found
