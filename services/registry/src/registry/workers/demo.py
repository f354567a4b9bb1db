"""Deterministic demo workers for the demo communities (NX and Songshan), loaded in bulk.

The same seed gives the same people every time: national IDs are valid (check character computed),
worker ids are uuid5 of the national ID, and a second run inserts nothing (existing ids are skipped).
Variety on purpose: every post, education level and certificate; service across two communities,
with and without a break; probationers; 一肩挑 secretaries; mountain-county workers; a leaver.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from registry import demo_regions

from . import national_id, seniority
from .models import (CertificateRecord, EducationRecord, HonourRecord, PostPeriod, ServicePeriod, StatusPeriod,
                     Worker, YijiantiaoPeriod)
from .schemas import CERTIFICATE_RANK, EDUCATION_RANK
from .service import add_years, worker_uuid

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔汤庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍申尤毕聂柴焦向柳邢"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉波宁晶梅莉慧建新文斌"
ETHNICITIES = ["汉族"] * 7 + ["回族"] * 3 + ["蒙古族"]
POLITICAL = ["中共党员", "中共党员", "群众", "共青团员", "中共预备党员"]
INSTITUTIONS = ["宁夏大学", "北方民族大学", "宁夏师范学院", "内蒙古大学", "赤峰学院", "宁夏广播电视大学"]
# The demo worker login is this person (see registry.seed.DEMO_WORKER_LOGINS).
DEMO_WORKER_COMMUNITY = "640104001001"
SEED = 2025
# Where the demo wages are paid (代发工资): a made-up card number per person, derived from the ID number and not
# from the random stream, so every other demo value stays what it was.
BANKS = {"64": ("中国农业银行", "622848"), "15": ("中国建设银行", "621700")}


def _uuid(*parts: Any) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, "cwm-demo:" + ":".join(str(p) for p in parts))


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def demo_workers(seed: int = SEED) -> dict[str, list[dict[str, Any]]]:
    """Every demo row, per table name, as plain dicts ready for a bulk insert."""
    rng = random.Random(seed)
    regions = demo_regions.regions()
    communities = [r["code"] for r in regions if r["level"] == "community"]
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in (
        "worker", "worker_status_history", "worker_post_history", "worker_yijiantiao_history",
        "worker_service_period", "worker_education", "worker_certificate", "worker_honour")}
    used_ids: set[str] = set()
    index = 0
    for community in communities:
        ss = community.startswith("150404")
        posts = ["ss_head", "ss_deputy", "ss_staff", "ss_staff"] if ss else \
            ["nx_head", rng.choice(["nx_deputy", "nx_member"]), "nx_staff"]
        for post in posts:
            _one_worker(rng, tables, used_ids, community, communities, post, index)
            index += 1
    return tables


def _unused_id(rng: random.Random, used_ids: set[str], community: str, birth: date, sex_male: bool) -> str:
    while True:
        sequence = rng.randrange(0, 500) * 2 + (1 if sex_male else 0)
        number = national_id.make(community[:6], birth, sequence)
        if number not in used_ids:
            used_ids.add(number)
            return number


def _histories(tables: dict[str, list[dict]], number: str, worker_id: uuid.UUID, index: int, post: str,
               head_role: str | None, status: str, hired_on: date, exit_date: date | None, exit_reason: str | None,
               current_end: date | None, yijiantiao: bool, periods: list[tuple[str, date, date | None]],
               education: list[dict], certificates: list[dict]) -> None:
    """A demo worker's status, post, 一肩挑, service, education, certificate and honour rows."""
    head = post.endswith("_head")
    if status == "resigned":
        tables["worker_status_history"] += [
            {"id": _uuid(number, "status", 0), "worker_id": worker_id, "status": "active", "from_date": hired_on,
             "to_date": exit_date - timedelta(days=1), "reason": None},
            {"id": _uuid(number, "status", 1), "worker_id": worker_id, "status": "resigned", "from_date": exit_date,
             "to_date": None, "reason": exit_reason}]
    else:
        tables["worker_status_history"].append({"id": _uuid(number, "status", 0), "worker_id": worker_id,
                                                "status": status, "from_date": hired_on, "to_date": None,
                                                "reason": None})
    tables["worker_post_history"].append({"id": _uuid(number, "post", 0), "worker_id": worker_id, "post": post,
                                          "head_role": head_role, "from_date": hired_on, "to_date": current_end})
    if yijiantiao:
        tables["worker_yijiantiao_history"].append({"id": _uuid(number, "yjt"), "worker_id": worker_id,
                                                    "from_date": hired_on, "to_date": None})
    for n, (code, start, end) in enumerate(periods):
        tables["worker_service_period"].append({"id": _uuid(number, "service", n), "worker_id": worker_id,
                                                "community_code": code, "start_date": start, "end_date": end})
    for n, record in enumerate(education):
        tables["worker_education"].append({"id": _uuid(number, "edu", n), "worker_id": worker_id, **record})
    for n, record in enumerate(certificates):
        tables["worker_certificate"].append({"id": _uuid(number, "cert", n), "worker_id": worker_id, **record})
    if head and index % 5 == 0:
        tables["worker_honour"].append({"id": _uuid(number, "honour"), "worker_id": worker_id,
                                        "level": "central" if index % 15 == 0 else "regional_government",
                                        "title": "全国和谐社区建设示范社区带头人" if index % 15 == 0 else "自治区优秀社区工作者",
                                        "awarded_on": date(2018 + index % 6, 9, 1)})



