"""The knowledge library: articles by action field and pillar, full-text search, reading pane."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Markdown, OptionList, Static, Tree
from textual.widgets.option_list import Option

from weltoffen_tui.tui.screens.article import (
    article_markdown,
    choose_and_export,
    material_markdown,
    pack_materials,
)
from weltoffen_tui.tui.screens.base import AppScreen
from weltoffen_tui.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from collections.abc import Iterable

    from weltoffen_tui.core.materials import Material
    from weltoffen_tui.core.pack.models import Article, Pack

# Tree leaves of templates carry this prefix before the id (articles carry their id).
MATERIAL = "material:"
EXPORT_KEY = "Strg+E"


def hit_prompt(title: str, width: int) -> Text:
    """A hit in the result list: a bullet and its title, on at most two lines."""
    import textwrap

    room = max(8, width - 2)  # after the bullet (or its indent)
    lines = textwrap.wrap(title, room, break_long_words=False) or [title]
    lines = [lines[0], " ".join(lines[1:])] if len(lines) > 2 else lines
    # A line that does not fit (the rest of a long title, one very long word) ends in "…".
    lines = [line if len(line) <= room else line[: room - 1].rstrip() + "…" for line in lines]
    text = Text("• ", style="dim", no_wrap=True, overflow="ellipsis")
    text.append(lines[0], style="bold")
    for line in lines[1:]:
        text.append("\n  ")
        text.append(line, style="bold")
    return text


def matching_materials(materials: Iterable[Material], query: str) -> list[Material]:
    """The templates whose title, summary, tags or text hold every word of the query.

    Plain word matching (case and umlauts ignored) is enough for a handful of templates;
    they follow the articles in the hits.
    """
    from weltoffen_tui.core.library import fold

    words = fold(query).split()
    found = []
    for material in materials:
        meta = material.meta
        text = fold(" ".join((meta.title, meta.summary, " ".join(meta.tags), material.body)))
        if words and all(word in text for word in words):
            found.append(material)
    return found


class LibraryScreen(AppScreen):
    """Browse and search the knowledge articles."""

    CSS_PATH = "library.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "back", "Zurück", key_display="Esc"),
        Binding("ctrl+f", "search", "Suchen", key_display="Strg+F"),
        Binding("slash", "search", "Suchen", key_display="/", show=False),
        Binding("down", "to_results", "Zu den Treffern", key_display="↓", show=False),
        # priority: also from the search field (whose own Ctrl+E, "to the end", has the End key)
        Binding("ctrl+e", "export_material", "Export", key_display=EXPORT_KEY, priority=True),
    ]
    HELP = (
        "## Wissensbibliothek\n\n"
        "Links stehen die Artikel, geordnet nach den sieben Handlungsfeldern und den Säulen "
        "„Dialogveranstaltungen“ und „Schutz kommunaler Entscheider:innen“. Enter oder ein "
        "Klick öffnet einen Artikel rechts.\n\n"
        "Tippen Sie einfach los, um im ganzen Text zu suchen (oder Strg+F, /). Die Suche "
        "findet auch andere Wortformen und Teile zusammengesetzter Wörter: „Dolmetscher“ "
        "findet „Dolmetschen“, „Hassmails“ findet „Hass“. Groß- und Kleinschreibung und "
        "Umlaute spielen keine Rolle. Treffer im Titel oder in den Stichworten stehen oben. "
        "Mit ↓ oder Enter gelangen Sie in die Trefferliste, Esc leert die Suche oder führt "
        "zurück.\n\n"
        "Unter **Arbeitshilfen** stehen Vorlagen zum Ausfüllen: Netiquette, Vorfallprotokoll, "
        "Hilfekarte bei Bedrohung, Einladung und Auswertungsbogen für eine "
        "Dialogveranstaltung, Beschlussvorlage für ein Integrationskonzept. **Strg+E** "
        "exportiert die gezeigte Arbeitshilfe (oder eine, die der gezeigte Artikel nennt) "
        "als Word-Datei (DOCX), HTML oder Markdown – neben die geöffnete Einschätzung, "
        "sonst in den Datenordner."
    )

    def __init__(self, pack: Pack) -> None:
        super().__init__()
        self.pack = pack
        self.materials: tuple[Material, ...] = ()
        # What the reading pane shows: its templates are what Strg+E exports.
        self.shown: list[Material] = []

    def compose(self) -> ComposeResult:
        with Horizontal(classes="topbar"):
            yield Static(Text("Wissensbibliothek", style="bold"))
        yield Input(
            placeholder="Tippen Sie, um zu suchen: Titel, Stichworte, Text …",
            id="search",
            select_on_focus=False,  # typing on the screen starts here: keep the first letter
        )
        with Horizontal(id="library"):
            with Vertical(id="nav"):
                yield Tree("Wissensbibliothek", id="tree")
                yield OptionList(id="results")
            with VerticalScroll(id="reader"):
                yield Markdown(id="article")
        yield Footer()

    def on_mount(self) -> None:
        from weltoffen_tui.core.library import sections

        self.query_one("#reader", VerticalScroll).can_focus = True
        tree: Tree[str] = self.query_one("#tree", Tree)
        tree.show_root = False
        fields_node = tree.root.add("Handlungsfelder", expand=True)
        for section in sections(self.pack):
            parent = (
                fields_node.add(Text(section.title), expand=False)
                if self.pack.field(section.id)
                else tree.root.add(Text(section.title), expand=True)
            )
            for article in section.articles:
                parent.add_leaf(Text(article.title), data=article.id)
        self.materials = pack_materials(self.pack)
        if self.materials:
            node = tree.root.add(Text("Arbeitshilfen"), expand=True)
            for material in self.materials:
                node.add_leaf(Text(material.title), data=MATERIAL + material.id)
        self.query_one("#results", OptionList).display = False
        self.query_one("#article", Markdown).update(
            "# Wissensbibliothek\n\nPraxiswissen zu den sieben Handlungsfeldern, zu "
            "Dialogveranstaltungen und zum Schutz vor Hass und Bedrohung, dazu Arbeitshilfen "
            "zum Ausfüllen. Wählen Sie links einen Artikel oder tippen Sie einfach los, um zu "
            "suchen."
        )
        tree.focus()
        # Stemming every word of the articles takes a moment: do it now, in a thread,
        # so the first search (usually typed a second later) finds the index ready.
        self.run_worker(self._prepare_search, thread=True, exit_on_error=False)

    def _prepare_search(self) -> None:
        from weltoffen_tui.core.library import build_index

        build_index(self.pack)

    def on_key(self, event: events.Key) -> None:
        """Typing anywhere on the screen goes into the search field."""
        search = self.query_one("#search", Input)
        if search.has_focus or not event.is_printable or not event.character:
            return
        if event.key in self.active_bindings:
            return  # "?" still opens the help, "/" jumps to the search field
        if event.character.isspace() and not search.value:
            return  # space still opens and closes a heading in the tree
        event.stop()
        event.prevent_default()
        search.focus()
        search.insert_text_at_cursor(event.character)

    def show(self, article: Article) -> None:
        from weltoffen_tui.core.materials import linked_materials

        pillar = self.pack.pillar_name(article.meta.pillar)
        self.shown = linked_materials(self.materials, article.meta.materials)
        text = article_markdown(article, pillar, self.shown, export_key=EXPORT_KEY)
        self.query_one("#article", Markdown).update(text)
        self.query_one("#reader", VerticalScroll).scroll_home(animate=False)

    def show_material(self, material: Material) -> None:
        self.shown = [material]
        text = material_markdown(material) + f"\n\n*{EXPORT_KEY} exportiert diese Vorlage.*\n"
        self.query_one("#article", Markdown).update(text)
        self.query_one("#reader", VerticalScroll).scroll_home(animate=False)

    def show_leaf(self, data: str | None) -> None:
        """Show what a tree leaf stands for: an article or a template."""
        from weltoffen_tui.core.materials import find_material

        if not data:
            return
        if data.startswith(MATERIAL):
            material = find_material(self.materials, data.removeprefix(MATERIAL))
            if material is not None:
                self.show_material(material)
        elif data in self.pack.articles:
            self.show(self.pack.articles[data])

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        self.show_leaf(event.node.data)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        self.show_leaf(event.node.data)

    def action_export_material(self) -> None:
        """Export the template shown, or one the shown article links to."""
        choose_and_export(self, self.shown)

    def on_input_changed(self, event: Input.Changed) -> None:
        from weltoffen_tui.core.library import search

        query = event.value.strip()
        tree = self.query_one("#tree", Tree)
        results = self.query_one("#results", OptionList)
        if not query:
            tree.display, results.display = True, False
            return
        hits = search(self.pack, query)
        templates = matching_materials(self.materials, query)
        results.clear_options()
        if hits or templates:
            # The list's text width: the column, less its border, padding and scroll bar.
            width = self.query_one("#nav").content_region.width - 6
            results.add_options(Option(hit_prompt(a.title, width), id=a.id) for a in hits)
            results.add_options(
                Option(hit_prompt(f"Arbeitshilfe: {m.title}", width), id=MATERIAL + m.id)
                for m in templates
            )
        else:
            results.add_option(Option(Text(f"Keine Treffer für „{query}“."), disabled=True))
        tree.display, results.display = False, True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        results = self.query_one("#results", OptionList)
        if results.display and results.option_count:
            results.focus()
            results.highlighted = 0

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_leaf(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.show_leaf(event.option.id)
            self.query_one("#reader").focus()

    def action_to_results(self) -> None:
        """↓ in the search field moves into the hits (or the tree)."""
        results = self.query_one("#results", OptionList)
        if results.display and results.option_count:
            results.focus()
            if results.highlighted is None:
                results.highlighted = 0
        else:
            self.query_one("#tree", Tree).focus()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        if search.value:
            search.value = ""
            self.query_one("#tree", Tree).focus()
            return
        self.app.pop_screen()
