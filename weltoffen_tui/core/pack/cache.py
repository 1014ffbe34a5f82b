"""An on-disk cache of validated packs, stored as plain JSON data.

Validating a pack means building pydantic schemas and checking some 40 files, which
costs more than the rest of ``weltoffen report``. Packs rarely change, so
the validated data of every pack file is kept in the user cache folder together with a
fingerprint of the pack (every file's name, size and modification time, the program
and pydantic). Any change means validating again.

The cache is data, never code: it is JSON, read with ``json`` and turned back into the
models with ``model_construct``, which skips validation (the data was validated before
it was written) but checks that every value has the type the model declares. Loading a
cache file therefore cannot run anything, whoever wrote it. A file that is damaged
(checked by a SHA-256 digest of its content), truncated, of another format version,
for another pack or unreadable is ignored, and the next load writes it anew.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import types
import typing
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from pydantic import BaseModel

    from weltoffen_tui.core.pack.models import Pack

    M = TypeVar("M", bound=BaseModel)

FORMAT = 1
"""Version of the cache file layout; raise it whenever the layout changes."""

Fingerprint = dict[str, Any]
T = TypeVar("T")


class ForeignCache(ValueError):
    """The cache file is not one this program wrote for this pack (or it is damaged)."""


def cache_file(directory: Path) -> Path:
    """Where the cache of the pack in ``directory`` lives (one file per pack folder)."""
    from weltoffen_tui.paths import pack_cache_file

    return pack_cache_file(directory, ".json")


def _pydantic_stamp() -> list[Any]:
    """Where pydantic is installed and when, without importing it (that costs 30 ms)."""
    import importlib.util

    spec = importlib.util.find_spec("pydantic")
    origin = spec.origin if spec and spec.origin else ""
    try:
        return [origin, os.stat(origin).st_mtime_ns]
    except OSError:
        return [origin, 0]


def fingerprint(directory: Path) -> Fingerprint:
    """What the cached data depends on, as JSON values (so it compares after a reload).

    The pack folder and every pack file (size, modification time), the program
    version, the models and this module (they define what the data means), and pydantic.
    """
    from weltoffen_tui import __version__

    files: list[list[Any]] = []
    _pack_files(str(directory), "", files)
    files.sort()
    here = Path(__file__)
    return {
        "directory": str(directory),
        "program": __version__,
        "code": [
            here.with_name("models.py").stat().st_mtime_ns,
            here.stat().st_mtime_ns,
            # the front matter models of articles (DocumentMeta) live there
            here.parent.parent.joinpath("frontmatter.py").stat().st_mtime_ns,
        ],
        "pydantic": _pydantic_stamp(),
        "files": files,
    }


def _pack_files(folder: str, prefix: str, found: list[list[Any]]) -> None:
    """Append [relative name, size, mtime] of every .toml and .md file below ``folder``.

    ``os.scandir`` hands out each entry's type with the name, so only the pack files
    themselves are stat'ed (``Path.rglob`` costs several times more at every start).
    """
    with os.scandir(folder) as entries:
        for entry in entries:
            name = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):  # as rglob: no loop through a link
                _pack_files(entry.path, name + "/", found)
            elif os.path.splitext(entry.name)[1] in (".toml", ".md") and entry.is_file():
                stat = entry.stat()
                found.append([name, stat.st_size, stat.st_mtime_ns])


def _enabled(directory: Path) -> bool:
    """Whether packs are cached (``WELTOFFEN_NO_PACK_CACHE`` turns caching off).

    Every pack is cached, shipped or installed from outside: the cache file lives in
    the user's cache folder, keyed by the pack's path (never inside the pack folder,
    which may be read-only), and the fingerprint of every file means an edited pack
    is checked in full again.
    """
    return not os.environ.get("WELTOFFEN_NO_PACK_CACHE")


def _compact(data: Any) -> str:
    """JSON on one line (JSON escapes every line break inside strings)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def pack_to_data(pack: Pack) -> dict[str, Any]:
    """The validated content of a pack as JSON data (paths relative to its folder)."""
    return {
        "meta": pack.meta.model_dump(mode="json"),
        "fields": [action_field.model_dump(mode="json") for action_field in pack.fields],
        "articles": [
            {
                "meta": article.meta.model_dump(mode="json"),
                "body": article.body,
                "path": article.path.relative_to(pack.directory).as_posix(),
            }
            for article in pack.articles.values()
        ],
        "warnings": [
            {
                "file": problem.file.relative_to(pack.directory).as_posix(),
                "message": problem.message,
                "hint": problem.hint,
                "line": problem.line,
                "path": problem.path,
            }
            for problem in pack.warnings
        ],
    }


