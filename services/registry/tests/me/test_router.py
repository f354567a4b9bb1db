from cwm_kit.dates import today_in_china

from tests.workers.helpers import COMMUNITY, create_worker, nid, regions


async def test_worker_sees_own_record_only(client, session, tokens):
    await regions(session)
    me = await create_worker(client, tokens, national_id=nid(sequence=31))
    other = await create_worker(client, tokens, national_id=nid(sequence=33), name="李强")
    headers = tokens.headers("worker", COMMUNITY, worker_id=me["id"])
    response = await client.get("/v1/me", headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["worker"]["id"] == me["id"] and body["worker"]["national_id"] == me["national_id"]
    assert body["contract"] == me["contract"]
    assert body["training_hours_this_year"] == "0"
    assert (await client.get(f"/v1/workers/{other['id']}", headers=headers)).status_code == 404
    assert (await client.get("/v1/me", headers=tokens.headers("township_officer", "640104001"))).status_code == 403


async def test_worker_token_for_unknown_worker_is_404(client, session, tokens):
    await regions(session)
    headers = tokens.headers("worker", COMMUNITY, worker_id="00000000-0000-0000-0000-000000000000")
    assert (await client.get("/v1/me", headers=headers)).status_code == 404


async def test_training_hours_this_year(client, session, tokens):
    from datetime import date
    from decimal import Decimal

    from registry.training.models import TrainingRecord

    await regions(session)
    me = await create_worker(client, tokens, national_id=nid(sequence=35))
    today = today_in_china()
    session.add_all([
        TrainingRecord(worker_id=me["id"], training_date=date(today.year, 1, 2), hours=Decimal("8.5"),
                       kind="in_service", organiser_level="county", title="业务培训"),
        TrainingRecord(worker_id=me["id"], training_date=today, hours=Decimal(16), kind="special",
                       organiser_level="city", title="专题培训"),
        TrainingRecord(worker_id=me["id"], training_date=date(today.year - 1, 12, 31), hours=Decimal(40),
                       kind="in_service", organiser_level="county", title="去年"),
    ])
    await session.flush()
    body = (await client.get("/v1/me", headers=tokens.headers("worker", COMMUNITY, worker_id=me["id"]))).json()
    assert body["training_year"] == today.year
    assert Decimal(body["training_hours_this_year"]) == Decimal("24.5")


async def test_worker_sees_their_training_requirement(client, session, tokens):
    from decimal import Decimal

    await regions(session)
    secretary = await create_worker(client, tokens, national_id=nid(sequence=37), post="nx_head")
    staff = await create_worker(client, tokens, national_id=nid(sequence=39))
    body = (await client.get("/v1/me", headers=tokens.headers("worker", COMMUNITY, worker_id=secretary["id"]))).json()
    # NX: secretaries trained yearly, read as one 8-hour day; nothing done yet this year.
    requirement = body["training_requirement"]
    assert Decimal(requirement["yearly_required"]) == 8 and Decimal(requirement["yearly_shortfall"]) == 8
    assert Decimal(requirement["initial_required"]) == 0
    body = (await client.get("/v1/me", headers=tokens.headers("worker", COMMUNITY, worker_id=staff["id"]))).json()
    assert Decimal(body["training_requirement"]["yearly_required"]) == 0
