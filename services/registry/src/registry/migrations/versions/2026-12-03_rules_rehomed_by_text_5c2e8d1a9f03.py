"""Rule documents re-homed to the text that states them (issue 13 item 1): Inner Mongolia's and Songshan's
numbers no longer ship at the national prefix; each document holds only its text's keys (resolved key by key,
most specific prefix first) and quotes the clause per key (`clauses`). Officer-added versions are kept.

Revision ID: 5c2e8d1a9f03
Revises: a6e1b9c4d275
Create Date: 2026-12-03 09:00:00
"""
from datetime import date

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '5c2e8d1a9f03'
down_revision = 'a6e1b9c4d275'
branch_labels = None
depends_on = None

STEPS = ["plan", "announcement", "registration", "exam", "medical", "background_check", "public_notice"]
RELAXABLE = ["local_party_member", "volunteer", "veteran", "social_organisation_head", "owners_committee_member"]
PRIORITY = ["certified_social_worker", "urgently_needed_specialist", "grid_worker_in_post"]
DISQUALIFIED = ["illegal_or_cult_organisation", "speech_against_party_line", "criminal_record",
                "pending_criminal_case", "expelled_party_military_or_office", "credit_blacklist", "other_unfit"]
FORBIDDEN = ["county", "city", "province", "central"]

# The shipped rows before this revision, removed exactly (kind, prefix, effective_from, source).
OLD = [
    ("quota.county", "", "2024-01-01", "CENTRAL §3; NX; IM art.5"),
    ("quota.community", "150404", "2022-01-01", "SS"),
    ("training.requirement", "15", "2024-08-21", "IM art.20"),
    ("training.requirement", "150404", "2022-01-01", "SS"),
    ("training.requirement", "64", "2024-12-27", "NX"),
    ("secondment.limits", "", "2024-03-28", "CENTRAL §17; NX; IM art.24; SS"),
    ("visits.minimum", "150404", "2022-01-01", "SS"),
    ("reserve.ratio", "64", "2024-12-27", "NX"),
    ("recruitment.procedure", "", "2024-01-01", "IM art.8"),
    ("recruitment.eligibility", "", "2024-01-01", "IM art.9–11"),
    ("contract.renewal", "", "2024-01-01", "SS; NX"),
    ("career.track", "", "2024-03-28", "CENTRAL §13; NX; IM art.32"),
    ("exit.assessment", "", "2024-01-01", "NX; IM art.37; SS"),
    ("exit.assessment", "", "2024-08-21", "IM art.37(一) 「试用期满考核不合格」; NX 退出机制; SS"),
    ("certification.targets", "64", "2024-12-27", "NX"),
]

