"""/v1/me reads everything in one statement and answers exactly what the worker page's presenter (one query per
history), the training hours query and the training compliance statement for the worker's community answer."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from cwm_kit.dates import today_in_china
from cwm_kit.security import Principal, Role
from cwm_kit.testing import statements

from registry.me.repository import REQUIREMENT, MeRepository
from registry.me.schemas import MeOut
from registry.seed import seed_regions, seed_workers
from registry.training.models import TrainingRecord
from registry.training.repository import TrainingRepository, compliance_statement
from registry.workers.demo import demo_worker_for_login, demo_workers
from registry.workers.presenter import worker_detail
from registry.workers.repository import WorkerRepository


async def presenter_answer(session, worker_id: uuid.UUID, year: int) -> dict:
    """/v1/me as it was computed before it became one statement: a dozen round trips."""
    repository = WorkerRepository(session)
    worker = await repository.get(worker_id)
    principal = Principal(subject="w", role=Role.WORKER, jurisdiction=worker.community_code, worker_id=str(worker_id))
    detail = await worker_detail(repository, worker, principal)
    hours = await TrainingRepository(session).hours_in_year(worker_id, year)
    scope = Principal(subject="me", role=Role.SERVICE, jurisdiction=worker.community_code)
    report = compliance_statement(scope, worker.community_code, year).subquery()
    row = (await session.execute(select(report).where(report.c.worker_id == worker_id))).mappings().first()
    requirement = None if row is None else {key: Decimal(row[key]) for key in REQUIREMENT}
    return MeOut(worker=detail, contract=detail.contract, training_year=year, training_hours_this_year=hours,
                 training_requirement=requirement).model_dump(mode="json", by_alias=True)


def chosen_workers() -> dict[str, dict]:
    """Demo workers with the longest history of each kind, the demo login, a leaver."""
    tables = demo_workers()
    workers = {row["id"]: row for row in tables["worker"]}
    chosen = {"login": workers[demo_worker_for_login()],
              "leaver": next(w for w in workers.values() if w["status"] == "resigned")}
    for table, rows in tables.items():
        if table != "worker":
            worker_id, count = Counter(row["worker_id"] for row in rows).most_common(1)[0]
            assert count >= 1
            chosen[table] = workers[worker_id]
    return chosen


async def test_me_is_the_presenters_answer_in_one_statement(client, session, tokens):
    await seed_regions(session)
    await seed_workers(session)
    today = today_in_china()
    chosen = chosen_workers()
    for index, worker in enumerate({w["id"]: w for w in chosen.values()}.values()):
        session.add_all([
            TrainingRecord(worker_id=worker["id"], training_date=date(today.year, 1, 2), hours=Decimal("8.5"),
                           kind="in_service", organiser_level="county", title="业务培训"),
            TrainingRecord(worker_id=worker["id"], training_date=date(today.year - 1, 6, 1), hours=Decimal(16 + index),
                           kind="initial", organiser_level="city", title="岗前培训"),
        ])
    await session.flush()
    requirements = 0
    asked: set = set()
    for label, worker in chosen.items():
        if worker["id"] in asked:  # one worker chosen for two histories: answered the first time
            continue
        asked.add(worker["id"])
        headers = tokens.headers("worker", worker["community_code"], worker_id=str(worker["id"]))
        with statements(session) as seen:
            response = await client.get("/v1/me", headers=headers)
        assert response.status_code == 200, (label, response.text)
        sent = [s for s in seen if "SAVEPOINT" not in s]  # the test session's savepoints aside
        # Computed: the stored answer's lookup, the one statement, the answer stored (ADR 0011) ...
        assert len(sent) == 3 and "ready_answer_version" in sent[0] and "INSERT INTO ready_answer" in sent[2], \
            (label, sent)
        expected = await presenter_answer(session, worker["id"], today.year)
        assert response.json() == expected, label
        # ... then sent again as stored: the lookup only.
        with statements(session) as seen:
            again = await client.get("/v1/me", headers=headers)
        assert [s for s in seen if "SAVEPOINT" not in s] == [sent[0]], label
        assert again.content == response.content and again.headers["etag"] == response.headers["etag"], label
        requirements += expected["training_requirement"] is not None
    # The comparison covered histories and both kinds of training answer (a requirement; none for a leaver).
    richest = await presenter_answer(session, chosen["worker_status_history"]["id"], today.year)
    assert len(richest["worker"]["status_history"]) >= 2
    assert Decimal(richest["training_hours_this_year"]) == Decimal("8.5")
    assert requirements >= 1
    assert (await presenter_answer(session, chosen["leaver"]["id"], today.year))["training_requirement"] is None


async def test_me_answers_only_the_tokens_own_worker(client, session, tokens):
    await seed_regions(session)
    await seed_workers(session)
    chosen = chosen_workers()
    login, other = chosen["login"], chosen["worker_honour"]
    # A worker token names its own record: another worker's community in the token changes nothing.
    headers = tokens.headers("worker", other["community_code"], worker_id=str(login["id"]))
    body = (await client.get("/v1/me", headers=headers)).json()
    assert body["worker"]["id"] == str(login["id"]) and body["worker"]["name"] == login["name"]
    for worker_id in ("not-a-uuid", str(uuid.uuid4())):
        response = await client.get("/v1/me", headers=tokens.headers("worker", login["community_code"],
                                                                      worker_id=worker_id))
        assert response.status_code == 404, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
    officer = tokens.headers("county_officer", login["community_code"][:6])
    assert (await client.get("/v1/me", headers=officer)).status_code == 403


async def test_me_names_only_the_workers_own_communities(session):
    """The community names read with /v1/me are those of the worker's community and service periods, looked up
    for that worker only: not every community someone served in (a read that grew with the whole registry)."""
    await seed_regions(session)
    await seed_workers(session)
    tables = demo_workers()
    served: dict[uuid.UUID, set[str]] = {}
    for row in tables["worker"]:
        served.setdefault(row["id"], set()).add(row["community_code"])
    for row in tables["worker_service_period"]:
        served.setdefault(row["worker_id"], set()).add(row["community_code"])
    everyone = set().union(*served.values())
    worker_id = max(served, key=lambda w: len(served[w]))
    assert len(everyone) > len(served[worker_id])  # the demo has communities this worker never served in
    record = await MeRepository(session).my_record(worker_id, today_in_china().year)
    assert set(record.community_names) == served[worker_id]
