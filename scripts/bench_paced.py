"""Open-loop, constant-rate load for dashboard polls (issue 15): N browsers each polling one URL every
`--period` seconds (10,000 browsers every 30 s: 333 req/s), half of them sending back the ETag they last got
(If-None-Match, as a browser's cache does; before the first request they hold the ETag of a poll made just
before the run, as a browser that polled 30 s ago would).

Requests are sent on a fixed schedule (request i at start + i / rate, browser i mod N) whatever the answers
do, and each request's latency is measured from its SCHEDULED send time to the end of its answer: a request
delayed because the generator, a connection or the server was busy counts that delay (no coordinated
omission; a closed-loop tool such as wrk only measures the requests it got round to sending). Plain HTTP/1.1
over asyncio streams on keep-alive connections (a free one, else a new one up to `--max-connections`; a
`--warmup` of the same load first, not counted, opens them as the browsers' already are), so the generator costs
little CPU; it reports the rate achieved and how late it got round to each request (`late_*`: its own process
starved; `send_lag_*` adds the wait for a free connection), to show it kept its schedule. It asks for a higher
CPU priority (nice -5, when allowed): the browsers are other machines, not a process queued behind the server.

Run in its own process (`bench_dashboard.py` starts it with subprocess); prints one JSON line:

    python scripts/bench_paced.py --url http://127.0.0.1:24780/api/registry/v1/stats?region=64 \
        --browsers 10000 --duration 20          # token in BENCH_TOKEN
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)  # seconds, scheduled send → answer read
    late: list[float] = field(default_factory=list)  # seconds, scheduled → the generator got round to it
    send_lag: list[float] = field(default_factory=list)  # seconds, scheduled → written (after a free connection)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0
    connections_opened: int = 0


class Pool:
    """Keep-alive connections to one host: a free one, else a new one while fewer than `limit` are open."""

    def __init__(self, host: str, port: int, limit: int, tally: Tally):
        self.host, self.port, self.limit, self.tally = host, port, limit, tally
        self.free: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
        self.open = 0
        self.available = asyncio.Condition()

    async def take(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        async with self.available:
            while not self.free and self.open >= self.limit:
                await self.available.wait()
            if self.free:
                return self.free.pop()
            self.open += 1
        try:
            connection = await asyncio.open_connection(self.host, self.port)
        except BaseException:
            await self.drop(None)
            raise
        self.tally.connections_opened += 1
        return connection

    async def give_back(self, connection: tuple[asyncio.StreamReader, asyncio.StreamWriter]) -> None:
        async with self.available:
            self.free.append(connection)
            self.available.notify()

    async def drop(self, connection: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None) -> None:
        if connection is not None:
            connection[1].close()
        async with self.available:
            self.open -= 1
            self.available.notify()


async def read_answer(reader: asyncio.StreamReader) -> tuple[int, dict[str, str], bool]:
    """(status, headers, keep-alive) of one HTTP/1.1 answer, its body read (Content-Length or chunked)."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)  # the chunk and its CRLF (the last one: just the CRLF)
            if size == 0:
                break
    elif status != 304 and status >= 200:
        await reader.readexactly(int(headers.get("content-length", "0")))
    return status, headers, headers.get("connection", "").lower() != "close"


