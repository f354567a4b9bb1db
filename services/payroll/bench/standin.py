"""A minimal stand-in for the registry and assessment services, for the benchmark only: it streams the
same NDJSON `GET /v1/workers/facts` would (docs/contracts.md) for a synthetic province of N workers,
answers `GET /v1/results` with cursor pages and `POST /v1/auth/token` with a service token.

    python services/payroll/bench/standin.py --workers 100000 --port 18101

Workers are generated on the fly (deterministic), so the server's memory does not grow with N.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from fastapi import FastAPI, Request
from fastapi.responses import StreamingResponse

PROVINCE = "64"
POSTS = ["nx_head", "nx_deputy", "nx_member", "nx_staff", "nx_staff", "nx_staff"]
EDUCATION = [None, "dazhuan", "benke", "benke", "master"]
CERTIFICATES = [None, None, "assistant_social_worker", "social_worker", "senior_social_worker"]
MOUNTAIN_COUNTIES = {"640402", "640422", "640423"}


COMMUNITIES = 2880


def community_of(index: int) -> str:
    """5 cities × 6 counties × 8 townships × 12 communities = 2,880 communities."""
    community = index % COMMUNITIES
    city, rest = divmod(community, 576)
    county, rest = divmod(rest, 96)
    township, comm = divmod(rest, 12)
    return f"{PROVINCE}{city + 1:02d}{county + 1:02d}{township + 1:03d}{comm + 1:03d}"


def _pick(index: int, salt: int, choices: list) -> object:
    # Cheap deterministic spread (a multiplicative hash), fast enough to stream 1.8M workers.
    return choices[((index + 1) * 2654435761 + salt * 40503) % 4294967296 % len(choices)]


YEARS = list(range(2000, 2025))
MONTHS = list(range(1, 13))
STARS = [1, 2, 3, 4, 5]


def worker_line(index: int) -> str:
    community = community_of(index)
    county = community[:6]
    hired_year = _pick(index, 1, YEARS)
    hired = f"{hired_year}-{_pick(index, 2, MONTHS):02d}-01"
    post = _pick(index, 3, POSTS)
    education = _pick(index, 4, EDUCATION)
    certificate = _pick(index, 5, CERTIFICATES)
    education_json = (f'{{"level":"{education}","date":"1999-07-01","in_service":false}}' if education
                      else "null")
    certificate_json = f'{{"level":"{certificate}","approved_on":"2020-05-01"}}' if certificate else "null"
    fiscal = '"mountain"' if county in MOUNTAIN_COUNTIES else "null"
    return (f'{{"worker_id":"W{index:08d}","name":"工作者{index}","sex":"{"MF"[index % 2]}",'
            f'"birth_date":"{1970 + index % 30}-06-15","community_code":"{community}",'
            f'"township_code":"{community[:9]}","county_code":"{county}","post":"{post}","post_since":"{hired}",'
            f'"post_history":[{{"post":"{post}","from":"{hired}","to":null}}],"yijiantiao":false,'
            f'"yijiantiao_history":[],"status":"active",'
            f'"status_history":[{{"status":"active","from":"{hired}","to":null}}],"hired_on":"{hired}",'
            f'"probation_end":null,"exit_date":null,"exit_reason":null,"education":{education_json},'
            f'"education_history":[],"certificate":{certificate_json},"certificate_history":[],"honours":[],'
            f'"service_periods":[{{"community_code":"{community}","start":"{hired}","end":null}}],'
            f'"cumulative_service_years":"{2025 - hired_year}.00","secondments":[],'
            f'"star_rating":{_pick(index, 6, STARS)},"fiscal_category":{fiscal}}}')


def facts_chunks(workers: int, region: str, chunk: int = 500) -> Iterator[bytes]:
    buffer: list[str] = []
    for index in range(workers):
        if not community_of(index).startswith(region):
            continue
        buffer.append(worker_line(index))
        if len(buffer) >= chunk:
            yield ("\n".join(buffer) + "\n").encode()
            buffer = []
    if buffer:
        yield ("\n".join(buffer) + "\n").encode()


def make_app(workers: int):
    app = FastAPI()

    @app.post("/v1/auth/token")
    async def token() -> dict:
        return {"access_token": "bench-service-token", "token_type": "bearer", "expires_in": 3600}

    @app.get("/v1/workers/facts")
    def facts(request: Request) -> StreamingResponse:
        region = request.query_params.get("region", PROVINCE)
        return StreamingResponse(facts_chunks(workers, region), media_type="application/x-ndjson")

    @app.get("/v1/regions")
    async def regions(request: Request) -> list[dict]:
        """The counties under `prefix` (what a province run is split by, ADR 0008); other levels are not served."""
        prefix = request.query_params.get("prefix", PROVINCE)
        codes = sorted({community_of(index)[:6] for index in range(COMMUNITIES)})
        return [{"code": code, "level": "county"} for code in codes if code.startswith(prefix)]

    @app.get("/v1/results")
    async def results(request: Request) -> dict:
        return {"items": [], "next_cursor": None}

    @app.get("/healthz")
    async def healthz() -> dict:
        return {"status": "ok", "workers": workers}

    return app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--port", type=int, default=18101)
    args = parser.parse_args()
    import uvicorn

    uvicorn.run(make_app(args.workers), host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