def _one_worker(rng: random.Random, tables: dict[str, list[dict]], used_ids: set[str], community: str,
                communities: list[str], post: str, index: int) -> None:
    birth = _day(rng, date(1968, 1, 1), date(2000, 12, 31))
    sex_male = rng.random() < 0.45
    number = _unused_id(rng, used_ids, community, birth, sex_male)
    identity = national_id.parse(number)
    worker_id = worker_uuid(number)
    head = post.endswith("_head")
    ss = community.startswith("150404")
    term = (5 if post != "ss_staff" else 3) if ss else rng.choice([3, 3, 5])
    earliest = max(date(birth.year + 22, 1, 1), date(2005, 1, 1))
    hired_on = _day(rng, min(earliest, date(2024, 6, 30)), date(2025, 6, 30))
    # A few probationers hired recently (index-based so they are spread over the regions).
    probation_end = None
    status = "active"
    if index % 37 == 5:
        hired_on = date(2026, 7, 1) + timedelta(days=index % 30)
        probation_end = hired_on + timedelta(days=182)
        status = "probation"
    exit_date = exit_reason = None
    if index % 53 == 7 and hired_on < date(2024, 6, 1):
        status, exit_date, exit_reason = "resigned", date(2025, 3, 1), "个人原因辞职"

    periods: list[tuple[str, date, date | None]] = []
    kind = index % 6
    if kind in (1, 2) and hired_on.year > 2012:
        # Earlier service in another community of the same province: contiguous (1) or after a break (2).
        previous = rng.choice([c for c in communities if c[:2] == community[:2] and c != community])
        prior_end = hired_on - timedelta(days=1 if kind == 1 else rng.randrange(200, 900))
        prior_start = prior_end - timedelta(days=rng.randrange(400, 2500))
        periods.append((previous, prior_start, prior_end))
    current_end = exit_date - timedelta(days=1) if exit_date else None
    periods.append((community, hired_on, current_end))
    closed, open_since = seniority.summary(periods, community[:2])

    # The first day of the current continuous service (the last run: a contiguous earlier period joins it).
    education = _education(rng, birth, index, seniority.merged_runs(periods, community[:2])[-1][0])
    certificates = _certificates(rng, hired_on, index)
    yijiantiao = head and index % 4 == 0 and status != "resigned"
    # A head post records its office: 一肩挑 both, otherwise the secretary or the director (CENTRAL §13).
    head_role = ("both" if yijiantiao else ("secretary", "director")[index % 2]) if head else None
    row = {
        "id": worker_id, "national_id": number, "name": rng.choice(SURNAMES) + "".join(
            rng.choice(GIVEN) for _ in range(rng.choice([1, 2]))),
        "sex": identity.sex, "birth_date": identity.birth_date, "ethnicity": rng.choice(ETHNICITIES),
        "political_status": "中共党员" if head else rng.choice(POLITICAL),
        "phone": f"1{rng.choice([38, 39, 55, 58, 77, 86, 89])}{rng.randrange(10**8):08d}",
        "community_code": community, "post": post, "post_since": hired_on, "yijiantiao": yijiantiao,
        "head_role": head_role, "committee_member": not post.endswith("_staff"),
        "status": status, "status_since": exit_date or hired_on,
        "education_level": max((e["level"] for e in education), key=EDUCATION_RANK.__getitem__, default=None),
        "certificate_level": max((c["level"] for c in certificates), key=CERTIFICATE_RANK.__getitem__, default=None),
        "hired_on": hired_on, "contract_term_years": term, **_contract(hired_on, term, status, index),
        "probation_end": probation_end,
        "exit_date": exit_date, "exit_reason": exit_reason, "service_days_closed": closed,
        "service_open_since": open_since, "version": 1, **_bank(number, community),
    }
    tables["worker"].append(row)
    _histories(tables, number, worker_id, index, post, head_role, status, hired_on, exit_date, exit_reason,
               current_end, yijiantiao, periods, education, certificates)


