"""Statistics for a jurisdiction (POLICY.md §11): head counts by post, age band, education, certificate,
sex and child region in ONE grouped scan (GROUPING SETS), plus quota fill, training compliance,
certification share against the targets and the reserve-pool ratio — all aggregate SQL.

Dashboards poll this all day, so a poll never computes it (ADR 0006): `Snapshots` answers from the scope's
snapshot row (kept in memory, its version looked up at most every `recheck` seconds), and ONE background
refresh per scope recomputes it when what it was computed from changed, in a process of its own
(`python -m registry.stats.refresher`) or a thread of the app's. A poll computes only when the scope has no
snapshot yet; with a background refresher it never waits for one otherwise (it answers with the newest snapshot,
whose computed_at / X-Stats-Checked-At say its age); without one (`off`) it recomputes past `max_age`."""

from __future__ import annotations

import asyncio
import copy
import hashlib
import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from cwm_kit import etags
from cwm_kit.dates import today_in_china
from cwm_kit.errors import Problem
from cwm_kit.security import Principal, Role

from registry.composition import service as composition
from registry.rules import service as rules
from registry.quota.service import QuotaService
from registry.reserve.service import ReserveService

from .repository import DIMENSIONS, Key, SnapshotRepository, StatsRepository
from .schemas import (Bucket, Certification, CertificationTarget, QuotaFill, RegionBucket, ReservePool, Statistics,
                      TrainingCompliance)

log = logging.getLogger(__name__)
# (read session, write session): the read one may be a replica (CWM_STATS_DATABASE_URL).
Sessions = Callable[[], AbstractAsyncContextManager[tuple[AsyncSession, AsyncSession]]]


def _ratio(part: int, whole: int, places: str = "0.0001") -> Decimal | None:
    return (Decimal(part) / Decimal(whole)).quantize(Decimal(places), ROUND_HALF_UP) if whole else None


class StatsService:
    def __init__(self, session: AsyncSession):
        self.session = session
        self.repository = StatsRepository(session)

    async def compute(self, principal: Principal, scope: str, on: date, computed_at: datetime) -> Statistics:
        await self.repository.plan_for_aggregates()
        buckets: dict[str, list[Bucket]] = {d: [] for d in DIMENSIONS}
        width = len(DIMENSIONS)
        for row in await self.repository.headcount_sets(principal, scope, on):
            # grouping() has a 0 bit for the one dimension this row is grouped by (most significant first).
            index = next(i for i in range(width) if not (row.set >> (width - 1 - i)) & 1)
            buckets[DIMENSIONS[index]].append(Bucket(key=row[1 + index], count=row.n))
        for values in buckets.values():
            values.sort(key=lambda b: (b.key is None, b.key or ""))
        headcount = sum(b.count for b in buckets["post"])
        names = await self.repository.region_names([b.key for b in buckets["child"]])
        by_region = [RegionBucket(code=b.key, name=names.get(b.key), count=b.count) for b in buckets["child"]]
        certified = sum(b.count for b in buckets["certificate"] if b.key is not None)
        return Statistics(region=scope, as_of=on, computed_at=computed_at, headcount=headcount, by_post=buckets["post"],
                          by_age_band=buckets["age_band"], by_education=buckets["education"],
                          by_certificate=buckets["certificate"], by_sex=buckets["sex"], by_region=by_region,
                          certification=await self._certification(scope, on, certified, headcount),
                          quota=await self._quota(principal, scope, on),
                          training=await self._training(principal, scope, on.year),
                          reserve=await self._reserve(principal, scope, on),
                          composition=await composition.summary(self.session, principal, scope, on))

    async def _certification(self, scope: str, on: date, certified: int, headcount: int) -> Certification:
        share = _ratio(certified, headcount) or Decimal("0.0000")
        rule = await rules.resolve(self.session, "certification.targets", scope, on)
        targets = [CertificationTarget(year=int(t["year"]), share=Decimal(t["share"]),
                                       met=share >= Decimal(t["share"])) for t in (rule.params["targets"] if rule else [])]
        return Certification(certified=certified, share=share, targets=targets,
                             rule_prefix=rule.region_prefix if rule else None)

    async def _quota(self, principal: Principal, scope: str, on: date) -> list[QuotaFill]:
        lines = await QuotaService(self.session).overview(principal, scope, on)
        fills = []
        for level in ("county", "community"):
            mine = [line for line in lines if line.level == level]
            if mine:
                allowed, filled = sum(line.allowed for line in mine), sum(line.filled for line in mine)
                fills.append(QuotaFill(level=level, regions=len(mine), allowed=allowed, filled=filled,
                                       fill_rate=_ratio(filled, allowed),
                                       over_quota_regions=sum(1 for line in mine if line.filled > line.allowed)))
        return fills

    async def _training(self, principal: Principal, scope: str, year: int) -> TrainingCompliance:
        workers, compliant = await self.repository.training_compliance(principal, scope, year)
        return TrainingCompliance(year=year, workers=workers, compliant=compliant, share=_ratio(compliant, workers))

    async def _reserve(self, principal: Principal, scope: str, on: date) -> ReservePool:
        pools = await ReserveService(self.session).pools(principal, scope, on)
        posts, pool = sum(p.secretary_posts for p in pools), sum(p.pool for p in pools)
        return ReservePool(townships=len(pools), secretary_posts=posts, required=sum(p.required for p in pools),
                           pool=pool, ratio=_ratio(pool, posts, "0.01"), shortfall=sum(p.shortfall for p in pools))


