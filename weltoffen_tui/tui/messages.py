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

import inspect
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, dataclass_transform

from textual.message import Message

if TYPE_CHECKING:
    from textual.message_pump import MessagePump
    from textual.screen import Screen

    from weltoffen_tui.core.assessment import Assessment, Respondent
    from weltoffen_tui.core.errors import UserError
    from weltoffen_tui.core.pack.models import Pack
    from weltoffen_tui.core.storage.editing import EditSession


# ---------------------------------------------------------------------- the decorator

M = TypeVar("M", bound=type[Message])
_MISSING = object()


@dataclass_transform()
def dataclass(cls: M) -> M:
    """``dataclasses.dataclass`` for messages: the same ``__init__``, ``__eq__`` and repr.

    The standard decorator writes and compiles the source of three methods per class;
    for these seventeen messages that cost more at start-up than the start screen's
    own code. Here every message shares the same three plain functions, which read the
    class's fields (its annotations, in order; a class attribute is the default).
    """
    names = tuple(
        name
        for name, kind in inspect.get_annotations(cls).items()
        if not str(kind).startswith("ClassVar")
    )
    defaults = {name: cls.__dict__[name] for name in names if name in cls.__dict__}
    members = {
        "_fields": names,
        "_defaults": defaults,
        "__init__": _init,
        "__eq__": _eq,
        "__hash__": None,  # as a dataclass with eq: unhashable
        "__rich_repr__": _rich_repr,
    }
    for member, value in members.items():
        setattr(cls, member, value)
    return cls


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    names: tuple[str, ...] = self._fields
    if len(args) > len(names):
        raise TypeError(f"{type(self).__name__}: too many arguments")
    values = dict(zip(names, args, strict=False))
    for name, value in kwargs.items():
        if name not in names or name in values:
            raise TypeError(f"{type(self).__name__}: unexpected or repeated argument {name!r}")
        values[name] = value
    for name in names:
        value = values.get(name, self._defaults.get(name, _MISSING))
        if value is _MISSING:
            raise TypeError(f"{type(self).__name__}: missing argument {name!r}")
        setattr(self, name, value)
    Message.__init__(self)


def _eq(self: Any, other: Any) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented  # type: ignore[no-any-return]
    return all(bool(getattr(self, name) == getattr(other, name)) for name in self._fields)


def _rich_repr(self: Any) -> Any:
    for name in self._fields:
        yield name, getattr(self, name)


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


@dataclass
class ExportStarted(Message, bubble=False):
    """The app's first answer to an export request: it runs now, in the background."""

    label: str

    @property
    def text(self) -> str:
        """The line shown in the status banner while the export runs."""
        return f"… {self.label} wird erstellt – Sie können weiterarbeiten."


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
