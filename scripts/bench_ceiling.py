"""The ceiling for `scripts/bench_reads.py`: a bare FastAPI + asyncpg endpoint doing one point select.

    BENCH_CEILING_DSN=postgresql://… BENCH_CEILING_ID=<worker uuid> uvicorn --factory bench_ceiling:create_app

No auth, no middleware, no ORM: what one uvicorn process answers when a request costs one indexed row.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI, HTTPException


def create_app() -> FastAPI:
    dsn = os.environ["BENCH_CEILING_DSN"]
    default_id = uuid.UUID(os.environ["BENCH_CEILING_ID"])

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.pool = await asyncpg.create_pool(dsn, min_size=2, max_size=10)
        try:
            yield
        finally:
            await app.state.pool.close()

    app = FastAPI(lifespan=lifespan)

    @app.get("/point")
    async def point() -> dict:
        row = await app.state.pool.fetchrow(
            "SELECT id, name, community_code, post, status FROM worker WHERE id = $1", default_id)
        if row is None:
            raise HTTPException(404)
        return {"id": str(row["id"]), "name": row["name"], "community_code": row["community_code"],
                "post": row["post"], "status": row["status"]}

    return app