@dataclass
class Snapshot:
    """A scope's answer as this process holds it, with the 200's and 304's headers prepared once (a poll sends
    them and the stored body as they are: no model, no serialization)."""

    version: str
    as_of: date
    checked_at: datetime
    body: bytes
    looked_up: float = 0.0  # time.monotonic() of the last lookup of its version row
    _prepared: tuple[datetime, list[tuple[bytes, bytes]], list[tuple[bytes, bytes]]] | None = field(
        default=None, repr=False, compare=False)

    @property
    def etag(self) -> str:
        return f'"{self.version}"'

    @property
    def _tags(self) -> frozenset[str]:
        """If-None-Match values naming this version as browsers send them back (the gateway marks a compressed
        answer's tag with its coding); anything else goes through etags.none_match."""
        tags = self.__dict__.get("_tag_forms")
        if tags is None:
            forms = [self.version, *(self.version + mark for mark in ("-gzip", "-zstd", "-br"))]
            tags = self.__dict__["_tag_forms"] = frozenset(f'{weak}"{form}"' for form in forms for weak in ("", "W/"))
        return tags

    def response(self, if_none_match: str | None) -> Response:
        """The poll's answer: 304 when `if_none_match` holds this version, else the body."""
        prepared = self._prepared
        if prepared is None or prepared[0] is not self.checked_at:  # re-checked: another X-Stats-Checked-At
            # computed_at (in the body) is when the figures were computed; this, when last found current.
            common = [(b"etag", self.etag.encode()), (b"cache-control", b"private, no-cache"),
                      (b"x-stats-checked-at", self.checked_at.isoformat().encode())]
            prepared = self._prepared = (self.checked_at, common, [
                *common, (b"content-type", b"application/json"), (b"content-length", str(len(self.body)).encode())])
        if if_none_match is not None and (if_none_match in self._tags or etags.none_match(if_none_match, self.etag)):
            return Prepared(304, b"", prepared[1])
        return Prepared(200, self.body, prepared[2])


class Prepared(Response):
    """A response whose headers are already encoded (Starlette's Response encodes them on every request)."""

    def __init__(self, status_code: int, body: bytes, raw_headers: list[tuple[bytes, bytes]]):
        self.status_code, self.body, self.background = status_code, body, None
        self.raw_headers = list(raw_headers)  # a copy: middleware may add to it


def _reader(key: Key) -> Principal:
    """Who a background refresh computes as: a read-only officer of the key's jurisdiction (an answer depends
    on the asker's jurisdiction only)."""
    return Principal(subject="stats-snapshot", role=Role.AUDITOR, jurisdiction=key[0])


def stats_unavailable() -> Problem:
    return Problem(503, "statistics_unavailable", "统计数据暂时无法计算，请稍后重试",
                   "the statistics cannot be computed right now, please retry", headers={"Retry-After": "30"})


