"""The shipped rule documents (POLICY.md §2, §3, §6, §7, §9, §10). Loaded by the migration that creates
the rule table and by `registry.seed`; changing a number later is a new row with a later effective date.

Each entry: (kind, region_prefix, effective_from, source, params).
"""

from __future__ import annotations

EDUCATION_ORDER = ["below_dazhuan", "dazhuan", "benke", "master", "doctor"]

RELAXABLE_GROUPS = ["local_party_member", "volunteer", "veteran", "social_organisation_head",
                    "owners_committee_member"]
PRIORITY_GROUPS = ["certified_social_worker", "urgently_needed_specialist", "grid_worker_in_post"]
DISQUALIFICATIONS = ["illegal_or_cult_organisation", "speech_against_party_line", "criminal_record",
                     "pending_criminal_case", "expelled_party_military_or_office", "credit_blacklist",
                     "other_unfit"]
RECRUITMENT_STEPS = ["plan", "announcement", "registration", "exam", "medical", "background_check",
                     "public_notice"]

DEFAULT_RULES: list[tuple[str, str, str, str, dict]] = [
    # §2 quota: 18 per 10,000 urban residents, controlled at county level.
    ("quota.county", "", "2024-01-01", "CENTRAL §3; NX; IM art.5",
     {"per_10000_urban_residents": 18}),
    # SS: about one per 300 households, at least 6 per community.
    ("quota.community", "150404", "2022-01-01", "SS",
     {"households_per_worker": 300, "minimum": 6}),
    # §6 training: yearly hours by post ("default" = every other post), initial hours for new hires.
    ("training.requirement", "15", "2024-08-21", "IM art.20",
     {"hours_per_day": 8, "yearly_hours": {"ss_head": 56, "nx_head": 56, "default": 40}, "initial_hours": 24,
      "initial_before_start": True}),
    ("training.requirement", "150404", "2022-01-01", "SS",
     {"hours_per_day": 8, "yearly_days": {"ss_head": 7, "default": 5}, "initial_hours": 24,
      "initial_before_start": True}),
    # NX: ≥ 3 days initial; secretaries trained yearly (read here as at least one day a year).
    ("training.requirement", "64", "2024-12-27", "NX",
     {"hours_per_day": 8, "yearly_days": {"nx_head": 1, "default": 0}, "initial_days": 3}),
    # §7 secondment limits.
    ("secondment.limits", "", "2024-03-28", "CENTRAL §17; NX; IM art.24; SS",
     {"max_months": 3, "max_concurrent_per_community": 2,
      "forbidden_borrower_levels": ["county", "city", "province", "central"], "approval_required": True}),
    # §7 household visits.
    ("visits.minimum", "150404", "2022-01-01", "SS", {"households_per_month": 30}),
    # §3 NX reserve pool of party-secretary candidates, 1:3.
    ("reserve.ratio", "64", "2024-12-27", "NX", {"candidates_per_secretary_post": 3}),
    # §3 recruitment (IM art.8–12; applied nationally as the shipped default).
    ("recruitment.procedure", "", "2024-01-01", "IM art.8",
     {"steps": RECRUITMENT_STEPS, "review_by_parent_for_levels": ["county"],
      # Labour Contract Law art.19: at most 6 months for a term of 3 years or more.
      "probation_months": 6}),
    ("recruitment.eligibility", "", "2024-01-01", "IM art.9–11",
     {"max_age": 40, "min_education": "dazhuan", "relaxable_groups": RELAXABLE_GROUPS,
      "priority_groups": PRIORITY_GROUPS, "disqualifications": DISQUALIFICATIONS}),
    # §3 terms and renewal; §9 contract flags.
    ("contract.renewal", "", "2024-01-01", "SS; NX",
     {"window_days": 90, "min_result": "competent", "lookback_years": 1}),
    # §10 career track.
    ("career.track", "", "2024-03-28", "CENTRAL §13; NX; IM art.32",
     {"min_service_years": 10, "secretary_term_years": 5, "secretary_posts": ["nx_head", "ss_head"],
      "required_result": "excellent", "result_lookback_years": 3}),
    # §4 which years of community service count (registry.workers.seniority; issue 10). Default: across the
    # province, breaks not bridged (CENTRAL §4 「省内流动的，社区工作年限可累计计算」), also before 2024 (no
    # earlier text was read). SS from 2022: only Songshan communities (「在松山区辖区内社区的工作年限」, breaks
    # 「中断年限不予连续计算」). IM from 2024-08-21: across the region (art.23 「跨盟市流动,工作年限累计计算」);
    # a region-level text of later date overrides the district's narrower scope, so the 150404 row of that
    # date carries it (the most specific prefix would otherwise keep SS's 2022 scope).
    ("service.counting", "", "1978-01-01", "CENTRAL §4", {"scope_digits": 2, "bridge_breaks": False}),
    ("service.counting", "150404", "2022-01-01", "SS 三.1, 三.4(1)", {"scope_digits": 6, "bridge_breaks": False}),
    ("service.counting", "15", "2024-08-21", "IM art.23", {"scope_digits": 2, "bridge_breaks": False}),
    ("service.counting", "150404", "2024-08-21", "IM art.23 (over SS 三.1)",
     {"scope_digits": 2, "bridge_breaks": False}),
    # §9 exit: consecutive incompetent years.
    ("exit.assessment", "", "2024-01-01", "NX; IM art.37; SS",
     {"consecutive_incompetent_years": 2, "probation_fail_results": ["incompetent", "basically_competent"]}),
    # Only 不合格 fails probation (issue 10): IM art.37(一) and NX both say 「试用期满考核不合格」; 基本合格 is a
    # different result and does not fail it. A later version (the IM text's date) replaces the first reading.
    ("exit.assessment", "", "2024-08-21", "IM art.37(一) 「试用期满考核不合格」; NX 退出机制; SS",
     {"consecutive_incompetent_years": 2, "probation_fail_results": ["incompetent"]}),
    # §10 retirement: the 2024 gradual reform (from 2025-01-01, +1 month every 4 months for men 60→63 and
    # women 55→58; community workers are read as the 55-year women's category).
    ("retirement.age", "", "1978-01-01", "State Council gradual retirement-age reform 2024",
     {"reform_start": "2025-01", "by_sex": {
         "M": {"base_age_months": 720, "max_delay_months": 36, "months_per_step": 4},
         "F": {"base_age_months": 660, "max_delay_months": 36, "months_per_step": 4}}}),
    # §6 certification targets (NX).
    ("certification.targets", "64", "2024-12-27", "NX",
     {"targets": [{"year": 2025, "share": "0.35"}, {"year": 2030, "share": "0.50"}]}),
    # Separation of duties (maker–checker, issue 11): every rule on nationally; a province may relax one by
    # publishing a version with it false (cwm_kit.duties, docs/roles.md).
    ("duties.separation", "", "2000-01-01", "issue 11 (internal control; no policy text sets these)",
     {"run_preparer_not_approver": True, "run_approver_not_payer": True, "scheme_drafter_not_publisher": True,
      "assessment_proposer_not_decider": True}),
]


def rule_rows() -> list[dict]:
    from datetime import date

    return [{"kind": k, "region_prefix": p, "effective_from": date.fromisoformat(d), "source": s, "params": params}
            for k, p, d, s, params in DEFAULT_RULES]
