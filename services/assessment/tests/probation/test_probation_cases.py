"""Probation ends with an assessment whatever the month (NX/IM 「试用期满考核不合格」): a case per probation
ending by a date, the usual workflow under the county's plan, published as kind "probation"."""

import uuid
from datetime import date

from ..conftest import COMMUNITY, COMMUNITY_OTHER_TOWN


def fact(worker_id, probation_end, community=COMMUNITY, **extra):
    return {"worker_id": str(worker_id), "name": "试用者", "community_code": community, "post": "nx_staff",
            "status": "probation", "hired_on": "2025-03-01", "probation_end": probation_end, "exit_date": None,
            **extra}


async def test_probation_case_opens_in_may_and_publishes_a_probation_result(client, flow, registry_app, tokens):
    ends_may, ends_later, left, other_town = (uuid.uuid4() for _ in range(4))
    registry_app.state.facts = [
        fact(ends_may, "2025-05-31"), fact(ends_later, "2025-09-30"),
        fact(left, "2025-05-31", status="resigned", exit_date="2025-05-01"),
        fact(other_town, "2025-05-31", community=COMMUNITY_OTHER_TOWN)]
    flow.clock.today = date(2025, 6, 2)
    opened = await client.post("/v1/probation-cases", json={"ending_by": "2025-06-01"}, headers=flow.town)
    assert opened.status_code == 200, opened.text
    body = opened.json()
    # Only the probation ending by 1 June, of a worker still employed, inside the township.
    assert (body["opened"], [c["worker_id"] for c in body["cases"]]) == (1, [str(ends_may)])
    case = body["cases"][0]
    assert (case["kind"], case["year"], case["due_on"], case["cycle_id"], case["status"]) == (
        "probation", 2025, "2025-05-31", None, "pending")
    again = await client.post("/v1/probation-cases", json={"ending_by": "2025-06-01"}, headers=flow.town)
    assert (again.json()["opened"], again.json()["already_open"]) == (0, 1)
    assert (await client.post("/v1/probation-cases", json={"ending_by": "2025-06-01"},
                              headers=flow.secretary)).status_code == 403

    # The usual workflow: proposal (secretary), decision (township) with a notice, then final.
    proposed = await flow.propose(case["id"], "basically_competent")
    assert proposed.status_code == 200, proposed.text
    decided = await flow.decide(case["id"])
    assert decided.status_code == 200, decided.text
    flow.clock.today = date(2025, 6, 30)
    finalized = await flow.finalize(case["id"])
    assert finalized.status_code == 200, finalized.text
    feed = (await client.get("/v1/results", headers=flow.service)).json()["items"]
    assert [(i["worker_id"], i["kind"], i["year"], i["result"]) for i in feed] == [
        (str(ends_may), "probation", 2025, "basically_competent")]
    listed = (await client.get("/v1/probation-cases", headers=flow.town)).json()
    assert [(c["worker_id"], c["status"]) for c in listed] == [(str(ends_may), "final")]


async def test_dates_no_person_means_are_refused(client, flow, registry_app):
    """0001-01-01 was a 500 (a year before it does not exist), 9999-12-31 a 503 (the registry refused it)."""
    for day in ("0001-01-01", "9999-12-31"):
        refused = await client.post("/v1/probation-cases", json={"ending_by": day}, headers=flow.town)
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "ending_by", refused.text
    # The earliest date allowed looks back no further than the registry accepts either.
    earliest = await client.post("/v1/probation-cases", json={"ending_by": "1900-01-01"}, headers=flow.town)
    assert earliest.status_code in (200, 201), earliest.text
    assert registry_app.state.calls[-1]["params"]["since"] == "1900-01-01"
