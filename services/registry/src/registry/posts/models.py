from sqlalchemy import Boolean, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from registry.models import Base


class PostDefinition(Base):
    """One post of a jurisdiction's catalogue (POLICY.md §4). The catalogue is data: the rows whose
    `jurisdiction_prefix` is the longest prefix of a community's code apply to that community."""

    __tablename__ = "post_definition"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    jurisdiction_prefix: Mapped[str] = mapped_column(String(12), index=True)
    label_zh: Mapped[str] = mapped_column(String(64))
    label_en: Mapped[str] = mapped_column(String(64))
    # 两委专职成员 (party organisation / residents' committee member) rather than community staff.
    committee: Mapped[bool] = mapped_column(Boolean)
    # 正职: the secretary / committee director, the only post that can hold both roles (一肩挑).
    head: Mapped[bool] = mapped_column(Boolean, default=False)
    # Contract term for a new contract on this post; NULL where the policy text gives none (must be typed).
    contract_term_years: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    rank: Mapped[int] = mapped_column(SmallInteger, default=0)
