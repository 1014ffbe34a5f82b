"""Load: 30 participants at once, each answering one field, against the real server.

HTTP clients filling in the forms (tests/live_clients.py) on loopback, bounded in number
and time. No answer may be lost and every participant's file must be valid and hold
exactly their own answers. No timing is asserted (the benchmark reports it).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.live_clients import Participant
from tests.live_server import serve
from weltoffen_tui.core.pack.load import load_pack
from weltoffen_tui.core.storage.store import assessment_files, load_assessment

PARTICIPANTS = 30
FIELD = "engagement-beteiligung"
OVERALL_TIMEOUT = 600


def test_thirty_participants_lose_no_answer(tmp_path: Path) -> None:
    pack = load_pack()
    field = next(f for f in pack.fields if f.id == FIELD)
    questions = [q.id for q in field.questions][:8]
    folder = tmp_path / "workshop"

    async def one(address: str, code: str, number: int) -> Participant:
        async with Participant(address, code, f"Person {number:02d}", f"Rolle {number}") as p:
            await p.join()
            await p.answer(folder, FIELD, questions, 1 + number % 4)
            return p

    with serve(folder, "--kommune", "Musterstadt", "--felder", FIELD) as server:

        async def everyone() -> list[Participant]:
            return await asyncio.gather(
                *(one(server.address, server.code, n) for n in range(PARTICIPANTS))
            )

        done = asyncio.run(asyncio.wait_for(everyone(), OVERALL_TIMEOUT))

    files = assessment_files(folder)
    assert len(files) == PARTICIPANTS
    for number, participant in enumerate(done):
        saved = load_assessment(participant.file(folder))  # valid: loads and validates
        assert saved.respondents[0].name == f"Person {number:02d}"
        answers = saved.answers.get(FIELD, {})
        assert {q: a.value for q, a in answers.items()} == {q: 1 + number % 4 for q in questions}
        assert set(saved.answers) == {FIELD}  # nothing in any other field
        assert len(participant.latencies) == len(questions)
