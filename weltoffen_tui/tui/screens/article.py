"""A knowledge article, full width, as Markdown."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Markdown, Static

from weltoffen_tui.core.pack.models import Article, Pack
from weltoffen_tui.tui.screens.base import AppScreen


def article_markdown(article: Article, pillar_name: str = "") -> str:
    """Title, summary and body of an article as one Markdown document."""
    meta = article.meta
    tags = " · ".join(meta.tags)
    lines = [f"# {meta.title}", "", f"> {meta.summary.strip()}", ""]
    if pillar_name or tags:
        lines += [f"*{pillar_name}{' · ' if pillar_name and tags else ''}{tags}*", ""]
    return "\n".join(lines) + article.body


class ArticleScreen(AppScreen):
    """Read one article; Esc goes back to where it was opened."""

    CSS_PATH = "article.tcss"
    BINDINGS: ClassVar = [
        Binding("escape,q", "app.pop_screen", "Zurück", key_display="Esc"),
    ]
    HELP = (
        "## Wissensartikel\n\nLesen Sie mit den Pfeiltasten, Bild↑/Bild↓ oder dem Mausrad. "
        "Esc führt zurück, Strg+B öffnet die Wissensbibliothek mit allen Artikeln und der Suche."
    )

    def __init__(self, article: Article, pack: Pack | None = None) -> None:
        """``pack`` names the article's pillar; without it, the running app's pack does."""
        super().__init__()
        self.article = article
        self.pack = pack

    def compose(self) -> ComposeResult:
        pack: Pack | None = self.pack or getattr(self.app, "pack", None)
        pillar = pack.pillar_name(self.article.meta.pillar) if pack else ""
        with Horizontal(classes="topbar"):
            yield Static(Text(f"Wissensartikel: {self.article.title}", style="bold"))
        with VerticalScroll(id="article-scroll"):
            yield Markdown(article_markdown(self.article, pillar), id="article")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#article-scroll").focus()
