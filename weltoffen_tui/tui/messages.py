"""What screens ask of the app, and the answers the app sends back down.

A screen posts a request to itself (``self.post_message``); requests bubble
(``Message.bubble`` is True), so they reach the app, which handles each in an
``on_<message>`` method. The app owns the open session, the pack and the data folder;
screens get what they show in their constructor and never call the app's methods.

Where a screen shows an outcome itself (the path of an export in its status banner),
the request names the screen to answer (``reply_to``) and the app posts a result
message to it; the screen updates its own widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from textual.message_pump import MessagePump
    from textual.screen import Screen

    from weltoffen_tui.core.assessment import Assessment, Respondent
    from weltoffen_tui.core.errors import UserError
    from weltoffen_tui.core.pack.models import Pack
    from weltoffen_tui.core.storage.editing import EditSession


# ---------------------------------------------------------------------- requests


@dataclass
class ScreenReady(Message):
    """A screen is filled and interactive (the start-up benchmark quits then)."""


@dataclass
class OpenAssessment(Message):
    """Open a file and continue at its first unanswered question."""

    path: Path


@dataclass
class CreateAssessment(Message):
    """Create a new assessment in the data folder and start answering it."""

    municipality: str
    kind: str
    consultant: str
    respondents: list[Respondent]
    session_date: date | None
    perspective: str = ""
    kreisfrei: bool | None = None  # a Stadt: kreisfrei or not (None: not stated)
    pack_dir: Path | None = None  # the pack chosen (None: the app's pack)


@dataclass
class OpenMany(Message):
    """Several files: "compare", "timeline", "workshop" or "agenda"."""

    action: str
    paths: list[Path]


@dataclass
class StartWorkshop(Message):
    """A new consensus assessment, answered with every perspective beside each question."""

    pack: Pack
    paths: list[Path]
    items: list[tuple[str, Assessment]]


@dataclass
class ShowField(Message):
    """Show one action field of ``session`` (ignored once that session is closed).

    ``replace`` replaces the current field screen instead of stacking a new one;
    ``close`` is a screen to close first if it is still on top (the summary, when
    the user jumps from it to a field).
    """

    session: EditSession
    index: int
    question_index: int | None = 0
    replace: bool = True
    close: Screen[None] | None = None


@dataclass
class ShowSummary(Message):
    """Show the summary of ``session`` (ignored once that session is closed)."""

    session: EditSession


@dataclass
class Saved(Message):
    """``session`` was changed and saved (or not): tell the user about problems."""

    session: EditSession


@dataclass
class ShowError(Message):
    """Show a message dialog the user has to read and close."""

    title: str
    error: UserError | str


@dataclass
class ExportRequested(Message):
    """Run an export (``write`` returns the file written); ``reply_to`` gets ExportDone."""

    write: Callable[[], Path]
    label: str
    reply_to: MessagePump | None = None


@dataclass
class AgendaRequested(Message):
    """Draft the agenda of a dialogue event beside the first file, as an export."""

    pack: Pack
    paths: list[Path]
    items: list[tuple[str, Assessment]]
    reply_to: MessagePump | None = None


# ---------------------------------------------------------------------- answers


@dataclass
class ExportDone(Message, bubble=False):
    """The app's answer to an export request: what was written where."""

    label: str
    target: Path

    @property
    def text(self) -> str:
        """The line shown in the status banner and the notification."""
        return f"✓ {self.label} geschrieben: {self.target}"


# ---------------------------------------------------------------------- housekeeping


@dataclass
class SaveDetails(Message):
    """Change kind, date, perspective, people and consultant of the assessment in ``path``.

    Saved through an edit session (atomic, with backup), also when it is the open one;
    ``screen`` (the edit screen) is closed once the change is on disk.
    """

    path: Path
    kind: str
    session_date: date | None
    perspective: str
    respondents: list[Respondent]
    consultant: str
    screen: Screen[None] | None = None
    kreisfrei: bool | None = None  # a Stadt: kreisfrei or not (None: not stated)


@dataclass
class RenameFile(Message):
    """Give an assessment file a new name (never over an existing file); ``reply_to``
    gets FilesChanged."""

    path: Path
    new_name: str
    reply_to: MessagePump | None = None


@dataclass
class CopyFile(Message):
    """Copy an assessment file to a new name; ``reply_to`` gets FilesChanged."""

    path: Path
    new_name: str
    reply_to: MessagePump | None = None


@dataclass
class TrashFile(Message):
    """Move an assessment file into the recycle folder; ``reply_to`` gets FilesChanged."""

    path: Path
    reply_to: MessagePump | None = None


@dataclass
class FilesChanged(Message, bubble=False):
    """The app's answer to housekeeping: the files changed; ``select`` is the new one."""

    select: Path | None = None
