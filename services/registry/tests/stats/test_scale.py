"""Province scale (100,000 workers): opt-in, `CWM_SCALE_TEST=1`, since it takes a while on a shared box."""

import os
import time

import pytest
from sqlalchemy import text

from registry.seed import seed_regions

pytestmark = pytest.mark.skipif(os.environ.get("CWM_SCALE_TEST") != "1", reason="set CWM_SCALE_TEST=1")

WORKERS = """
insert into worker (id, national_id, name, sex, birth_date, community_code, post, post_since, yijiantiao, status,
  status_since, education_level, certificate_level, hired_on, contract_term_years, contract_start, contract_end,
  service_days_closed, service_open_since, version, created_at, updated_at)
select gen_random_uuid(), lpad(g::text, 18, '0'), 'w' || g, case when g % 2 = 0 then 'F' else 'M' end,
  date '1965-01-01' + (g % 12000), c.code, (array['nx_head','nx_deputy','nx_member','nx_staff'])[1 + g % 4],
  date '2015-01-01', false, (array['active','active','active','probation','seconded','resigned'])[1 + g % 6],
  date '2015-01-01', (array['dazhuan','benke','master',null])[1 + g % 4], (array['social_worker',null,null])[1 + g % 3],
  date '2010-01-01' + (g % 5000), 3, date '2024-01-01', date '2026-12-01' + (g % 400), 0,
  date '2010-01-01' + (g % 5000), 1, now(), now()
from generate_series(1, 100000) g
join (select code, row_number() over (order by code) - 1 as i, count(*) over () as total
      from region where level = 'community' and code like '64%') c on c.i = g % c.total
"""
TRAININGS = """
insert into training_record (id, worker_id, training_date, hours, kind, organiser_level, title)
select gen_random_uuid(), w.id, date '2026-01-01' + (k * 40), 8, 'in_service', 'county', 't'
from worker w cross join generate_series(0, 2) k
"""


async def test_province_statistics_at_100k_workers(client, session, tokens):
    await seed_regions(session)
    await session.execute(text(WORKERS))
    await session.execute(text(TRAININGS))
    await session.execute(text("analyze worker"))
    await session.execute(text("analyze training_record"))
    headers = tokens.headers("provincial_admin", "64")
    started = time.perf_counter()
    response = await client.get("/v1/stats", headers=headers)
    cold = time.perf_counter() - started
    assert response.status_code == 200 and response.json()["headcount"] >= 83_000
    started = time.perf_counter()
    again = await client.get("/v1/stats", headers={**headers, "If-None-Match": response.headers["ETag"]})
    warm = time.perf_counter() - started
    assert again.status_code == 304
    print(f"province stats: cold {cold:.2f}s, 304 {warm * 1000:.0f}ms")
    assert cold < 10 and warm < 0.5
