"""`/v1/me` is a stored answer (ADR 0011): every table is either an input the migration's triggers track or named in
`registry.ready_answers.NOT_INPUTS`; and a worker sees an officer's change to their record, to one of its
histories or to a region's name on the next read, while another worker's change leaves their answer stored."""

from sqlalchemy import text

from cwm_kit.testing import assert_every_table_decided, statements

import registry.all_models  # noqa: F401  (every table in the metadata)
from registry.models import Base
from registry.ready_answers import NOT_INPUTS

from tests.workers.helpers import COMMUNITY, create_worker, nid, regions

TOWN = ("township_officer", "640104001")


async def test_every_table_is_tracked_or_named_as_not_an_input(session):
    await assert_every_table_decided(session, Base.metadata, NOT_INPUTS,
                                     {"worker", "worker_education", "training_record", "region", "management_rule"})


async def _me(client, session, headers) -> tuple[dict, bool]:
    """The answer and whether it was computed (more than the stored answer's lookup was sent)."""
    with statements(session) as seen:
        response = await client.get("/v1/me", headers=headers)
    assert response.status_code == 200, response.text
    return response.json(), len([s for s in seen if "SAVEPOINT" not in s]) > 1


async def test_a_change_to_the_record_is_seen_on_the_next_read(client, session, tokens):
    await regions(session)
    me = await create_worker(client, tokens, national_id=nid(sequence=41))
    other = await create_worker(client, tokens, national_id=nid(sequence=43), name="李强")
    headers = tokens.headers("worker", COMMUNITY, worker_id=me["id"])
    first, computed = await _me(client, session, headers)
    assert computed and first["worker"]["phone"] == "13812345678"
    assert await _me(client, session, headers) == (first, False)

    # Another worker's record changes: this worker's answer is still the stored one.
    etag = (await client.get(f"/v1/workers/{other['id']}", headers=tokens.headers(*TOWN))).headers["etag"]
    edit = await client.patch(f"/v1/workers/{other['id']}", json={"phone": "13900000001"},
                              headers={**tokens.headers(*TOWN), "If-Match": etag})
    assert edit.status_code == 200, edit.text
    assert await _me(client, session, headers) == (first, False)

    # The worker's own row.
    etag = (await client.get(f"/v1/workers/{me['id']}", headers=tokens.headers(*TOWN))).headers["etag"]
    edit = await client.patch(f"/v1/workers/{me['id']}", json={"phone": "13900000002"},
                              headers={**tokens.headers(*TOWN), "If-Match": etag})
    assert edit.status_code == 200, edit.text
    changed, computed = await _me(client, session, headers)
    assert computed and changed["worker"]["phone"] == "13900000002"

    # One of its histories.
    added = await client.post(f"/v1/workers/{me['id']}/education", headers=tokens.headers(*TOWN),
                              json={"level": "master", "institution": "宁夏大学", "graduated_on": "2015-06-30"})
    assert added.status_code == 201, added.text
    changed, computed = await _me(client, session, headers)
    assert computed and "宁夏大学" in [e["institution"] for e in changed["worker"]["education"]]

    # A table every answer reads: the community's name.
    await session.execute(text("UPDATE region SET name = '新民乐社区' WHERE code = :code"), {"code": COMMUNITY})
    changed, computed = await _me(client, session, headers)
    assert computed and changed["worker"]["community_name"] == "新民乐社区"
    assert await _me(client, session, headers) == (changed, False)


async def test_a_stored_answer_is_revalidated_by_its_etag(client, session, tokens):
    await regions(session)
    me = await create_worker(client, tokens, national_id=nid(sequence=45))
    headers = tokens.headers("worker", COMMUNITY, worker_id=me["id"])
    first = await client.get("/v1/me", headers=headers)
    again = await client.get("/v1/me", headers={**headers, "If-None-Match": first.headers["etag"]})
    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", first.headers["etag"])
    # Another worker's token is never answered from this worker's stored answer.
    other = await client.get("/v1/me", headers=tokens.headers("worker", COMMUNITY,
                                                              worker_id="00000000-0000-0000-0000-000000000000"))
    assert other.status_code == 404
