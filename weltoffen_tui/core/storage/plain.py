"""An assessment from plainly valid TOML data, without building pydantic's validators.

Why: ``weltoffen report``, opening a file and comparing a thousand of them spend most of
their time building and running the validator of ``Assessment`` (and importing what
pydantic needs for it) although nearly every file is one this program wrote. For data
whose every value already has exactly the type the model declares, and no key the model
does not know, validation would change nothing: this module checks exactly that and
builds the models with ``model_construct``. Anything else — a string where a date
belongs, an extra key, a boolean as an answer — returns None and goes through the full
validation, which also gives the German error messages. ``tests/test_plain_load.py``
checks on generated files that both ways give the same assessment.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from pydantic import BaseModel

from weltoffen_tui.core.assessment import (
    MEASURE_STATUSES,
    QUESTIONNAIRE_ID,
    Answer,
    Assessment,
    Measure,
    Respondent,
    Source,
    Target,
)
from weltoffen_tui.core.values import ANSWER_VALUES, EVIDENCE_VALUES, KINDS, SCHEMA_VERSION

_TOP = frozenset(Assessment.model_fields)
_ANSWER = frozenset(Answer.model_fields)
_RESPONDENT = frozenset(Respondent.model_fields)
_MEASURE = frozenset(Measure.model_fields)
_SOURCE = frozenset(Source.model_fields)
_TARGET = frozenset(Target.model_fields)
_GRADED = frozenset(v for v in ANSWER_VALUES if isinstance(v, int))
_WORDS = frozenset(v for v in ANSWER_VALUES if isinstance(v, str))


M = TypeVar("M", bound=BaseModel)

_IMMUTABLE = (str, int, float, bool, type(None), tuple, frozenset)
_FACTORIES = (list, dict)  # default factories that take no argument and need no check


def _maker(model: type[M]) -> Callable[[dict[str, Any]], M]:
    """A function building ``model`` exactly as ``model.model_construct(**table)`` does,
    for a table of known keys only, but several times cheaper.

    Why: ``model_construct`` asks ``inspect`` for the signature of every default
    factory on every call (about a millisecond for an Assessment); a comparison of a
    thousand files builds a thousand Assessments and a hundred thousand Answers.
    The function sets the documented model state the way ``model_construct`` does:
    ``__dict__`` in field order (absent fields get their default, or a new ``list`` or
    ``dict`` from their factory), the fields set, an empty ``__pydantic_extra__``
    (extra="allow") and no private state. Only for models as simple as that (no
    aliases, no post-init, no private attributes, immutable defaults, factories
    ``list`` or ``dict``); for any other model ``model_construct`` itself is used, and
    so is it for a table that lacks a required field.
    ``tests/test_plain_load.py`` compares both on many tables.
    """
    fields = model.model_fields
    simple = (
        model.model_config.get("extra") == "allow"
        and not model.__pydantic_post_init__
        and not model.__private_attributes__
        and all(
            f.alias is None
            and f.validation_alias is None
            and (
                f.default_factory in _FACTORIES
                if f.default_factory is not None
                else f.is_required() or isinstance(f.default, _IMMUTABLE)
            )
            for f in fields.values()
        )
    )
    if not simple:
        return lambda table: model.model_construct(**table)
    required = frozenset(name for name, f in fields.items() if f.is_required())
    # Every field in field order, with its default; required and factory fields hold a
    # placeholder that the table or a new list or dict replaces. Copying this and
    # updating it with the table keeps the field order and runs in C.
    template = {
        name: None if f.is_required() or f.default_factory else f.default
        for name, f in fields.items()
    }
    factories: tuple[tuple[str, type[list[Any]] | type[dict[str, Any]]], ...] = tuple(
        (name, list if f.default_factory is list else dict)
        for name, f in fields.items()
        if f.default_factory
    )
    new = model.__new__
    setattr_ = object.__setattr__

    def make(table: dict[str, Any]) -> M:
        if not required.issubset(table):
            return model.model_construct(**table)
        instance = new(model)
        values = template.copy()
        values.update(table)
        for name, factory in factories:
            if name not in table:
                values[name] = factory()
        setattr_(instance, "__dict__", values)
        setattr_(instance, "__pydantic_fields_set__", set(table))
        setattr_(instance, "__pydantic_extra__", {})
        setattr_(instance, "__pydantic_private__", None)
        return instance

    return make


_make_answer = _maker(Answer)
_make_assessment = _maker(Assessment)
_make_respondent = _maker(Respondent)
_make_measure = _maker(Measure)
_make_source = _maker(Source)
_make_target = _maker(Target)


class _NotPlain(Exception):
    """The data needs the full validation (it may still be valid)."""


def plain_assessment(data: dict[str, Any]) -> Assessment | None:
    """The assessment ``data`` describes if every value is plainly valid, else None."""
    try:
        return _assessment(data)
    except _NotPlain:
        return None


def _require(condition: bool) -> None:
    if not condition:
        raise _NotPlain


def _text(table: dict[str, Any], name: str, *, required: bool = False) -> None:
    if name in table:
        _require(type(table[name]) is str)
        if required:
            _require(bool(table[name]))
    else:
        _require(not required)


def _moment(table: dict[str, Any], name: str, kind: type, *, required: bool = False) -> None:
    if name in table:
        _require(type(table[name]) is kind)
    else:
        _require(not required)


def _tables(value: Any) -> list[dict[str, Any]]:
    _require(type(value) is list and all(type(item) is dict for item in value))
    return value  # type: ignore[no-any-return]


def _keys(table: dict[str, Any], known: frozenset[str]) -> None:
    _require(known.issuperset(table))


def _assessment(data: dict[str, Any]) -> Assessment:
    _keys(data, _TOP)
    version = data.get("schema_version", SCHEMA_VERSION)
    _require(type(version) is int and 1 <= version <= SCHEMA_VERSION)
    questionnaire = data.get("questionnaire")
    _require(type(questionnaire) is str and bool(QUESTIONNAIRE_ID.match(questionnaire)))
    municipality = data.get("municipality")
    _require(type(municipality) is str and bool(municipality.strip()))
    _require(data.get("kind") in KINDS and type(data.get("kind")) is str)
    _require(data.get("kreisfrei") is None or type(data.get("kreisfrei")) is bool)
    for name in ("questionnaire_version", "consultant", "perspective"):
        _text(data, name)
    _moment(data, "created", datetime, required=True)
    _moment(data, "updated", datetime, required=True)
    _moment(data, "session_date", date)
    values = dict(data)
    # Only keys present in the file are set, as validation would (same fields_set).
    if "respondents" in data:
        values["respondents"] = [_respondent(t) for t in _tables(data["respondents"])]
    if "answers" in data:
        values["answers"] = _answers(data["answers"])
    if "measures" in data:
        values["measures"] = _measures(_tables(data["measures"]))
    if "sources" in data:
        values["sources"] = [_source(t) for t in _tables(data["sources"])]
    if "targets" in data:
        values["targets"] = _targets(data["targets"])
    return _make_assessment(values)


def _respondent(table: dict[str, Any]) -> Respondent:
    _keys(table, _RESPONDENT)
    _text(table, "name", required=True)
    _text(table, "role")
    return _make_respondent(table)


def _answers(value: Any) -> dict[str, dict[str, Answer]]:
    # The checks of _keys, _text and _require written out: a file has ~100 answers.
    _require(type(value) is dict)
    result: dict[str, dict[str, Answer]] = {}
    known = _ANSWER.issuperset
    make = _make_answer
    for field_id, by_question in value.items():
        _require(type(by_question) is dict)
        answers: dict[str, Answer] = {}
        for question_id, table in by_question.items():
            if type(table) is not dict or not known(table):
                raise _NotPlain
            if "value" in table:
                answer = table["value"]
                kind = type(answer)
                if not ((kind is int and answer in _GRADED) or (kind is str and answer in _WORDS)):
                    raise _NotPlain
            if "note" in table and type(table["note"]) is not str:
                raise _NotPlain
            if "evidence" in table and not (
                type(table["evidence"]) is str and table["evidence"] in EVIDENCE_VALUES
            ):
                raise _NotPlain
            if "reference" in table and type(table["reference"]) is not str:
                raise _NotPlain
            answers[question_id] = make(table)
        result[field_id] = answers
    return result


def _measures(tables: list[dict[str, Any]]) -> list[Measure]:
    measures: list[Measure] = []
    seen: set[str] = set()
    for table in tables:
        _keys(table, _MEASURE)
        _text(table, "id", required=True)
        _text(table, "title", required=True)
        _require(table["id"] not in seen)
        seen.add(table["id"])
        for name in ("field", "recommendation", "responsible", "note"):
            _text(table, name)
        _moment(table, "due", date)
        if "status" in table:
            _require(type(table["status"]) is str and table["status"] in MEASURE_STATUSES)
        measures.append(_make_measure(table))
    return measures


def _source(table: dict[str, Any]) -> Source:
    _keys(table, _SOURCE)
    _text(table, "file", required=True)
    for name in ("municipality", "respondents", "perspective"):
        _text(table, name)
    _moment(table, "updated", datetime)
    return _make_source(table)


def _targets(value: Any) -> dict[str, Target]:
    _require(type(value) is dict)
    targets: dict[str, Target] = {}
    for field_id, table in value.items():
        _require(type(table) is dict)
        _keys(table, _TARGET)
        _text(table, "level", required=True)
        _moment(table, "due", date)
        targets[field_id] = _make_target(table)
    return targets
