"""The floor of any report built on our libraries: import rich and pydantic, define two
small models, validate one instance and print a Rich table. ``import pydantic`` alone is
lazy, so defining and validating models is part of the floor."""

from pydantic import BaseModel
from rich.console import Console
from rich.table import Table


class Answer(BaseModel):
    question: str
    value: int
    note: str = ""


class Report(BaseModel):
    municipality: str
    answers: list[Answer]


report = Report.model_validate(
    {"municipality": "Musterstadt", "answers": [{"question": "ms-01", "value": 3}]}
)
table = Table(title=report.municipality)
table.add_column("Frage")
table.add_column("Wert")
for answer in report.answers:
    table.add_row(answer.question, str(answer.value))
Console().print(table)
