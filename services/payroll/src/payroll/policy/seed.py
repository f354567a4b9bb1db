"""Shipped pay schemes (NX, SS) and demo reference figures. Idempotent.

The figures are DEMO values (labelled in `source`), not official statistics: a province enters the
published numbers through `POST /v1/reference-figures`.
"""

from __future__ import annotations

from datetime import date, datetime, UTC
from decimal import Decimal

from sqlalchemy import select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from .models import PaySchemeVersion, ReferenceFigure
from .presets import PRESETS, load
from .scheme import PayScheme

# Both languages: the SPA shows the side of the reader's language (pickLanguage).
DEMO = "演示数据，非官方统计 / DEMO value for the demonstration, not an official statistic"
# (region_code, region_name, year, kind, value, status, published_on)
DEMO_FIGURES: list[tuple[str, str, int, str, str, str, date]] = [
    # 银川市 2024: a provisional figure early in 2025, the official one at mid-year (arrears demo).
    ("6401", "银川市", 2024, "avg_wage_monthly", "8800.00", "provisional", date(2025, 1, 15)),
    ("6401", "银川市", 2024, "avg_wage_monthly", "9012.50", "official", date(2025, 6, 30)),
    ("6401", "银川市", 2024, "avg_wage_annual", "108150.00", "official", date(2025, 6, 30)),
    ("6402", "石嘴山市", 2024, "avg_wage_monthly", "8240.00", "official", date(2025, 6, 30)),
    ("6403", "吴忠市", 2024, "avg_wage_monthly", "8120.00", "official", date(2025, 6, 30)),
    ("6404", "固原市", 2024, "avg_wage_monthly", "7860.00", "official", date(2025, 6, 30)),
    ("6405", "中卫市", 2024, "avg_wage_monthly", "7950.00", "official", date(2025, 6, 30)),
    ("6401", "银川市", 2025, "avg_wage_monthly", "9300.00", "provisional", date(2026, 1, 15)),
    ("6402", "石嘴山市", 2025, "avg_wage_monthly", "8500.00", "provisional", date(2026, 1, 15)),
    ("6403", "吴忠市", 2025, "avg_wage_monthly", "8380.00", "provisional", date(2026, 1, 15)),
    ("6404", "固原市", 2025, "avg_wage_monthly", "8100.00", "provisional", date(2026, 1, 15)),
    ("6405", "中卫市", 2025, "avg_wage_monthly", "8200.00", "provisional", date(2026, 1, 15)),
    ("64", "宁夏回族自治区", 2025, "si_base_floor", "4352.00", "official", date(2025, 1, 1)),
    ("64", "宁夏回族自治区", 2025, "si_base_ceiling", "21762.00", "official", date(2025, 1, 1)),
    ("64", "宁夏回族自治区", 2026, "si_base_floor", "4500.00", "provisional", date(2026, 1, 1)),
    ("64", "宁夏回族自治区", 2026, "si_base_ceiling", "22500.00", "provisional", date(2026, 1, 1)),
    ("64", "宁夏回族自治区", 2025, "housing_fund_rate", "0.12", "official", date(2025, 1, 1)),
    ("64", "宁夏回族自治区", 2026, "housing_fund_rate", "0.12", "official", date(2026, 1, 1)),
    *[("15", "内蒙古自治区", year, kind, value, "official", date(year, 1, 1))
      for year, floor, ceiling in [(2022, "3500.00", "17500.00"), (2023, "3700.00", "18500.00"),
                                   (2024, "3900.00", "19500.00"), (2025, "4000.00", "20000.00"),
                                   (2026, "4100.00", "20500.00")]
      for kind, value in (("si_base_floor", floor), ("si_base_ceiling", ceiling))],
    *[("150404", "松山区", year, "disposable_income", value, "official", date(year + 1, 3, 1))
      for year, value in [(2021, "38000.00"), (2022, "39500.00"), (2023, "41200.00"), (2024, "43000.00"),
                          (2025, "44600.00")]],
]


async def seed_pay_schemes(session: AsyncSession) -> None:
    existing = set((await session.execute(
        select(PaySchemeVersion.region_prefix, PaySchemeVersion.effective_from)
        .where(PaySchemeVersion.created_by == "seed"))).all())
    for prefix, effective_from, file_name in PRESETS:
        if (prefix, effective_from) in existing:
            continue
        document = load(file_name)
        scheme = PayScheme.model_validate(document)  # a broken preset must fail loudly
        session.add(PaySchemeVersion(region_prefix=prefix, effective_from=effective_from, name=scheme.name,
                                     status="published", document=document, created_by="seed",
                                     published_by="seed", published_at=datetime.now(UTC)))
    await session.flush()


async def seed_reference_figures(session: AsyncSession) -> None:
    keys = [(r, y, k, s, p) for r, _, y, k, _, s, p in DEMO_FIGURES]
    existing = set((await session.execute(
        select(ReferenceFigure.region_code, ReferenceFigure.year, ReferenceFigure.kind, ReferenceFigure.status,
               ReferenceFigure.published_on)
        .where(tuple_(ReferenceFigure.region_code, ReferenceFigure.year, ReferenceFigure.kind,
                      ReferenceFigure.status, ReferenceFigure.published_on).in_(keys)))).all())
    for region_code, name, year, kind, value, status, published_on in DEMO_FIGURES:
        if (region_code, year, kind, status, published_on) not in existing:
            session.add(ReferenceFigure(region_code=region_code, region_name=name, year=year, kind=kind,
                                        value=Decimal(value), status=status, published_on=published_on,
                                        source=DEMO, created_by="seed"))
    await session.flush()
