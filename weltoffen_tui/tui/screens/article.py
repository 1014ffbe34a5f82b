"""A knowledge article, full width, as Markdown; with its Arbeitshilfen to export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from weltoffen_tui.core.pack.models import Article, Pack
from weltoffen_tui.core.textsafe import visible
from weltoffen_tui.tui.messages import ExportRequested
from weltoffen_tui.tui.screens.base import AppScreen
from weltoffen_tui.tui.screens.dialogs import Dialog
from weltoffen_tui.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from textual.app import App

    from weltoffen_tui.core.materials import Material

# The formats a template is offered in, best for editing first: (format name, label).
MATERIAL_FORMATS: tuple[tuple[str, str], ...] = (
    ("docx", "Word (DOCX) – zum Bearbeiten in der Textverarbeitung"),
    ("html", "HTML – zum Ansehen und Drucken im Browser"),
    ("markdown", "Markdown – als einfacher Text"),
)


def article_markdown(
    article: Article,
    pillar_name: str = "",
    materials: Sequence[Material] = (),
    export_key: str = "e",
) -> str:
    """Title, summary and body of an article as one Markdown document.

    Linked Arbeitshilfen are listed at the end, with the key that exports them.
    """
    meta = article.meta
    tags = " · ".join(meta.tags)
    lines = [f"# {meta.title}", "", f"> {meta.summary.strip()}", ""]
    if pillar_name or tags:
        lines += [f"*{pillar_name}{' · ' if pillar_name and tags else ''}{tags}*", ""]
    text = "\n".join(lines) + article.body
    if materials:
        text += "\n## Arbeitshilfen zum Ausfüllen\n\n"
        text += "".join(f"- **{m.title}**: {m.meta.summary.strip()}\n" for m in materials)
        text += f"\n*{export_key} exportiert sie als Word-Datei (DOCX), HTML oder Markdown.*\n"
    return text


def material_markdown(material: Material) -> str:
    """A template for reading on screen: title, summary, then the template itself."""
    return (
        f"# {material.title}\n\n> {material.meta.summary.strip()}\n\n"
        f"*Arbeitshilfe zum Ausfüllen*\n\n{material.body}"
    )


def pack_materials(pack: Pack | None) -> tuple[Material, ...]:
    """The templates of the running pack (none if it has none or they cannot be read)."""
    from weltoffen_tui.core.errors import UserError
    from weltoffen_tui.core.materials import load_materials

    if pack is None:
        return ()
    try:
        return load_materials(pack.directory)
    except UserError:
        return ()  # a broken template is reported by `weltoffen validate`


def export_folder(app: App[Any]) -> Path:
    """Where exports go, as elsewhere in the app: beside the open assessment, else the
    data folder."""
    session = getattr(app, "session", None)
    if session is not None:
        return Path(session.path).parent
    return Path(getattr(app, "data_dir", Path.cwd()))


def material_writer(material: Material, fmt: str, folder: Path) -> Callable[[], Path]:
    """A function that writes the template in ``fmt`` into ``folder`` and returns the file."""

    def write() -> Path:
        from weltoffen_tui.core.errors import Problem, StoreError
        from weltoffen_tui.core.storage.exports import write_document
        from weltoffen_tui.render import material as document
        from weltoffen_tui.render.formats import BY_NAME

        chosen = BY_NAME[fmt]
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                [Problem(folder, f"Ordner nicht anlegbar ({exc.strerror or exc})")]
            ) from None
        target = folder / document.file_name(material, chosen)
        return write_document(target, document.render(chosen, material))

    return write


class MaterialExportDialog(Dialog["tuple[str, str] | None"]):
    """Which Arbeitshilfe, in which format: Word, HTML or Markdown."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "Abbrechen", key_display="Esc")]
    HELP = (
        "Wählen Sie mit den Pfeiltasten Arbeitshilfe und Format und bestätigen Sie mit "
        "Enter. Die Word-Datei (DOCX) öffnen Sie in Ihrer Textverarbeitung und füllen sie "
        "dort aus; HTML lässt sich im Browser ansehen und drucken. Esc bricht ab."
    )

    def __init__(self, materials: Sequence[Material], folder: Path) -> None:
        super().__init__()
        self.materials = list(materials)
        self.folder = folder

    def compose(self) -> ComposeResult:
        options: list[Option | None] = []
        several = len(self.materials) > 1
        for number, material in enumerate(self.materials):
            if several:
                if number:
                    options.append(None)
                options.append(Option(Text(material.title, style="bold"), disabled=True))
            for fmt, label in MATERIAL_FORMATS:
                options.append(Option(("  " if several else "") + label, id=f"{fmt}:{material.id}"))
        title = "Arbeitshilfe exportieren" if several else f"Exportieren: {self.materials[0].title}"
        with Vertical(classes="dialog wide"):
            yield Label(Text(title), classes="dialog-title")
            yield Static(Text(visible(f"Ziel: {self.folder}/"), style="dim"))
            yield OptionList(*options, id="material-formats")

    def on_mount(self) -> None:
        options = self.query_one("#material-formats", OptionList)
        options.focus()
        options.highlighted = next(
            (i for i in range(options.option_count) if not options.get_option_at_index(i).disabled),
            None,
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            fmt, _, material_id = event.option.id.partition(":")
            self.dismiss((material_id, fmt))

    def action_cancel(self) -> None:
        self.dismiss(None)


def choose_and_export(screen: AppScreen, materials: Sequence[Material]) -> None:
    """Open the export dialog for these templates; the app writes the chosen one."""
    from weltoffen_tui.render.formats import BY_NAME

    if not materials:
        screen.notify(
            "Hier gibt es keine Arbeitshilfe zum Exportieren. Die Arbeitshilfen stehen in "
            "der Wissensbibliothek (Strg+B) unter „Arbeitshilfen“.",
            title="Export",
        )
        return
    folder = export_folder(screen.app)
    by_id = {m.id: m for m in materials}

    def chosen(choice: tuple[str, str] | None) -> None:
        if choice is None:
            return
        material = by_id[choice[0]]
        label = f"Arbeitshilfe „{material.title}“ als {BY_NAME[choice[1]].label}"
        screen.post_message(
            ExportRequested(material_writer(material, choice[1], folder), label, reply_to=screen)
        )

    screen.app.push_screen(MaterialExportDialog(materials, folder), chosen)


class ArticleScreen(AppScreen):
    """Read one article; Esc goes back to where it was opened; e exports its templates."""

    CSS_PATH = "article.tcss"
    BINDINGS: ClassVar = [
        Binding("escape,q", "app.pop_screen", "Zurück", key_display="Esc"),
        Binding("e", "export_material", "Export"),
    ]
    HELP = (
        "## Wissensartikel\n\nLesen Sie mit den Pfeiltasten, Bild↑/Bild↓ oder dem Mausrad. "
        "Esc führt zurück, Strg+B öffnet die Wissensbibliothek mit allen Artikeln und der "
        "Suche.\n\nSteht am Ende „Arbeitshilfen zum Ausfüllen“, exportiert **e** eine davon "
        "als Word-Datei (DOCX), HTML oder Markdown – in denselben Ordner wie die anderen "
        "Exporte (neben der geöffneten Einschätzung, sonst in den Datenordner)."
    )

    def __init__(self, article: Article, pack: Pack | None = None) -> None:
        """``pack`` names the article's pillar; without it, the running app's pack does."""
        super().__init__()
        self.article = article
        self.pack = pack
        self.materials: list[Material] = []

    def compose(self) -> ComposeResult:
        from weltoffen_tui.core.materials import linked_materials

        pack: Pack | None = self.pack or getattr(self.app, "pack", None)
        pillar = pack.pillar_name(self.article.meta.pillar) if pack else ""
        self.materials = linked_materials(pack_materials(pack), self.article.meta.materials)
        with Horizontal(classes="topbar"):
            yield Static(Text(f"Wissensartikel: {self.article.title}", style="bold"))
        with VerticalScroll(id="article-scroll"):
            yield Markdown(article_markdown(self.article, pillar, self.materials), id="article")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#article-scroll").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export_material":
            return bool(self.materials)  # the key shows only where there is something
        return True

    def action_export_material(self) -> None:
        choose_and_export(self, self.materials)