def pack_from_data(data: Any, directory: Path) -> Pack:
    """Rebuild a pack written by ``pack_to_data`` without validating it again.

    Raises ForeignCache when the data does not have exactly the expected shape.
    """
    from weltoffen_tui.core.errors import Problem
    from weltoffen_tui.core.pack.models import ActionField, Article, ArticleMeta, Pack, PackMeta

    pack = _expect_dict(data, {"meta", "fields", "articles", "warnings"})
    articles: dict[str, Article] = {}
    for entry in _expect_list(pack["articles"]):
        article = _expect_dict(entry, {"meta", "body", "path"})
        meta = _build(ArticleMeta, article["meta"])
        if meta.id in articles:
            raise ForeignCache(f"article {meta.id} twice")
        articles[meta.id] = Article(
            meta=meta,
            body=_expect(str, article["body"]),
            path=_inside(directory, article["path"]),
        )
    warnings = []
    for entry in _expect_list(pack["warnings"]):
        warning = _expect_dict(entry, {"file", "message", "hint", "line", "path"})
        line = warning["line"]
        warnings.append(
            Problem(
                file=_inside(directory, warning["file"]),
                message=_expect(str, warning["message"]),
                hint=_expect(str, warning["hint"]),
                line=None if line is None else _expect(int, line),
                path=_expect(str, warning["path"]),
            )
        )
    return Pack(
        meta=_build(PackMeta, pack["meta"]),
        fields=tuple(_build(ActionField, item) for item in _expect_list(pack["fields"])),
        articles=articles,
        directory=directory,
        warnings=tuple(warnings),
    )


def _inside(directory: Path, value: Any) -> Path:
    """A path stored relative to the pack folder; ForeignCache if it leads outside."""
    relative = PurePosixPath(_expect(str, value))
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise ForeignCache(f"path {relative} outside the pack")
    return directory.joinpath(*relative.parts)


def _build(model: type[M], data: Any) -> M:
    """A model from cached data: every field present and of its declared type.

    ``model_construct`` does not look at nested data, so nested models and tuples
    (JSON has lists) are built here, following the models' field annotations. A field
    of a plain type (text, number, flag, None or a union of them) is checked in place,
    without a converter call: most of a pack's values are such (``_plain_types``).
    """
    keys, plan = _field_plan(model)
    if type(data) is not dict or data.keys() != keys:
        _expect_dict(data, keys)  # raises ForeignCache with what is wrong
    values: dict[str, Any] = {}
    for name, kinds, convert in plan:
        value = data[name]
        if kinds is None:
            values[name] = convert(value)
        elif type(value) in kinds:
            values[name] = value
        else:
            raise ForeignCache(
                f"{name}: {type(value).__name__} is not of {annotation_names(kinds)}"
            )
    return _construct(model, values)


def annotation_names(kinds: frozenset[type]) -> str:
    """The types a plain field allows, for a ForeignCache message."""
    return " | ".join(sorted(kind.__name__ for kind in kinds))


def _construct(model: type[M], values: dict[str, Any]) -> M:
    """``model.model_construct(**values)`` for a complete set of checked values, cheaper.

    Every field is present and already of its type (``_build`` checked both), so the
    instance gets its state directly, as unpickling a pydantic model does; this halves
    the time to read the cache. The attributes are pydantic 2's documented model state
    (``__dict__``, ``__pydantic_fields_set__``, ``__pydantic_extra__``,
    ``__pydantic_private__``); ``tests/test_packcache.py`` compares the result with a
    fresh validation, so a change in pydantic shows there.
    """
    instance = model.__new__(model)
    object.__setattr__(instance, "__dict__", values)
    object.__setattr__(instance, "__pydantic_fields_set__", set(values))
    object.__setattr__(instance, "__pydantic_extra__", None)
    object.__setattr__(instance, "__pydantic_private__", None)
    return instance


Converter = Callable[[Any], Any]
_MODELS: dict[type[Any], tuple[set[str], list[tuple[str, Converter]]]] = {}
_CONVERTERS: dict[Any, Converter] = {}


Plan = list[tuple[str, "frozenset[type] | None", Converter]]
_PLANS: dict[type[Any], tuple[set[str], Plan]] = {}
_SIMPLE = (str, int, float, bool, type(None))


def _field_converters(model: type[BaseModel]) -> tuple[set[str], list[tuple[str, Converter]]]:
    """The field names of a model and a converter per field, worked out once per model."""
    known = _MODELS.get(model)
    if known is None:
        fields = model.model_fields
        known = (
            set(fields),
            [(name, _converter(info.annotation)) for name, info in fields.items()],
        )
        _MODELS[model] = known
    return known


def _plain_types(annotation: Any) -> frozenset[type] | None:
    """The exact types a plain annotation allows (``str``, ``int | None`` …), else None.

    For these the converter only checks ``type(value) is kind`` for one of the members
    and returns the value itself, so checking ``type(value) in kinds`` is the same.
    """
    members = (
        typing.get_args(annotation)
        if typing.get_origin(annotation) in (typing.Union, types.UnionType)
        else (annotation,)
    )
    if all(member is None or member in _SIMPLE for member in members):
        return frozenset(type(None) if member is None else member for member in members)
    return None


