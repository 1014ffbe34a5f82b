"""The knowledge library: articles by action field and pillar, full-text search, reading pane."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Markdown, OptionList, Static, Tree
from textual.widgets.option_list import Option

from weltoffen_tui.tui.screens.article import article_markdown

if TYPE_CHECKING:
    from weltoffen_tui.core.pack.models import Article, Pack


class LibraryScreen(Screen[None]):
    """Browse and search the knowledge articles."""

    CSS_PATH = "library.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "back", "Zurück"),
        Binding("ctrl+f", "search", "Suchen", key_display="^f"),
        Binding("slash", "search", "Suchen", show=False),
    ]
    HELP = (
        "## Wissensbibliothek\n\n"
        "Links stehen die Artikel, geordnet nach den sieben Handlungsfeldern und den Säulen "
        "„Dialogveranstaltungen“ und „Schutz kommunaler Entscheider:innen“. Enter oder ein "
        "Klick öffnet einen Artikel rechts.\n\n"
        "Oben suchen Sie im ganzen Text (Strg+F oder /): Groß- und Kleinschreibung und "
        "Umlaute spielen keine Rolle. Esc leert die Suche oder führt zurück."
    )

    def __init__(self, pack: Pack) -> None:
        super().__init__()
        self.pack = pack

    def compose(self) -> ComposeResult:
        with Horizontal(classes="topbar"):
            yield Static(Text("Wissensbibliothek", style="bold"))
        yield Input(placeholder="Suchen in Titel, Stichworten und Text …", id="search")
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
        self.query_one("#results", OptionList).display = False
        self.query_one("#article", Markdown).update(
            "# Wissensbibliothek\n\nPraxiswissen zu den sieben Handlungsfeldern, zu "
            "Dialogveranstaltungen und zum Schutz vor Hass und Bedrohung. Wählen Sie links "
            "einen Artikel oder suchen Sie oben."
        )
        tree.focus()

    def show(self, article: Article) -> None:
        pillar = self.pack.pillar_name(article.meta.pillar)
        self.query_one("#article", Markdown).update(article_markdown(article, pillar))
        self.query_one("#reader", VerticalScroll).scroll_home(animate=False)

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        if event.node.data:
            self.show(self.pack.articles[event.node.data])

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        if event.node.data:
            self.show(self.pack.articles[event.node.data])

    def on_input_changed(self, event: Input.Changed) -> None:
        from weltoffen_tui.core.library import search

        query = event.value.strip()
        tree = self.query_one("#tree", Tree)
        results = self.query_one("#results", OptionList)
        if not query:
            tree.display, results.display = True, False
            return
        hits = search(self.pack, query)
        results.clear_options()
        if hits:
            for article in hits:
                prompt = Text(article.title, style="bold")
                prompt.append(f"\n{article.meta.summary.strip()}", style="dim")
                results.add_option(Option(prompt, id=article.id))
        else:
            results.add_option(Option(Text(f"Keine Treffer für „{query}“."), disabled=True))
        tree.display, results.display = False, True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        results = self.query_one("#results", OptionList)
        if results.display and results.option_count:
            results.focus()
            results.highlighted = 0

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show(self.pack.articles[event.option.id])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.show(self.pack.articles[event.option.id])
            self.query_one("#reader").focus()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        if search.value:
            search.value = ""
            self.query_one("#tree", Tree).focus()
            return
        self.app.pop_screen()
