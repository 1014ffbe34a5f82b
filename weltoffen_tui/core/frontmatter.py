"""The TOML front matter of a Markdown file between ``+++`` lines (articles, Arbeitshilfen).

One reader for both, so an article and a template written the same way are read the same
way, and a line number in a message means the same line in either.
"""

from __future__ import annotations

FRONT_MATTER = "+++"


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Front matter, body, and the line number where the front matter starts (or None)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FRONT_MATTER:
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == FRONT_MATTER:
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), 2
    return None
