"""Today is China's date (UTC+8) whatever the server's zone, and the services take it from that one function: the
servers run in UTC, where from 16:00 to midnight the server's date is still the day before China's."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from cwm_kit import dates

ROOT = Path(__file__).resolve().parents[3]


def at(moment: datetime):
    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return moment.astimezone(tz) if tz is not None else moment.replace(tzinfo=None)

    return Clock


@pytest.mark.parametrize(("moment", "expected"), [
    (datetime(2026, 12, 2, 15, 59, 59, tzinfo=UTC), date(2026, 12, 2)),  # 23:59:59 in Beijing
    (datetime(2026, 12, 2, 16, 0, tzinfo=UTC), date(2026, 12, 3)),       # midnight in Beijing
    (datetime(2026, 12, 2, 17, 0, tzinfo=UTC), date(2026, 12, 3)),
    (datetime(2026, 12, 31, 23, 30, tzinfo=UTC), date(2027, 1, 1)),
])
def test_today_in_china_turns_at_16_00_utc(monkeypatch, moment, expected):
    monkeypatch.setattr(dates, "datetime", at(moment))
    assert dates.today_in_china() == expected


# The server's own date, or SQL's date in the session's zone (UTC), where a business date is meant.
SERVER_DATE = re.compile(r"\bdate\.today\(|\bdatetime\.today\(|\bdatetime\.now\(\s*\)|(?i:\bcurrent_date\b)|"
                         r"\bnow\(\)::date\b|\blocaltime\(")


def test_no_service_source_takes_the_servers_date():
    sources = [*ROOT.glob("services/*/src/**/*.py"), *ROOT.glob("libs/*/src/**/*.py")]
    assert len(sources) > 100  # the tree was found
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in sources
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if SERVER_DATE.search(line)]
    assert found == [], "use cwm_kit.dates.today_in_china():\n" + "\n".join(found)