def _field_plan(model: type[BaseModel]) -> tuple[set[str], Plan]:
    """Per field of a model: its name, its plain types (or None) and its converter."""
    known = _PLANS.get(model)
    if known is None:
        keys, converters = _field_converters(model)
        fields = model.model_fields
        known = (
            keys,
            [
                (name, _plain_types(fields[name].annotation), convert)
                for name, convert in converters
            ],
        )
        _PLANS[model] = known
    return known


def _converter(annotation: Any) -> Converter:
    """A function turning JSON data into a value of ``annotation`` (or ForeignCache).

    Reading the annotations once per type instead of once per value keeps rebuilding a
    pack several times cheaper than validating it.
    """
    known = _CONVERTERS.get(annotation)
    if known is None:
        known = _CONVERTERS[annotation] = _make_converter(annotation)
    return known


def _make_converter(annotation: Any) -> Converter:
    """Work out the converter for one annotation (see ``_converter``)."""
    from pydantic import BaseModel

    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        model = annotation
        return lambda value: _build(model, value)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        kinds = _plain_types(args[0])
        if kinds is not None:  # tuple[str, ...]: checked in place, no call per item

            def plain_tuple(value: Any) -> tuple[Any, ...]:
                items = _expect_list(value)
                for item in items:
                    if type(item) not in kinds:
                        raise ForeignCache(
                            f"{type(item).__name__} is not of {annotation_names(kinds)}"
                        )
                return tuple(items)

            return plain_tuple
        item = _converter(args[0])
        return lambda value: tuple(map(item, _expect_list(value)))
    if origin is typing.Literal:
        allowed = frozenset(args)

        def literal(value: Any) -> Any:
            if type(value) is str and value in allowed:
                return value
            raise ForeignCache(f"{value!r} is not one of {sorted(allowed)}")

        return literal
    if origin in (typing.Union, types.UnionType):
        members = [_converter(member) for member in args]
        optional = type(None) in args

        def union(value: Any) -> Any:
            if value is None and optional:  # most optional values are absent
                return None
            for member in members:
                with contextlib.suppress(ForeignCache):
                    return member(value)
            raise ForeignCache(f"{value!r} matches no member of {annotation}")

        return union
    if annotation is type(None) or annotation in (str, int, float, bool):
        kind = type(None) if annotation is type(None) else annotation
        return lambda value: _expect(kind, value)
    raise ForeignCache(f"no rule for the annotation {annotation!r}")


def _expect(kind: type[T], value: Any) -> T:
    """``value`` if it is exactly of ``kind`` (a bool is no int here, as in JSON)."""
    if type(value) is not kind:
        raise ForeignCache(f"{kind.__name__} expected, found {type(value).__name__}")
    return value


def _expect_list(value: Any) -> list[Any]:
    """``value`` if it is a list, else ForeignCache."""
    return _expect(list, value)


def _expect_dict(value: Any, keys: set[str]) -> dict[str, Any]:
    """``value`` if it is a table with exactly these keys, else ForeignCache."""
    data = _expect(dict, value)
    if set(data) != keys:
        raise ForeignCache(f"keys {sorted(data)} instead of {sorted(keys)}")
    return data


def read(directory: Path) -> Pack | None:
    """The cached pack, if the cache exists, is intact and matches the files exactly.

    The file has two lines of JSON: a header (format, fingerprint, digest) and the pack
    data. The header is checked first, so a stale cache costs almost nothing, and the
    digest covers the data exactly as stored, so no byte of it goes unnoticed.
    """
    if not _enabled(directory):
        return None
    try:
        raw = cache_file(directory).read_bytes()
        first, _, body = raw.partition(b"\n")
        header = _expect_dict(json.loads(first), {"format", "fingerprint", "digest"})
        if header["format"] != FORMAT or header["fingerprint"] != fingerprint(directory):
            return None
        if header["digest"] != hashlib.sha256(body).hexdigest():
            return None
        return pack_from_data(json.loads(body), directory)
    except (OSError, ValueError, RecursionError):  # ValueError covers ForeignCache
        return None


def write(directory: Path, pack: Pack) -> None:
    """Store a freshly validated pack; failures are ignored (it is only a cache)."""
    if not _enabled(directory):
        return
    from weltoffen_tui.core.atomic import write_atomic

    try:
        body = _compact(pack_to_data(pack)).encode("utf-8")
        header = {
            "format": FORMAT,
            "fingerprint": fingerprint(directory),
            "digest": hashlib.sha256(body).hexdigest(),
        }
        target = cache_file(directory)
        write_atomic(target, _compact(header).encode("utf-8") + b"\n" + body, durable=False)
        # Caches of earlier versions were pickles; they are never read, so remove them.
        target.with_suffix(".pickle").unlink(missing_ok=True)
    except (OSError, ValueError, TypeError):
        pass
