from datetime import date

from sqlalchemy import CheckConstraint, Date, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from registry.models import Base
from registry.worker_records import WorkerRecord

# 党纪处分 (警告/严重警告, 撤销党内职务, 留党察看, 开除党籍), 政务处分 (警告…降级, 撤职, 开除), other serious
# violations, criminal liability and a sentence. Which kinds raise the exit flag is the `exit.discipline` rule.
DISCIPLINE_KINDS = ("party_warning", "party_post_revoked", "party_probation", "expelled_from_party",
                    "gov_minor", "gov_dismissal", "gov_expulsion", "serious_violation", "criminal_liability",
                    "sentenced")


class DisciplineRecord(WorkerRecord, Base):
    """A dated discipline or criminal record of a worker (NX 三; IM art.37(五); SS 二(四)5)."""

    __tablename__ = "discipline_record"
    __table_args__ = (CheckConstraint(f"kind IN {DISCIPLINE_KINDS}", name="kind_known"),
                      Index("ix_discipline_record_community", "community_code", "record_date"))

    kind: Mapped[str] = mapped_column(String(32))
    record_date: Mapped[date] = mapped_column(Date)
    issuing_body: Mapped[str] = mapped_column(String(128))
    summary: Mapped[str] = mapped_column(String(1000))
