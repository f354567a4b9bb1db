from datetime import timedelta

from sqlalchemy import func, select

from registry.auth.models import Account
from registry.seed import DEMO_PASSWORD, seed_accounts, seed_regions, seed_workers
from registry.workers import national_id
from registry.workers.demo import demo_workers
from registry.workers.models import ServicePeriod, Worker


def test_demo_data_is_deterministic_and_varied():
    tables = demo_workers()
    assert tables == demo_workers()
    workers = tables["worker"]
    assert 300 <= len(workers) <= 600
    for row in workers:
        parsed = national_id.parse(row["national_id"])
        assert (parsed.birth_date, parsed.sex) == (row["birth_date"], row["sex"])
    assert {r["post"] for r in workers} == {"nx_head", "nx_deputy", "nx_member", "nx_staff", "ss_head", "ss_deputy",
                                            "ss_staff"}
    assert {"probation", "active", "resigned"} <= {r["status"] for r in workers}
    assert any(r["yijiantiao"] for r in workers)
    assert {r["certificate_level"] for r in workers} >= {None, "assistant_social_worker", "social_worker",
                                                         "senior_social_worker"}
    assert any(r["community_code"].startswith("640402") for r in workers)  # 原州区, a mountain county
    by_worker: dict = {}
    for period in tables["worker_service_period"]:
        by_worker.setdefault(period["worker_id"], []).append(period)
    multi = [sorted(p, key=lambda x: x["start_date"]) for p in by_worker.values() if len(p) > 1]
    assert any(p[0]["community_code"] != p[1]["community_code"] for p in multi)
    assert any((p[1]["start_date"] - p[0]["end_date"]).days > 1 for p in multi)    # with a break
    assert any((p[1]["start_date"] - p[0]["end_date"]).days == 1 for p in multi)   # contiguous


async def test_seed_is_idempotent_and_links_the_worker_login(client, session):
    await seed_regions(session)
    await seed_workers(session)
    await seed_accounts(session)
    count = await session.scalar(select(func.count()).select_from(Worker))
    periods = await session.scalar(select(func.count()).select_from(ServicePeriod))
    await seed_workers(session)
    await seed_accounts(session)
    assert await session.scalar(select(func.count()).select_from(Worker)) == count
    assert await session.scalar(select(func.count()).select_from(ServicePeriod)) == periods
    account = await session.scalar(select(Account).where(Account.username == "xq_worker"))
    worker = await session.get(Worker, account.worker_id)
    assert worker.community_code == account.jurisdiction == "640104001001"

    login = await client.post("/v1/auth/token", data={"username": "xq_worker", "password": DEMO_PASSWORD})
    assert login.status_code == 200, login.text
    me = await client.get("/v1/me", headers={"Authorization": f"Bearer {login.json()['access_token']}"})
    assert me.status_code == 200 and me.json()["worker"]["id"] == str(worker.id)


async def test_mountain_county_fact(client, session, tokens):
    await seed_regions(session)
    await seed_workers(session)
    response = await client.get("/v1/workers/facts?region=640402&as_of=2025-12-31",
                                headers=tokens.headers("county_officer", "640402"))
    lines = [line for line in response.text.splitlines() if line]
    assert lines and all('"fiscal_category": "mountain"' in line for line in lines)


def test_demo_accounts_are_named_as_their_regions():
    """Audit: 640104001 is 兴庆区新华街道 in regions and audit entries, but its demo accounts were named 城关街道…:
    every account below a province names its jurisdiction as the demo regions do."""
    from registry import demo_regions
    from registry.seed import DEMO_ACCOUNTS

    names = {r["code"]: r["name"] for r in demo_regions.regions()}
    assert names["640104001"] == "兴庆区新华街道" and names["640104001001"] == "民乐社区"
    misnamed = [(username, display, names[code]) for username, display, _role, code, _ in DEMO_ACCOUNTS
                if len(code) > 2 and names[code] not in display]
    assert misnamed == []


def test_demo_certificates_are_each_recorded_once():
    """The unique constraint on (worker, level, approved_on) holds for the demo data."""
    rows = [(c["worker_id"], c["level"], c["approved_on"]) for c in demo_workers()["worker_certificate"]]
    assert rows and len(set(rows)) == len(rows)


def test_demo_contracts_of_workers_in_post_were_renewed_but_a_few():
    """Workers hired years ago hold their current term (renewed from the hire, term after term), not the first
    contract long lapsed; a few are left lapsed so the to-do page has overdue decisions to show."""
    from registry.workers.demo import RENEWED_UNTIL
    from registry.workers.service import add_years

    in_post = [r for r in demo_workers()["worker"] if r["status"] in ("active", "probation")]
    lapsed = [r for r in in_post if r["contract_end"] < RENEWED_UNTIL]
    assert 0 < len(lapsed) <= len(in_post) // 10
    renewed = [r for r in in_post if r["contract_start"] > r["hired_on"]]
    assert len(renewed) > len(in_post) // 2
    for row in in_post:
        # Whole terms from the hire: each contract starts the day after the previous one ends.
        start, term = row["hired_on"], row["contract_term_years"]
        while start < row["contract_start"]:
            start = add_years(start, term)
        assert start == row["contract_start"]
        assert row["contract_end"] == add_years(row["contract_start"], term) - timedelta(days=1)
