"""A synthetic national registry (issue 15): 31 provinces × 10 cities × 10 counties × 12 townships × 3
communities (111,600 communities) and N workers (default 1.8 M) spread over them, with one training record
each, written straight into a migrated registry database by INSERT … SELECT generate_series (nothing stored in
the repository, nothing streamed through Python).

    python services/registry/bench/national.py postgresql://postgres@127.0.0.1:5432/cwm_bench_registry

Region codes are real province codes followed by synthetic digits; a code that already exists (the demo
seed's) is left as it is. Worker national IDs start with "N" so the rows can be told from demo ones.
"""

from __future__ import annotations

import argparse
import asyncio
import time

import asyncpg

PROVINCES = ("11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
             "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65")
CITIES, COUNTIES, TOWNSHIPS, COMMUNITIES = 10, 10, 12, 3
NATIONAL_WORKERS = 1_800_000

# Each level's rows from its parent's: code = parent code + a zero-padded child number.
REGIONS = """
insert into region (code, name, level, parent_code, urban_population, households)
select p.code || lpad(n::text, {width}, '0'), '{label}' || p.code || '-' || n, '{level}', p.code, {population},
       {households}
from region p cross join generate_series(1, {children}) n
where p.level = '{parent}' and p.code like any($1)
on conflict (code) do nothing
"""
PROVINCE_ROWS = """
insert into region (code, name, level) select code, '省' || code, 'province' from unnest($1::text[]) code
on conflict (code) do nothing
"""
LEVELS = (  # (level, parent level, children per parent, code digits, name prefix)
    ("city", "province", CITIES, 2, "市"),
    ("county", "city", COUNTIES, 2, "县"),
    ("township", "county", TOWNSHIPS, 3, "街道"),
    ("community", "township", COMMUNITIES, 3, "社区"),
)
# Worker g lives in community g mod C of the generated ones (in code order), so every community has workers.
WORKERS = """
with community as (
  select code, (row_number() over (order by code) - 1)::int as i from region
  where level = 'community' and code like any($1) and length(code) = 12
)
insert into worker (id, national_id, name, sex, birth_date, community_code, post, post_since, yijiantiao, status,
  status_since, education_level, certificate_level, hired_on, contract_term_years, contract_start, contract_end,
  service_days_closed, service_open_since, version, created_at, updated_at)
select gen_random_uuid(), 'N' || lpad(g::text, 17, '0'), '工作者' || g, case when g % 2 = 0 then 'F' else 'M' end,
  date '1966-01-01' + (g * 7 % 12000), c.code, (array['nx_head','nx_deputy','nx_member','nx_staff'])[1 + g % 4],
  date '2015-01-01', false, (array['active','active','active','probation','seconded','resigned'])[1 + g % 6],
  date '2015-01-01', (array['dazhuan','benke','master',null])[1 + g / 3 % 4],
  (array['social_worker',null,null])[1 + g / 5 % 3], date '2010-01-01' + (g % 5000), 3, date '2024-01-01',
  date '2026-12-01' + (g % 400), 0, date '2010-01-01' + (g % 5000), 1, now(), now()
from generate_series($2::int, $3::int) g join community c on c.i = g % $4
"""
TRAININGS = """
insert into training_record (id, worker_id, training_date, hours, kind, organiser_level, title)
select gen_random_uuid(), w.id, make_date(extract(year from current_date)::int, 1 + (w.birth_date - date '1966-01-01') % 12, 15),
  8 * (1 + (w.birth_date - date '1966-01-01') % 6), 'in_service', 'county', '培训'
from worker w where w.national_id like 'N%'
"""
BATCH = 300_000
# The worker table's plain indexes (not its keys): dropped while the rows go in, built once afterwards.
PLAIN_INDEXES = """
select i.indexname, i.indexdef from pg_indexes i
where i.tablename = $1 and not exists (select 1 from pg_constraint c where c.conname = i.indexname)
"""


async def _without_indexes(connection: asyncpg.Connection, table: str) -> list[str]:
    rows = await connection.fetch(PLAIN_INDEXES, table)
    for row in rows:
        await connection.execute(f'drop index "{row["indexname"]}"')
    return [row["indexdef"] for row in rows]


async def generate(dsn: str, workers: int = NATIONAL_WORKERS, provinces: tuple[str, ...] = PROVINCES,
                   echo=print) -> dict[str, float]:
    """Regions, workers and their training in `dsn` (a migrated registry database). Seconds per step."""
    timings: dict[str, float] = {}
    patterns = [f"{p}%" for p in provinces]
    connection = await asyncpg.connect(dsn)
    try:
        started = time.perf_counter()
        await connection.execute(PROVINCE_ROWS, list(provinces))
        for level, parent, children, width, label in LEVELS:
            population = "200000 + n * 10000" if level == "county" else "null"
            households = "1500 + n * 100" if level == "community" else "null"
            await connection.execute(REGIONS.format(width=width, label=label, level=level, population=population,
                                                    households=households, children=children, parent=parent),
                                     patterns)
        communities = await connection.fetchval(
            "select count(*) from region where level = 'community' and code like any($1)", patterns)
        timings["regions"] = time.perf_counter() - started
        echo(f"national: {communities:,} communities in {len(provinces)} provinces ({timings['regions']:.1f} s)")
        started = time.perf_counter()
        indexes = await _without_indexes(connection, "worker")
        for first in range(1, workers + 1, BATCH):
            await connection.execute(WORKERS, patterns, first, min(first + BATCH - 1, workers), communities)
            echo(f"national: {min(first + BATCH - 1, workers):,} workers")
        for definition in indexes:
            await connection.execute(definition)
        timings["workers"] = time.perf_counter() - started
        started = time.perf_counter()
        await connection.execute(TRAININGS)
        timings["trainings"] = time.perf_counter() - started
        started = time.perf_counter()
        await connection.execute("analyze region; analyze worker; analyze training_record")
        timings["analyze"] = time.perf_counter() - started
        echo("national: " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()))
    finally:
        await connection.close()
    return timings


async def any_worker(dsn: str) -> str:
    connection = await asyncpg.connect(dsn)
    try:
        return str(await connection.fetchval("select id from worker where national_id like 'N%' limit 1"))
    finally:
        await connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dsn", help="libpq URL of a migrated registry database (it is written to)")
    parser.add_argument("--workers", type=int, default=NATIONAL_WORKERS)
    args = parser.parse_args()
    asyncio.run(generate(args.dsn, args.workers))


if __name__ == "__main__":
    main()
