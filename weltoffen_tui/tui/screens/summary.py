"""The summary: what ``weltoffen report`` shows, with recommendations that open articles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.tui.messages import (
    AgendaRequested,
    ExportDone,
    Saved,
    ScreenReady,
    ShowError,
    ShowField,
)
from weltoffen_tui.tui.widgets.status import StatusBanner

if TYPE_CHECKING:
    from weltoffen_tui.core.pack.models import RecommendationRef
    from weltoffen_tui.core.storage.editing import EditSession


class SummaryScreen(Screen[None]):
    """Score bar, level and coverage per field, strengths, priorities, gaps, recommendations."""

    CSS_PATH = "summary.tcss"
    BINDINGS: ClassVar = [
        Binding("m", "export('markdown')", "Export Markdown"),
        Binding("x", "export('html')", "Export HTML"),
        Binding("a", "add_measure", "Maßnahme"),
        Binding("p", "plan", "Plan"),
        Binding("g", "agenda", "Tagesordnung"),
        Binding("o", "overview", "Übersicht"),
        Binding("escape", "back", "Zurück", key_display="Esc"),
    ]
    HELP = (
        "## Auswertung\n\n"
        "Oben stehen das Gesamtbild und je Handlungsfeld Balken, Punkte (0–100), Stufe und "
        "wie viele Fragen beantwortet sind. Darunter: Stärken, Prioritäten, Wissenslücken "
        "(„Weiß nicht“) und die Anregungen zur Weiterarbeit.\n\n"
        "Wählen Sie eine Anregung mit den Pfeiltasten und öffnen Sie mit **Enter** den "
        "Wissensartikel dazu. **m** exportiert den Bericht als Markdown, **x** als HTML "
        "(druckbar); der Pfad der Datei wird angezeigt. **o** springt zu einem Handlungsfeld.\n\n"
        "**a** macht aus der markierten Anregung eine Maßnahme (zuständige Stelle, Frist, "
        "Stand, Notiz), **p** öffnet den Maßnahmenplan, **g** entwirft die Tagesordnung "
        "einer Dialogveranstaltung zu den Prioritäten."
    )

    def __init__(self, session: EditSession) -> None:
        super().__init__()
        self.session = session
        self.refs: list[RecommendationRef] = []

    def compose(self) -> ComposeResult:
        with Horizontal(classes="topbar"):
            yield Static(Text("Auswertung", style="bold"), id="summary-title")
        yield StatusBanner(id="export-status")
        with VerticalScroll(id="summary"):
            yield Static(id="report")
        yield Static(
            Text(
                "Anregungen zur Weiterarbeit · ↑↓ wählen · Enter: Artikel · Tab: Auswertung",
                style="bold",
            ),
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

    def refresh_report(self) -> None:
        from weltoffen_tui.core.scoring import evaluate
        from weltoffen_tui.render.report import recommendation_text, rich_report

        pack, assessment = self.session.pack, self.session.assessment
        profile = evaluate(pack, assessment)
        self.query_one("#report", Static).update(
            rich_report(pack, assessment, profile, recommendations=False, header=False)
        )
        title = Text.assemble(("Auswertung: ", "bold"), visible(assessment.municipality))
        title.append(visible(f" ({assessment.kind})"))
        if assessment.session_date:
            title.append(f" · {assessment.session_date.strftime('%d.%m.%Y')}")
        self.query_one("#summary-title", Static).update(title)
        options = self.query_one("#recommendations", OptionList)
        options.clear_options()
        self.refs = [ref for result in profile.fields for ref in result.recommendations]
        if not self.refs:
            options.add_option(
                Option(
                    "Noch keine Anregungen: beantworten Sie zuerst einige Fragen.", disabled=True
                )
            )
            return
        for ref in self.refs:
            field = pack.field(ref.field_id)
            prompt = Text()
            prompt.append(field.title if field else ref.field_id, style="bold underline")
            prompt.append("\n")
            prompt.append_text(recommendation_text(pack, ref))
            prompt.append("\n")
            options.add_option(Option(prompt, id=ref.id))
        options.highlighted = 0

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

    def open_article(self, article_id: str | None) -> None:
        if not article_id:
            return
        from weltoffen_tui.tui.screens.article import ArticleScreen

        pack = self.session.pack
        self.app.push_screen(ArticleScreen(pack.articles[article_id], pack))

    def action_export(self, fmt: str) -> None:
        from weltoffen_tui.core.errors import UserError
        from weltoffen_tui.core.scoring import evaluate
        from weltoffen_tui.core.storage.exports import sibling, write_document
        from weltoffen_tui.render import report
        from weltoffen_tui.render.formats import BY_NAME

        chosen = BY_NAME[fmt]
        target = sibling(self.session.path, "bericht", chosen.suffix)
        pack, assessment = self.session.pack, self.session.assessment
        try:
            write_document(
                target, report.render(chosen, pack, assessment, evaluate(pack, assessment))
            )
        except UserError as exc:
            self.post_message(ShowError("Export fehlgeschlagen", exc))
            return
        self.query_one(StatusBanner).show(f"✓ Bericht als {chosen.label} geschrieben: {target}")
        self.notify(f"Bericht geschrieben: {target}", title="Export", timeout=6)

    def _highlighted_ref(self) -> RecommendationRef | None:
        options = self.query_one("#recommendations", OptionList)
        if options.highlighted is None or not self.refs:
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
            if not self.session.read_only:
                self.notify(
                    f"Maßnahme {measure.id} im Plan: {measure.title[:60]} (p öffnet den Plan)",
                    timeout=6,
                )

        self.app.push_screen(MeasureDialog(draft, "Neue Maßnahme aus der Anregung"), store)

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