class Snapshots:
    """This process's snapshots and the scopes its dashboards poll. `refresh_seconds`: how often a polled
    scope is recomputed when its basis changed; `max_age_seconds`: without a background refresher
    (`background` off), the oldest numbers a poll is answered with; `recheck_seconds`: how long the in-memory
    copy is trusted before its version row is looked up (other processes refresh too); `idle_seconds`: a scope
    nobody polled for this long is no longer refreshed. With `background` on (a refresher thread or process
    exists) a poll never waits for a computation once its scope has a snapshot."""

    def __init__(self, *, refresh_seconds: float = 30, max_age_seconds: float = 60, recheck_seconds: float = 1,
                 idle_seconds: float = 600, background: bool = True):
        self.refresh_seconds, self.max_age_seconds = refresh_seconds, max_age_seconds
        self.recheck_seconds, self.idle_seconds = recheck_seconds, idle_seconds
        self.background = background
        # How often this process records a scope's polled_at (for the refresher process): a tenth of the idle time.
        self.touch_seconds = min(60.0, max(1.0, idle_seconds / 10))
        self.memory: dict[Key, Snapshot] = {}
        self.polled: dict[Key, float] = {}
        self.touched: dict[Key, float] = {}
        self.locks: defaultdict[Key, asyncio.Lock] = defaultdict(asyncio.Lock)

    def _age(self, snapshot: Snapshot) -> float:
        return (datetime.now(UTC) - snapshot.checked_at).total_seconds()

    def _fresh(self, snapshot: Snapshot, on: date) -> bool:
        return snapshot.as_of == on and self._age(snapshot) <= self.max_age_seconds

    def _servable(self, snapshot: Snapshot, on: date) -> bool:
        """Whether a poll may answer with it: any snapshot while a background refresher brings it up to date
        (the poll never waits), else only one within the max age."""
        return self.background or self._fresh(snapshot, on)

    def held(self, key: Key, on: date) -> Snapshot | None:
        """The poll's answer from this process's copy alone (no database), or None when its version is due to be
        looked up again (`recheck_seconds`), it is too old, or there is none yet: then `current`."""
        now = time.monotonic()
        self.polled[key] = now
        held = self.memory.get(key)
        if held is not None and now - held.looked_up < self.recheck_seconds and self._servable(held, on):
            return held
        return None

    async def current(self, read: AsyncSession, write: AsyncSession, principal: Principal, scope: str,
                      on: date) -> Snapshot:
        """The snapshot a poll answers with: from memory, else after one lookup of its version, else (no
        snapshot yet, or too old without a background refresher) computed now, once per scope however many
        polls wait for it. Records the poll in the row's polled_at at most every `touch_seconds`."""
        key = (principal.jurisdiction, scope)
        copy = self.held(key, on)
        if copy is not None:
            return copy
        now = time.monotonic()
        held = self.memory.get(key)
        if held is not None and self._servable(held, on):
            held.looked_up = now  # this poll looks the version up; the ones arriving meanwhile use the copy
        found = await self._lookup(read, key, held)
        if found is None or not self._servable(found, on):
            try:
                found = await self.refresh(read, write, key, on, wait=True, unless_younger=self.max_age_seconds)
            except Exception as exc:
                log.exception("statistics for %s could not be computed", key)
                raise stats_unavailable() from exc
            assert found is not None  # a waiting refresh always ends with a snapshot
        if now - self.touched.get(key, -self.touch_seconds) >= self.touch_seconds:
            await SnapshotRepository(write).touch(key, datetime.now(UTC))
            self.touched[key] = now
        found.looked_up = time.monotonic()
        self.memory[key] = found
        return found

    async def _lookup(self, read: AsyncSession, key: Key, held: Snapshot | None) -> Snapshot | None:
        repository = SnapshotRepository(read)
        row = await repository.version(key)
        if row is None:
            return None
        if held is not None and row.version == held.version:
            held.as_of, held.checked_at = row.as_of, row.checked_at
            return held
        stored = await repository.get(key)
        return None if stored is None else self._from_row(stored)

    @staticmethod
    def _from_row(row: Any) -> Snapshot:
        return Snapshot(version=row.version, as_of=row.as_of, checked_at=row.checked_at, body=bytes(row.body))

    async def refresh(self, read: AsyncSession, write: AsyncSession, key: Key, on: date, *,
                      wait: bool, unless_younger: float) -> Snapshot | None:
        """Brings the key's snapshot up to date unless it was checked less than `unless_younger` seconds ago
        (another process may just have): re-checked when its basis is unchanged, else recomputed from `read`
        and saved through `write`. One refresh per key at a time, across processes (an advisory lock): None
        when another holds it and `wait` is off."""
        async with self.locks[key]:
            snapshots = SnapshotRepository(write)
            if not await snapshots.lock(key, wait=wait):
                return None
            row = await snapshots.get(key)
            checked_at = datetime.now(UTC)
            if row is not None and row.as_of == on and (
                    (checked_at - row.checked_at).total_seconds() < unless_younger):
                return self._from_row(row)
            basis = await StatsRepository(read).basis(on)
            if row is not None and row.basis == basis:
                await snapshots.mark_checked(key, checked_at)
                return Snapshot(version=row.version, as_of=row.as_of, checked_at=checked_at, body=bytes(row.body))
            statistics = await StatsService(read).compute(_reader(key), key[1], on, checked_at)
            body = statistics.model_dump_json(by_alias=True).encode()
            version = hashlib.sha256("|".join(key).encode() + b"|" + body).hexdigest()[:32]
            await snapshots.save(key, version=version, basis=basis, as_of=on, computed_at=checked_at,
                                 checked_at=checked_at, body=body)
            return Snapshot(version=version, as_of=on, checked_at=checked_at, body=body)

    async def refresh_polled(self, sessions: Sessions, on: date | None = None) -> int:
        """One pass of the background refresher: every scope polled lately whose snapshot is older than
        `refresh_seconds`, one after the other. A scope that fails keeps its last snapshot (polls recompute it
        past `max_age`). Returns how many were brought up to date."""
        on = on or today_in_china()
        refreshed = 0
        for key, polled in list(self.polled.items()):
            if time.monotonic() - polled > self.idle_seconds:
                self.polled.pop(key, None)
                self.memory.pop(key, None)
                continue
            held = self.memory.get(key)
            if held is not None and held.as_of == on and self._age(held) < self.refresh_seconds:
                continue
            refreshed += await self._refresh_one(sessions, key, on)
        return refreshed

    async def refresh_due(self, sessions: Sessions, on: date | None = None) -> int:
        """One pass of the refresher process: every scope whose row was polled (polled_at, recorded by the
        polling processes) within `idle_seconds` and is older than `refresh_seconds`, the oldest first."""
        on = on or today_in_china()
        now = datetime.now(UTC)
        async with sessions() as (_, write):
            due = await SnapshotRepository(write).due(
                polled_since=now - timedelta(seconds=self.idle_seconds),
                checked_before=now - timedelta(seconds=self.refresh_seconds), on=on)
        refreshed = 0
        for key in due:
            refreshed += await self._refresh_one(sessions, key, on)
        return refreshed

    async def _refresh_one(self, sessions: Sessions, key: Key, on: date) -> int:
        """Brings one scope up to date (unless another process is at it); a failure keeps its last snapshot.
        1 when refreshed."""
        try:
            async with sessions() as (read, write):
                snapshot = await self.refresh(read, write, key, on, wait=False, unless_younger=self.refresh_seconds)
        except Exception:
            log.exception("statistics snapshot %s: refresh failed, the last one stays", key)
            return 0
        if snapshot is None:
            return 0
        snapshot.looked_up = time.monotonic()
        self.memory[key] = snapshot
        return 1

    def for_another_loop(self) -> Snapshots:
        """The same scopes and copies with locks of its own (an asyncio lock belongs to one event loop): for the
        refresher, which runs in its own thread so that computing never stalls the polls' event loop."""
        twin = copy.copy(self)
        twin.locks = defaultdict(asyncio.Lock)
        return twin

    async def run(self, sessions: Sessions, stopped: threading.Event, tick_seconds: float = 1.0, *,
                  from_table: bool = False, beat: Callable[[], None] | None = None) -> None:
        """The background refresher's loop, until `stopped` is set: the scopes this process saw polled (a thread
        of the polling process), or those the table says were polled (`from_table`: a process of its own, which
        calls `beat` after each round that reached the database: its liveness, cwm_kit.alive)."""
        while not stopped.is_set():
            if from_table:
                try:
                    await self.refresh_due(sessions)
                except Exception:  # the database away for a moment: the next tick tries again
                    log.exception("statistics refresher: could not find the due scopes")
                else:
                    if beat is not None:
                        beat()
                self.memory.clear()  # this process answers no poll: nothing to keep
            else:
                await self.refresh_polled(sessions)
            await asyncio.sleep(tick_seconds)