# Contracts of the demo's workers in post were renewed term after term up to this day (fixed, so the demo is the
# same whenever it is loaded); a few were left to lapse, so the to-do page has overdue decisions to show.
RENEWED_UNTIL = date(2026, 9, 1)


def _contract(hired_on: date, term: int, status: str, index: int) -> dict[str, date]:
    start, end = hired_on, add_years(hired_on, term) - timedelta(days=1)
    if status in ("active", "probation") and index % 23 != 4:
        while end < RENEWED_UNTIL:
            start = end + timedelta(days=1)
            end = add_years(start, term) - timedelta(days=1)
    return {"contract_start": start, "contract_end": end}


@lru_cache(maxsize=1)
def _region_names() -> dict[str, str]:
    return {r["code"]: r["name"] for r in demo_regions.regions()}


def _bank(number: str, community: str) -> dict[str, str]:
    bank, bin_ = BANKS.get(community[:2], BANKS["64"])
    digits = int(hashlib.sha256(number.encode()).hexdigest(), 16) % 10**13
    branch = _region_names().get(community[:6], community[:6]) + "支行"
    return {"bank_name": bank, "bank_branch": branch, "bank_account": f"{bin_}{digits:013d}"}


def _education(rng: random.Random, birth: date, index: int, service_start: date) -> list[dict[str, Any]]:
    level = rng.choices(["below_dazhuan", "dazhuan", "benke", "master", "doctor"], weights=[8, 30, 50, 10, 2])[0]
    graduated = date(birth.year + {"below_dazhuan": 19, "dazhuan": 21, "benke": 22, "master": 25, "doctor": 28}[level], 7, 1)
    records = [{"level": level, "institution": rng.choice(INSTITUTIONS), "graduated_on": graduated}]
    if level == "dazhuan" and index % 3 == 0:
        # A bachelor's degree by part-time study, years after the first.
        records.append({"level": "benke", "institution": "宁夏广播电视大学",
                        "graduated_on": min(date(birth.year + 30, 1, 15), date(2025, 1, 15))})
    # in_service as the registry derives it (POLICY.md §4): obtained after the current service began. Payroll's
    # grade goes by these dates whatever the flag; the flag only has to say the same.
    return [{**record, "in_service": record["graduated_on"] > service_start} for record in records]


def _certificates(rng: random.Random, hired_on: date, index: int) -> list[dict[str, Any]]:
    if index % 3 == 2:
        return []
    first = _day(rng, hired_on, max(hired_on, date(2025, 10, 1)))
    records = [{"level": "assistant_social_worker", "approved_on": first}]
    if index % 4 == 0 and first < date(2023, 1, 1):
        records.append({"level": "social_worker", "approved_on": _day(rng, first + timedelta(days=365), date(2025, 6, 30))})
    if index % 29 == 0:
        if len(records) == 1:
            records.append({"level": "social_worker", "approved_on": max(first, date(2024, 6, 1))})
        records.append({"level": "senior_social_worker", "approved_on": max(records[-1]["approved_on"],
                                                                            date(2025, 8, 1))})
    return records


MODELS = {
    "worker": Worker, "worker_status_history": StatusPeriod, "worker_post_history": PostPeriod,
    "worker_yijiantiao_history": YijiantiaoPeriod, "worker_service_period": ServicePeriod,
    "worker_education": EducationRecord, "worker_certificate": CertificateRecord, "worker_honour": HonourRecord,
}


async def seed_workers(session: AsyncSession) -> None:
    """Insert the demo workers that are not there yet (bulk, one statement per table)."""
    tables = demo_workers()
    existing = set((await session.scalars(select(Worker.id).where(
        Worker.id.in_([row["id"] for row in tables["worker"]])))).all())
    for name, model in MODELS.items():
        rows = [row for row in tables[name] if (row["id"] if name == "worker" else row["worker_id"]) not in existing]
        if rows:
            await session.execute(insert(model), rows)


def demo_worker_for_login(seed: int = SEED) -> uuid.UUID:
    """The staff member of the demo community the `xq_worker` login belongs to."""
    for row in demo_workers(seed)["worker"]:
        if row["community_code"] == DEMO_WORKER_COMMUNITY and row["post"] == "nx_staff":
            return row["id"]
    raise LookupError("no demo staff worker in " + DEMO_WORKER_COMMUNITY)