# A frozen copy of registry.quota.rule_defaults as of this revision (migrations never import application code).
NEW = [
    ("quota.county", "", "2024-03-28", "CENTRAL §3", {"per_10000_urban_residents": 18},
     {"per_10000_urban_residents": "§3 「按照每万城镇常住人口拥有社区工作者18人的标准配备，市地级或县级层面实行总量控制」"}),
    ("quota.community", "150404", "2022-01-01", "SS 二(三)1", {"households_per_worker": 300, "minimum": 6},
     {"households_per_worker": "「依据社区常住户数，每300户左右配备1人」", "minimum": "「每个社区最少不低于6人」"}),
    ("training.requirement", "15", "2024-08-21", "IM art.20",
     {"hours_per_day": 8, "yearly_hours": {"ss_head": 56, "default": 40}, "initial_hours": 24,
      "initial_before_start": True},
     {"yearly_hours": "art.20 「书记、主任…累计不少于56学时，其他社区工作者…不少于40学时」",
      "initial_hours": "art.20 「新选聘的社区工作者上岗前应当接受不少于24学时的集中脱产培训」",
      "initial_before_start": "art.20 「上岗前」", "hours_per_day": "reading: one training day = 8 study hours"}),
    ("training.requirement", "150404", "2022-01-01", "SS 二(四)1",
     {"hours_per_day": 8, "yearly_days": {"ss_head": 7, "default": 5}},
     {"yearly_days": "「社区党组织书记、居委会主任每年培训时间不少于7天，其他社区工作者每年培训时间不少于5天」",
      "hours_per_day": "reading: one training day = 8 study hours"}),
    ("training.requirement", "64", "2024-12-27", "NX 二 健全培训机制",
     {"hours_per_day": 8, "yearly_days": {"nx_head": 1, "default": 0}, "initial_days": 3},
     {"yearly_days": "「每年按照2:3:5的比例对社区党组织书记、居民委员会主任全覆盖培训1次」 (read: one day)",
      "initial_days": "「新选聘社区工作者参加不少于3天的初任培训」",
      "hours_per_day": "reading: one training day = 8 study hours"}),
    ("secondment.limits", "", "2024-03-28", "CENTRAL §17",
     {"forbidden_borrower_levels": FORBIDDEN, "approval_required": True},
     {"forbidden_borrower_levels": "§17 「县级以上机关事业单位不得借调社区工作者」",
      "approval_required": "§17 「街道（乡镇）确需借调的，按程序报请县级党委社会工作部门批准」"}),
    ("secondment.limits", "15", "2024-08-21", "IM art.24", {"max_months": 3},
     {"max_months": "art.24 「借调时间不得超过3个月」"}),
    ("secondment.limits", "150404", "2022-01-01", "SS 二(四)2", {"max_concurrent_per_community": 2},
     {"max_concurrent_per_community": "「同一时期同一社区借调人员不得超过2人」"}),
    ("visits.minimum", "150404", "2022-01-01", "SS 二(四)2", {"households_per_month": 30},
     {"households_per_month": "「社区工作者每人每月走访联系服务居民不少于30户」"}),
    ("reserve.ratio", "64", "2024-12-27", "NX 一 严格政治把关", {"candidates_per_secretary_post": 3},
     {"candidates_per_secretary_post": "「街道(乡镇)按照1:3比例建立社区党组织书记后备人才库」"}),
    ("recruitment.procedure", "15", "2024-08-21", "IM art.8",
     {"steps": STEPS, "review_by_parent_for_levels": ["county"]},
     {"steps": "art.8 (一)–(七)", "review_by_parent_for_levels": "art.8 「由旗县(市、区)组织招聘的，招聘方案应当经盟市党委"
                                                                 "社会工作部门审核」"}),
    ("recruitment.eligibility", "15", "2024-08-21", "IM art.9–11",
     {"max_age": 40, "min_education": "dazhuan", "relaxable_groups": RELAXABLE, "priority_groups": PRIORITY,
      "disqualifications": DISQUALIFIED},
     {"max_age": "art.9(二) 「年龄一般在40周岁以下」", "min_education": "art.9(四) 「具有大学专科以上学历」",
      "relaxable_groups": "art.9 「…经街道(苏木乡镇)推荐，可以适当放宽年龄和学历要求」",
      "priority_groups": "art.10", "disqualifications": "art.11 (一)–(六)"}),
    ("contract.probation", "", "2008-01-01", "Labour Contract Law art.19",
     {"max_months_by_term": [{"term_months_from": 3, "max_months": 1}, {"term_months_from": 12, "max_months": 2},
                             {"term_months_from": 36, "max_months": 6}]},
     {"max_months_by_term": "art.19 「劳动合同期限三个月以上不满一年的，试用期不得超过一个月；劳动合同期限一年以上不满三年的，"
                            "试用期不得超过二个月；三年以上固定期限和无固定期限的劳动合同，试用期不得超过六个月」"}),
    ("contract.renewal", "", "2024-01-01", "operational (no policy text sets a notice window)",
     {"window_days": 90}, {"window_days": "none: how early officers are reminded"}),
    ("contract.renewal", "150404", "2022-01-01", "SS 二(四)5", {"min_result": "competent", "lookback_years": 1},
     {"min_result": "「聘期满考核合格以上等次的可续聘」", "lookback_years": "reading: the last annual result"}),
    ("career.track", "", "2024-03-28", "CENTRAL §13",
     {"min_service_years": 10, "secretary_term_years": 5, "secretary_posts": ["nx_head", "ss_head"],
      "required_result": "excellent", "result_lookback_years": 3},
     {"min_service_years": "§13 「在社区连续工作10年以上」",
      "secretary_term_years": "§13 「任社区党组织书记满一届」 (a community party organisation's term is 5 years)",
      "required_result": "§13 「表现优秀」 (read: an 优秀 result)", "result_lookback_years": "reading",
      "secretary_posts": "reading: the head posts of the catalogues"}),
    ("exit.assessment", "64", "2024-12-27", "NX 三 完善退出机制",
     {"consecutive_incompetent_years": 2, "probation_fail_results": ["incompetent"]},
     {"consecutive_incompetent_years": "「连续2个年度考核为不合格等次的」", "probation_fail_results": "「试用期满考核不合格的」"}),
    ("exit.assessment", "15", "2024-08-21", "IM art.37",
     {"consecutive_incompetent_years": 2, "probation_fail_results": ["incompetent"]},
     {"consecutive_incompetent_years": "art.37(二) 「连续两年考核不合格」",
      "probation_fail_results": "art.37(一) 「试用期满考核不合格」"}),
    ("exit.assessment", "150404", "2022-01-01", "SS 二(四)5", {"consecutive_incompetent_years": 2},
     {"consecutive_incompetent_years": "「一个聘期内连续两年考核不合格的」"}),
    ("certification.targets", "64", "2024-12-27", "NX 一 开展职业评价",
     {"targets": [{"year": 2025, "share": "0.35"}, {"year": 2030, "share": "0.50"}]},
     {"targets": "「到2025年持证社区工作者占比达到35%，力争到2030年达到50%」"}),
]


def _table():
    return sa.table('management_rule', sa.column('kind', sa.String), sa.column('region_prefix', sa.String),
                    sa.column('effective_from', sa.Date), sa.column('source', sa.String),
                    sa.column('params', postgresql.JSONB), sa.column('clauses', postgresql.JSONB))


def _delete(rows) -> None:
    bind = op.get_bind()
    for kind, prefix, effective, source, *_ in rows:
        bind.execute(sa.text("DELETE FROM management_rule WHERE kind = :k AND region_prefix = :p "
                             "AND effective_from = :d AND source = :s"),
                     {"k": kind, "p": prefix, "d": date.fromisoformat(effective), "s": source})


def upgrade() -> None:
    op.add_column('management_rule', sa.Column('clauses', postgresql.JSONB(astext_type=sa.Text()), nullable=True))
    _delete(OLD)
    bind = op.get_bind()
    table = _table()
    for kind, prefix, effective, source, params, clauses in NEW:
        # An officer's version already at the same (kind, prefix, date) stays; the shipped one is not added.
        exists = bind.execute(sa.text("SELECT 1 FROM management_rule WHERE kind = :k AND region_prefix = :p "
                                      "AND effective_from = :d"),
                              {"k": kind, "p": prefix, "d": date.fromisoformat(effective)}).first()
        if exists is None:
            bind.execute(table.insert().values(kind=kind, region_prefix=prefix, effective_from=date.fromisoformat(
                effective), source=source, params=params, clauses=clauses))


def downgrade() -> None:
    # The old rows are not restored: they attached Inner Mongolian and Songshan numbers to every province.
    _delete(NEW)
    op.drop_column('management_rule', 'clauses')
