"""Dialogs for issue 13: a field's target (Soll) and the reference behind an answer."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from weltoffen_tui.core.assessment import Assessment
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.tui.screens.dialogs import EditDialog
from weltoffen_tui.tui.widgets.safe_input import SafeInput

NO_TARGET = ""  # the Select value for „kein Ziel“
TargetChoice = tuple[str, str | None, date | None]  # field id, level id (None: remove), date


class TargetDialog(EditDialog[TargetChoice | None]):
    """Set the target level and date of one field (or remove the target)."""

    HELP = (
        "## Ziel setzen\n\n"
        "Wählen Sie das Handlungsfeld und die Stufe, die es erreichen soll (das Soll), und "
        "auf Wunsch ein Datum, bis wann (TT.MM.JJJJ). „Kein Ziel“ entfernt das Ziel des "
        "Feldes. Die Auswertung zeigt dann Ist, Ziel und den Abstand in Stufen; im Balken "
        "steht ┃ an der Punktzahl, ab der die Zielstufe erreicht ist. Strg+S übernimmt, Esc "
        "verwirft. Das Ziel wird in der Einschätzungsdatei gespeichert."
    )
    DEFAULT_CSS: ClassVar[str] = """
    TargetDialog {
        & Label {
            margin-top: 1;
        }
        & .error-text {
            color: $error;
        }
    }
    """

    def __init__(
        self,
        pack: Pack,
        assessment: Assessment,
        field_id: str | None,
        sources: list[tuple[str, Assessment]] | None = None,
    ) -> None:
        """``sources``: in a consensus, each source's perspective and assessment, whose
        targets are shown as a hint."""
        super().__init__()
        self.pack = pack
        self.assessment = assessment
        self.field_id = field_id or pack.fields[0].id
        self.sources = sources or []

    def compose(self) -> ComposeResult:
        target = self.assessment.targets.get(self.field_id)
        levels = [(level.name, level.id) for level in self.pack.meta.levels]
        with Vertical(classes="dialog"):
            yield Label("Ziel setzen (Soll)", classes="dialog-title")
            yield Label("Handlungsfeld")
            yield Select(
                [(f.title, f.id) for f in self.pack.fields],
                value=self.field_id,
                allow_blank=False,
                id="target-field",
                compact=True,
            )
            yield Static(id="target-current", classes="hint")
            yield Static(id="target-hints", classes="hint")
            yield Label("Zielstufe")
            yield Select(
                [("Kein Ziel", NO_TARGET), *levels],
                value=self._level_value(target.level if target else None),
                allow_blank=False,
                id="target-level",
                compact=True,
            )
            yield Label("Bis (TT.MM.JJJJ, freiwillig)")
            yield SafeInput(
                target.due.strftime("%d.%m.%Y") if target and target.due else "",
                id="target-due",
                placeholder="z. B. 31.12.2027",
                compact=True,
            )
            yield Static(id="target-error", classes="error-text")
            with Horizontal(classes="buttons"):
                yield Button("Übernehmen (Strg+S)", id="save", variant="primary", compact=True)
                yield Button("Abbrechen (Esc)", id="cancel", compact=True)

    def _level_value(self, level_id: str | None) -> str:
        known = {level.id for level in self.pack.meta.levels}
        return level_id if level_id in known else NO_TARGET

    def on_mount(self) -> None:
        self._show_current()
        self.query_one("#target-level", Select).focus()

    def _show_current(self) -> None:
        from weltoffen_tui.core.scoring import evaluate

        result = next(
            (r for r in evaluate(self.pack, self.assessment).fields if r.field.id == self.field_id),
            None,
        )
        level = result.level.name if result and result.level else "noch keine Stufe"
        self.query_one("#target-current", Static).update(Text(f"Jetzt (Ist): {level}"))
        from weltoffen_tui.core.targets import target_hints
        from weltoffen_tui.core.textsafe import visible

        hints = target_hints(self.pack, self.sources, self.field_id)
        box = self.query_one("#target-hints", Static)
        box.display = bool(self.sources)
        box.update(
            Text(
                visible("Ziele der Perspektiven: " + ("; ".join(hints) or "keine gesetzt")),
                style="dim",
            )
        )

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "target-field" or not isinstance(event.value, str):
            return
        if event.value == self.field_id:
            return
        self.field_id = event.value
        target = self.assessment.targets.get(self.field_id)
        self.query_one("#target-level", Select).value = self._level_value(
            target.level if target else None
        )
        due = target.due.strftime("%d.%m.%Y") if target and target.due else ""
        self.query_one("#target-due", Input).value = due
        self._show_current()

    def action_save(self) -> None:
        from weltoffen_tui.core.labels import parse_date

        level = self.query_one("#target-level", Select).value
        level_id = level if isinstance(level, str) and level != NO_TARGET else None
        error = self.query_one("#target-error", Static)
        try:
            due = parse_date(self.query_one("#target-due", Input).value)
        except ValueError as exc:
            error.update(Text(str(exc)))
            return
        if level_id is None and due is not None:
            error.update(Text("Ein Datum braucht eine Zielstufe: bitte eine Stufe wählen."))
            return
        self.dismiss((self.field_id, level_id, due))


class ReferenceDialog(EditDialog[str | None]):
    """Edit the reference behind an answer: title, date, link or file name."""

    HELP = (
        "## Beleg\n\n"
        "Nennen Sie, was die Antwort belegt: den Titel eines Beschlusses oder Berichts, ein "
        "Datum, einen Link oder einen Dateinamen, z. B. „Ratsbeschluss vom 12.05.2025“. "
        "Leer lassen entfernt den Beleg. Strg+S übernimmt, Esc verwirft."
    )

    def __init__(self, question: str, reference: str) -> None:
        super().__init__()
        self.question = question
        self.reference = reference

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Beleg zur Antwort", classes="dialog-title")
            yield Static(Text(self.question), classes="hint")
            yield Label("Titel, Datum, Link oder Dateiname")
            yield SafeInput(
                self.reference, id="reference", placeholder="z. B. Ratsbeschluss vom 12.05.2025"
            )
            with Horizontal(classes="buttons"):
                yield Button("Übernehmen (Strg+S)", id="save", variant="primary", compact=True)
                yield Button("Abbrechen (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#reference", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        self.dismiss(self.query_one("#reference", Input).value.strip())