async def one_request(pool: Pool, request: bytes, scheduled: float, tally: Tally, etags: list[str | None],
                      browser: int, timeout: float) -> None:
    connection = None
    tally.late.append(time.perf_counter() - scheduled)  # the generator's own delay (its process starved)
    try:
        async with asyncio.timeout(timeout):
            connection = await pool.take()
            reader, writer = connection
            writer.write(request)
            tally.send_lag.append(time.perf_counter() - scheduled)
            status, headers, keep = await read_answer(reader)
        tally.latencies.append(time.perf_counter() - scheduled)
        tally.statuses[status] = tally.statuses.get(status, 0) + 1
        if etags[browser] is not None and headers.get("etag"):
            etags[browser] = headers["etag"]  # a conditional browser sends back the tag it last got
        if keep:
            await pool.give_back(connection)
        else:
            await pool.drop(connection)
    except (OSError, TimeoutError, ValueError, IndexError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
        tally.errors += 1
        tally.latencies.append(time.perf_counter() - scheduled)  # an error still took this long
        if connection is not None:
            await pool.drop(connection)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


async def run(url: str, token: str, browsers: int, period: float, duration: float, conditional_share: float,
              max_connections: int, timeout: float, initial_etag: str | None, warmup: float = 2.0) -> dict:
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    base = (f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nAuthorization: Bearer {token}\r\n"
            f"Accept: application/json\r\nAccept-Encoding: gzip, deflate\r\n")
    rate = browsers / period
    conditional = round(browsers * conditional_share)
    # Browsers 0, 2, 4, ... send If-None-Match (half of them at the default share); None marks a plain one.
    step = browsers / conditional if conditional else 0
    chosen = {int(i * step) for i in range(conditional)}
    etags: list[str | None] = [(initial_etag or "") if b in chosen else None for b in range(browsers)]
    tally = Tally()
    pool = Pool(parts.hostname or "127.0.0.1", parts.port or 80, max_connections, tally)
    total, first = int(rate * (warmup + duration)), int(rate * warmup)
    tasks = []
    start = time.perf_counter() + 0.05
    throwaway = Tally()  # the warm-up's (connections opened, as the browsers' already are)
    for i in range(total):
        scheduled = start + i / rate
        wait = scheduled - time.perf_counter()
        if wait > 0:
            await asyncio.sleep(wait)
        if i == first:
            measured_from = time.perf_counter()
        browser = i % browsers
        tag = etags[browser]
        request = (base + (f"If-None-Match: {tag}\r\n" if tag else "") + "\r\n").encode()
        tasks.append(asyncio.create_task(one_request(pool, request, scheduled, tally if i >= first else throwaway,
                                                     etags, browser, timeout)))
    sent_for = time.perf_counter() - measured_from
    await asyncio.gather(*tasks)
    for reader_writer in pool.free:
        reader_writer[1].close()
    return {"url": url, "browsers": browsers, "period_s": period, "conditional_browsers": conditional,
            "target_rps": round(rate, 1), "requests": total - first, "duration_s": round(sent_for, 2),
            "warmup_s": warmup, "achieved_rps": round(len(tally.late) / sent_for, 1) if sent_for > 0 else 0.0,
            "late_p50_ms": ms(percentile(tally.late, 50)), "late_p99_ms": ms(percentile(tally.late, 99)),
            "late_max_ms": ms(max(tally.late, default=0)),
            "send_lag_p99_ms": ms(percentile(tally.send_lag, 99)), "send_lag_max_ms": ms(max(tally.send_lag, default=0)),
            "p50_ms": ms(percentile(tally.latencies, 50)), "p90_ms": ms(percentile(tally.latencies, 90)),
            "p99_ms": ms(percentile(tally.latencies, 99)), "p999_ms": ms(percentile(tally.latencies, 99.9)),
            "max_ms": ms(max(tally.latencies, default=0)), "statuses": {str(k): v for k, v in tally.statuses.items()},
            "errors": tally.errors, "connections": tally.connections_opened + throwaway.connections_opened}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True)
    parser.add_argument("--browsers", type=int, default=10_000, help="browsers polling (default 10,000)")
    parser.add_argument("--period", type=float, default=30.0, help="seconds between a browser's polls (30)")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of load (default 10)")
    parser.add_argument("--conditional", type=float, default=0.5, help="share of browsers sending If-None-Match")
    parser.add_argument("--max-connections", type=int, default=256)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a request counts as an error")
    parser.add_argument("--etag", default=None, help="the ETag conditional browsers hold before the run")
    parser.add_argument("--warmup", type=float, default=2.0,
                        help="seconds of the same load first, not counted (connections opened, as browsers' are)")
    args = parser.parse_args()
    try:  # the browsers are other machines: the generator should not queue behind the server on shared cores
        os.setpriority(os.PRIO_PROCESS, 0, -5)
    except OSError:
        pass
    try:
        import uvloop  # a cheaper event loop when installed: the generator's own delay is part of every latency
        uvloop.install()
    except ImportError:
        pass
    result = asyncio.run(run(args.url, os.environ.get("BENCH_TOKEN", ""), args.browsers, args.period, args.duration,
                             args.conditional, args.max_connections, args.timeout, args.etag, args.warmup))
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
