"""The shipped rule documents (POLICY.md §2, §3, §6, §7, §9, §10). Loaded by the migration that creates
the rule table and by `registry.seed`; changing a number later is a new row with a later effective date.

"""

from __future__ import annotations

from dataclasses import dataclass

EDUCATION_ORDER = ["below_dazhuan", "dazhuan", "benke", "master", "doctor"]

RELAXABLE_GROUPS = ["local_party_member", "volunteer", "veteran", "social_organisation_head",
                    "owners_committee_member"]
PRIORITY_GROUPS = ["certified_social_worker", "urgently_needed_specialist", "grid_worker_in_post"]
DISQUALIFICATIONS = ["illegal_or_cult_organisation", "speech_against_party_line", "criminal_record",
                     "pending_criminal_case", "expelled_party_military_or_office", "credit_blacklist",
                     "other_unfit"]
RECRUITMENT_STEPS = ["plan", "announcement", "registration", "exam", "medical", "background_check",
                     "public_notice"]

# Each entry: (kind, region_prefix, effective_from, source, params, clauses). A document holds only the keys its
# text states, at the prefix of that text ("" CENTRAL 2024-03-28, "64" NX 2024-12-27, "15" IM 2024-08-21, "150404"
# SS 2022-01-01); keys resolve one by one, most specific prefix first (rules/service.py). `clauses` quotes, per key,
# the sentence that states it. docs/policy-map.md lists every rule of the texts and where it lives.
SECONDMENT_FORBIDDEN = ["county", "city", "province", "central"]
# Who must act on a secondment, in order, by the text in force (the request records each step's body and
# reference): a `review` (审核) and/or an `approve` (批准) step, each by the body the text names.
SECONDMENT_APPROVALS = {
    "": [{"step": "approve", "body_zh": "县级党委社会工作部门",
          "body_en": "the county party committee's social-work department"}],
    "15": [{"step": "approve", "body_zh": "本级党委社会工作部门",
            "body_en": "the party committee's social-work department of its level"}],
    "150404": [{"step": "review", "body_zh": "区民政局", "body_en": "the district civil-affairs bureau"},
               {"step": "approve", "body_zh": "区政府", "body_en": "the district government"}],
}

DEFAULT_RULES: list[tuple[str, str, str, str, dict, dict]] = [
    # §2 quota: 18 per 10,000 urban residents, controlled in total (NX and IM restate the national number).
    ("quota.county", "", "2024-03-28", "CENTRAL §3",
     {"per_10000_urban_residents": 18},
     {"per_10000_urban_residents": "§3 「按照每万城镇常住人口拥有社区工作者18人的标准配备，市地级或县级层面实行总量控制」"}),
    # Who approves an exception to a county's total / a community's number (requested by one officer, decided by
    # another of a listed level covering the region). An exception raises the county's total only when the level
    # above approves it: a county officer never raises their own county (issue 13, read from IM art.6; CENTRAL §3
    # controls the total at city or county level). IM art.6 gives the community numbers to the county.
    ("quota.approval", "", "2024-03-28", "CENTRAL §3",
     {"county_total_approver_levels": ["city", "province"],
      "community_number_approver_levels": ["county", "city", "province"]},
     {"county_total_approver_levels": "§3 「市地级或县级层面实行总量控制」 — an exception to the county's total is "
                                      "decided above the county (IM art.6 「盟市…核定所辖每个旗县…总量」)",
      "community_number_approver_levels": "none states it: the county or above (operational)"}),
    ("quota.approval", "15", "2024-08-21", "IM art.6",
     {"county_total_approver_levels": ["city", "province"],
      "community_number_approver_levels": ["county", "city", "province"]},
     {"county_total_approver_levels": "art.6 「盟市党委社会工作部门负责核定所辖每个旗县(市、区)配备社区工作者的总量」",
      "community_number_approver_levels": "art.6 「每个社区配备社区工作者的人数,由旗县(市、区)党委社会工作部门提出,"
                                          "报旗县(市、区)党委和政府批准,并报盟市党委社会工作部门备案」 — reading: "
                                          "decided at county level by another officer than the proposer, listed "
                                          "to the city (备案)"}),
    # SS: about one per 300 households, at least 6 per community.
    ("quota.community", "150404", "2022-01-01", "SS 二(三)1",
     {"households_per_worker": 300, "minimum": 6},
     {"households_per_worker": "「依据社区常住户数，每300户左右配备1人」", "minimum": "「每个社区最少不低于6人」"}),
    # Who may not be a community worker (issue 13). CENTRAL §12 names civil-servant and public-institution status
    # (no labour contract) but excludes no one; SS 二(一) excludes retirees, toll-station transferees, and serving
    # staff of organs, enterprises and public institutions holding a 两委 post (registry.composition).
    ("eligibility.exclusions", "", "2024-03-28", "CENTRAL §12",
     {"excluded": [], "excluded_on_committee": []},
     {"excluded": "§12 「除具有公务员、事业单位工作人员身份的外…签订劳动合同」 — names the status, excludes no one",
      "excluded_on_committee": "§12 (as above)"}),
    ("eligibility.exclusions", "150404", "2022-01-01", "SS 二(一)",
     {"excluded": ["retired", "toll_station_transferee"],
      "excluded_on_committee": ["civil_servant", "public_institution", "enterprise"]},
     {"excluded": "「退休社区工作者…原收费站撤站后分流到社区人员不纳入本方案范围」",
      "excluded_on_committee": "「机关企事业单位在职人员在社区“两委”任职的…不纳入本方案范围」"}),
    # SS 两委 composition per community (registry.composition): leadership posts (正职, 副职) at most 3, one
    # full-time party-affairs worker, at least one full-time member living locally.
    ("community.composition", "150404", "2022-01-01", "SS 二(三)1",
     {"leadership_posts": ["ss_head", "ss_deputy"], "max_leadership_posts": 3, "party_affairs_min": 1,
      "local_members_min": 1},
     {"leadership_posts": "reading: 领导职数 are the 正职 and 副职 posts of the SS catalogue",
      "max_leadership_posts": "「社区“两委”领导职数原则上不超过3人」",
      "party_affairs_min": "「每个社区原则上要配备1名专职党务工作者负责党建日常工作」",
      "local_members_min": "「在保证1名专职成员属地化的基础上」"}),
    # §6 training: yearly hours by post ("default" = every other post), initial hours for new hires.
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
    # NX: ≥ 3 days initial; secretaries trained yearly (read here as at least one day a year).
    ("training.requirement", "64", "2024-12-27", "NX 二 健全培训机制",
     {"hours_per_day": 8, "yearly_days": {"nx_head": 1, "default": 0}, "initial_days": 3},
     {"yearly_days": "「每年按照2:3:5的比例对社区党组织书记、居民委员会主任全覆盖培训1次」 (read: one day)",
      "initial_days": "「新选聘社区工作者参加不少于3天的初任培训」",
      "hours_per_day": "reading: one training day = 8 study hours"}),
    # §7 secondment: the national text forbids county-and-above borrowers and names the approver; IM sets the
    # length, SS the per-community maximum and its own approvers.
    ("secondment.limits", "", "2024-03-28", "CENTRAL §17",
     {"forbidden_borrower_levels": SECONDMENT_FORBIDDEN, "approval_required": True,
      "approvals": SECONDMENT_APPROVALS[""]},
     {"forbidden_borrower_levels": "§17 「县级以上机关事业单位不得借调社区工作者」",
      "approval_required": "§17 「街道（乡镇）确需借调的，按程序报请县级党委社会工作部门批准」",
      "approvals": "§17 「按程序报请县级党委社会工作部门批准」"}),
    ("secondment.limits", "15", "2024-08-21", "IM art.24",
     {"max_months": 3, "max_months_joins_within_days": 1, "approvals": SECONDMENT_APPROVALS["15"]},
     {"max_months": "art.24 「借调时间不得超过3个月」 — reading: a worker's time on secondment, so back-to-back "
                    "secondments (see max_months_joins_within_days) count as one; the text names no year, so no "
                    "rolling-year sum is read in",
      "max_months_joins_within_days": "reading of art.24: a secondment starting at most this many days after "
                                      "the worker's previous one ended continues it (1 = the next day)",
      "approvals": "art.24 「应当按照程序报本级党委社会工作部门批准」"}),
    ("secondment.limits", "150404", "2022-01-01", "SS 二(四)2",
     {"max_concurrent_per_community": 2, "approvals": SECONDMENT_APPROVALS["150404"]},
     {"max_concurrent_per_community": "「同一时期同一社区借调人员不得超过2人」 — reading: on no single day more "
                                      "than 2 of one community are seconded",
      "approvals": "「确需借调，须经区民政局审核、区政府批准」"}),
    # §7 household visits.
    ("visits.minimum", "150404", "2022-01-01", "SS 二(四)2", {"households_per_month": 30},
     {"households_per_month": "「社区工作者每人每月走访联系服务居民不少于30户」"}),
    # §3 NX reserve pool of party-secretary candidates, 1:3.
    ("reserve.ratio", "64", "2024-12-27", "NX 一 严格政治把关", {"candidates_per_secretary_post": 3},
     {"candidates_per_secretary_post": "「街道(乡镇)按照1:3比例建立社区党组织书记后备人才库」"}),
    # §3 recruitment: IM art.8–11 (only Inner Mongolia; NX leaves conditions to the county: 「科学设置学历、专业等条件」).
    ("recruitment.procedure", "15", "2024-08-21", "IM art.8",
     {"steps": RECRUITMENT_STEPS, "review_by_parent_for_levels": ["county"]},
     {"steps": "art.8 (一)–(七)", "review_by_parent_for_levels": "art.8 「由旗县(市、区)组织招聘的，招聘方案应当经盟市党委"
                                                                 "社会工作部门审核」"}),
    ("recruitment.eligibility", "15", "2024-08-21", "IM art.9–11",
     {"max_age": 40, "min_education": "dazhuan", "relaxable_groups": RELAXABLE_GROUPS,
      "priority_groups": PRIORITY_GROUPS, "disqualifications": DISQUALIFICATIONS},
     {"max_age": "art.9(二) 「年龄一般在40周岁以下」", "min_education": "art.9(四) 「具有大学专科以上学历」",
      "relaxable_groups": "art.9 「…经街道(苏木乡镇)推荐，可以适当放宽年龄和学历要求」",
      "priority_groups": "art.10", "disqualifications": "art.11 (一)–(六)"}),
    # §3 probation: national law (Labour Contract Law art.19), the maximum by contract term; the texts only say a
    # contract has one (CENTRAL §12, IM art.12, NX). Terms under 3 months have no probation.
    ("contract.probation", "", "2008-01-01", "Labour Contract Law art.19",
     {"max_months_by_term": [{"term_months_from": 3, "max_months": 1}, {"term_months_from": 12, "max_months": 2},
                             {"term_months_from": 36, "max_months": 6}]},
     {"max_months_by_term": "art.19 「劳动合同期限三个月以上不满一年的，试用期不得超过一个月；劳动合同期限一年以上不满三年的，"
                            "试用期不得超过二个月；三年以上固定期限和无固定期限的劳动合同，试用期不得超过六个月」"}),
    # §3 terms and renewal; §9 contract flags. The notice window is operational (no text sets one); only SS sets a
    # renewal condition.
    ("contract.renewal", "", "2024-01-01", "operational (no policy text sets a notice window)",
     {"window_days": 90}, {"window_days": "none: how early officers are reminded"}),
    ("contract.term", "150404", "2022-01-01", "SS 二(四)5",
     {"committee_member_years": 5, "staff_years": 3},
     {"committee_member_years": "「社区“两委”成员聘期5年」 (两委脱产委员 on the staff pay post included, SS 三.1)",
      "staff_years": "「专职工作人员聘期3年」"}),
    ("contract.renewal", "150404", "2022-01-01", "SS 二(四)5",
     {"min_result": "competent", "lookback_years": 1},
     {"min_result": "「聘期满考核合格以上等次的可续聘」", "lookback_years": "reading: the last annual result"}),
    # §10 career track.
    ("career.track", "", "2024-03-28", "CENTRAL §13",
     {"min_service_years": 10, "secretary_term_years": 5, "secretary_posts": ["nx_head", "ss_head"],
      "secretary_roles": ["secretary", "both"], "required_result": "excellent", "result_lookback_years": 3},
     {"min_service_years": "§13 「在社区连续工作10年以上」",
      "secretary_term_years": "§13 「任社区党组织书记满一届」 (a community party organisation's term is 5 years)",
      "required_result": "§13 「表现优秀」 (read: an 优秀 result)", "result_lookback_years": "reading",
      "secretary_posts": "reading: the head posts of the catalogues",
      "secretary_roles": "§13 「社区党组织书记」: the head post held as secretary (书记) or both (一肩挑); a director "
                         "(主任) alone is not a secretary, an unrecorded office does not count"}),
    # §4 which years of community service count (registry.workers.seniority; issue 10). Default: across the
    # province, breaks not bridged (CENTRAL §4 「省内流动的，社区工作年限可累计计算」), also before 2024 (no
    # earlier text was read). SS from 2022: only Songshan communities (「在松山区辖区内社区的工作年限」, breaks
    # 「中断年限不予连续计算」). IM from 2024-08-21: across the region (art.23 「跨盟市流动,工作年限累计计算」);
    # a region-level text of later date overrides the district's narrower scope, so the 150404 row of that
    # date carries it (the most specific prefix would otherwise keep SS's 2022 scope).
    ("service.counting", "", "1978-01-01", "CENTRAL §4", {"scope_digits": 2, "bridge_breaks": False}, {}),
    ("service.counting", "150404", "2022-01-01", "SS 三.1, 三.4(1)", {"scope_digits": 6, "bridge_breaks": False}, {}),
    ("service.counting", "15", "2024-08-21", "IM art.23", {"scope_digits": 2, "bridge_breaks": False}, {}),
    ("service.counting", "150404", "2024-08-21", "IM art.23 (over SS 三.1)",
     {"scope_digits": 2, "bridge_breaks": False}, {}),
    # §9 exit: each text's own reasons. Only 不合格 fails probation (issue 10): IM art.37(一), NX 「试用期满考核不合格」.
    # SS names no probation assessment; from IM's date its probation rule applies to Songshan through the key.
    ("exit.assessment", "64", "2024-12-27", "NX 三 完善退出机制",
     {"consecutive_incompetent_years": 2, "probation_fail_results": ["incompetent"]},
     {"consecutive_incompetent_years": "「连续2个年度考核为不合格等次的」",
      "probation_fail_results": "「试用期满考核不合格的」"}),
    ("exit.assessment", "15", "2024-08-21", "IM art.37",
     {"consecutive_incompetent_years": 2, "probation_fail_results": ["incompetent"]},
     {"consecutive_incompetent_years": "art.37(二) 「连续两年考核不合格」",
      "probation_fail_results": "art.37(一) 「试用期满考核不合格」"}),
    ("exit.assessment", "150404", "2022-01-01", "SS 二(四)5",
     {"consecutive_incompetent_years": 2, "consecutive_within_contract_term": True},
     {"consecutive_incompetent_years": "「一个聘期内连续两年考核不合格的」",
      "consecutive_within_contract_term": "「一个聘期内」 — reading: both years in the current contract term (a year "
                                          "belongs to the term in force on its 31 December)"}),
    # §10 retirement: the 2024 gradual reform (from 2025-01-01, +1 month every 4 months for men 60→63 and
    # women 55→58; community workers are read as the 55-year women's category).
    ("retirement.age", "", "1978-01-01", "State Council gradual retirement-age reform 2024",
     {"reform_start": "2025-01", "by_sex": {
         "M": {"base_age_months": 720, "max_delay_months": 36, "months_per_step": 4},
         "F": {"base_age_months": 660, "max_delay_months": 36, "months_per_step": 4}}}, {}),
    # §6 certification targets (NX).
    ("certification.targets", "64", "2024-12-27", "NX 一 开展职业评价",
     {"targets": [{"year": 2025, "share": "0.35"}, {"year": 2030, "share": "0.50"}]},
     {"targets": "「到2025年持证社区工作者占比达到35%，力争到2030年达到50%」"}),
    # §9 exit causes beyond assessment (issue 13): which kinds of dated discipline / criminal record raise the
    # exit flag for a person to decide (registry.discipline). Each text's own list.
    ("exit.discipline", "64", "2024-12-27", "NX 三 完善退出机制",
     {"exit_kinds": ["party_post_revoked", "party_probation", "expelled_from_party", "gov_dismissal",
                     "gov_expulsion", "criminal_liability", "sentenced"]},
     {"exit_kinds": "「受撤销党内职务及以上党纪处分或者受撤职及以上政务处分的，被依法追究刑事责任…依法解除劳动合同」 "
                    "(撤销党内职务、留党察看、开除党籍; 撤职、开除; 追究刑事责任, 判刑)"}),
    ("exit.discipline", "15", "2024-08-21", "IM art.37(五)",
     {"exit_kinds": ["serious_violation", "expelled_from_party", "gov_expulsion", "criminal_liability",
                     "sentenced"]},
     {"exit_kinds": "art.37(五) 「有严重违纪违法行为或者被依法追究刑事责任」 — reading: a record the issuing body "
                    "calls serious, an expulsion, criminal liability or a sentence"}),
    ("exit.discipline", "150404", "2022-01-01", "SS 二(四)5",
     {"exit_kinds": ["expelled_from_party", "sentenced"]},
     {"exit_kinds": "「因违纪违法被开除党籍或被判刑的」"}),
    # §9 the community party secretary is filed with the county (SS: district) organisation department
    # (registry.filings); no text sets a period, so a secretary without a filing is listed.
    ("secretary.filing", "64", "2024-12-27", "NX 三 加强日常管理",
     {"filing_body": "县级党委组织部", "secretary_posts": ["nx_head"], "secretary_roles": ["secretary", "both"]},
     {"filing_body": "「社区党组织书记由县级党委组织部备案管理」",
      "secretary_posts": "reading: the head post of the catalogue",
      "secretary_roles": "reading: held as secretary (书记) or both (一肩挑)"}),
    ("secretary.filing", "150404", "2022-01-01", "SS 二(四)6",
     {"filing_body": "区委组织部", "secretary_posts": ["ss_head"], "secretary_roles": ["secretary", "both"]},
     {"filing_body": "「社区党组织书记档案实行区委组织部备案管理」",
      "secretary_posts": "reading: the head post of the catalogue",
      "secretary_roles": "reading: held as secretary (书记) or both (一肩挑)"}),
    # §10 yearly health check (registry.health): NX sets one a year; CENTRAL §14 only 「定期组织体检」 (no number).
    ("health.check", "64", "2024-12-27", "NX 四 加强关心关爱", {"checks_per_year": 1},
     {"checks_per_year": "「将社区工作者体检经费纳入县级财政预算，每年组织1次体检」"}),
    # Annual leave (registry.leave): 职工带薪年休假条例 art.3 (SS 二(五)3(2) 「年休假权利按《职工带薪年休假条例》执行」;
    # IM art.27 请销假). Days by completed years of service on 1 January of the leave year.
    ("leave.annual", "", "2008-01-01", "职工带薪年休假条例 art.3",
     {"days_by_service_years": [{"from_years": 1, "days": 5}, {"from_years": 10, "days": 10},
                                {"from_years": 20, "days": 15}]},
     {"days_by_service_years": "art.3 「职工累计工作已满1年不满10年的，年休假5天；已满10年不满20年的，年休假10天；"
                               "已满20年的，年休假15天」 — reading: years of counted community service "
                               "(cwm_kit.service_years) completed on 1 January; days are working days (Mon–Fri)"}),
    # §6 training: the NX 2:3:5 split of secretaries'/directors' training by organiser level, and the 3-year
    # rotation of every other worker (CENTRAL §8; NX and IM art.20 restate the national number).
    ("training.split", "64", "2024-12-27", "NX 二 健全培训机制",
     {"organiser_shares": {"province": 2, "city": 3, "county": 5}, "head_posts": ["nx_head"]},
     {"organiser_shares": "「自治区、市、县(区)每年按照2:3:5的比例对社区党组织书记、居民委员会主任全覆盖培训1次」",
      "head_posts": "reading: the head post of the catalogue"}),
    ("training.rotation", "", "2024-03-28", "CENTRAL §8",
     {"every_years": 3, "exempt_posts": ["nx_head", "ss_head"],
      "organiser_levels": ["national", "province", "city", "county"]},
     {"every_years": "§8 「对其他社区工作者每3年轮训1次」 (NX 「市、县(区)对其他社区工作者每3年轮训1次」, IM art.20 "
                     "「对其他社区工作者每3年轮训1次」 restate it)",
      "exempt_posts": "§8 「社区党组织书记、社区居民委员会主任」 are trained yearly instead (reading: the head posts)",
      "organiser_levels": "§8 「县级党委组织部门会同党委社会工作部门」 — reading: a training organised at county "
                          "level or above counts"}),
    # Separation of duties (maker–checker, issue 11): every rule on nationally; a province may relax one by
    # publishing a version with it false (cwm_kit.duties, docs/roles.md).
    ("duties.separation", "", "2000-01-01", "issue 11 (internal control; no policy text sets these)",
     {"run_preparer_not_approver": True, "run_approver_not_payer": True, "scheme_drafter_not_publisher": True,
      "assessment_proposer_not_decider": True}, {}),
    # Optional second factor (issue 11): the roles that must use one (provincial admins, finance officers may);
    # nationally none, a province lists them (registry.auth.second_factor).
    ("auth.second_factor", "", "2000-01-01", "issue 11 (optional; a province lists the roles that must)",
     {"required_roles": []}, {}),
]

# Who may publish a version of each kind (POST /v1/management-rules), relative to the version's prefix. Rules are
# data, and so is who sets them. `set_from_above` marks the kinds that constrain the level they are attached to — its
# quota and who approves it, what its organs may not do (secondment), the procedure and review of its recruitment,
# the reasons it must consider for an exit, its training, filing and health-check duties, and the figures and
# statutory limits that drive its pay bill and its workers' entitlements. A level setting them for itself would
# rewrite the rules set above it (a county emptying CENTRAL §17's forbidden borrowers, approving its own total
# against IM art.6, skipping the city's review of IM art.8, raising its own quota), so a version is published from
# above: by an officer whose jurisdiction lies strictly above the prefix, at a county prefix or wider (a version at
# a township or community prefix would let the county set the constraint for part of itself). The province
# publishes at its own prefix as well: its texts sit directly under the national ones, which no officer publishes
# (they ship as data). The other kinds are details the texts leave to the level itself (NX 「科学设置学历、专业等条件」:
# the county's recruitment conditions; SS's own scheme scope, composition, contract terms, renewal condition and
# visiting standard): any rule author covering the prefix publishes them. `duties.separation` and
# `auth.second_factor` are the provincial admin's alone (rules/service.py), whatever this says.
SET_FROM_ABOVE_FINEST_PREFIX = 6  # a county


@dataclass(frozen=True)
class RuleKind:
    set_from_above: bool
    # The kind's name in words, as messages name it (「招聘程序」, not recruitment.procedure); the SPA's
    # frontend/src/lib/vocab.ts RULE_KINDS shows the same names.
    label_zh: str
    label_en: str
    governs: str  # what the kind governs, and why it is (or is not) set from above


RULE_KINDS: dict[str, RuleKind] = {
    "quota.county": RuleKind(True, "县级编额总量（每万城镇常住人口18名）", "County quota (18 per 10,000)",
                             "a county's total, 18 per 10,000 (CENTRAL §3); IM art.6: the city approves it"),
    "quota.approval": RuleKind(True, "编额核定权限", "Who approves quotas",
                               "who approves a county's total and a community's number (IM art.6)"),
    "quota.community": RuleKind(True, "社区编额", "Community quota",
                                "a community's quota formula (SS); a county proposes one community's number "
                                "through /v1/quota community numbers (IM art.6), not by rewriting the formula"),
    "secondment.limits": RuleKind(True, "借调限制", "Secondment limits",
                                  "county-and-above organs may not borrow; who approves; length; per "
                                  "community (CENTRAL §17, IM art.24, SS)"),
    "recruitment.procedure": RuleKind(True, "招聘程序", "Recruitment procedure",
                                      "the seven steps and the city's review of a county plan (IM art.8)"),
    "recruitment.eligibility": RuleKind(False, "报考条件", "Recruitment eligibility",
                                        "the recruitment conditions the county sets in its plan (NX 「科学设置"
                                        "学历、专业等条件」, IM art.9–11)"),
    "eligibility.exclusions": RuleKind(False, "不纳入人员范围", "Who is not covered",
                                       "whom the local scheme covers (SS 二(一) 「不纳入本方案范围」)"),
    "community.composition": RuleKind(False, "两委构成", "Committee composition",
                                      "the district's staffing of its communities' 两委 (SS 二(三)1)"),
    "training.requirement": RuleKind(True, "培训要求", "Training requirement",
                                     "the yearly and initial training the county must deliver (IM art.20, "
                                     "NX, SS)"),
    "training.split": RuleKind(True, "书记培训分级比例", "Training split by level",
                               "the region:city:county shares of secretaries' training (NX 2:3:5)"),
    "training.rotation": RuleKind(True, "全员轮训", "Training rotation",
                                  "rotation every 3 years organised at county level or above (CENTRAL §8)"),
    "visits.minimum": RuleKind(False, "入户走访标准", "Household visits",
                               "the district's visiting standard for its workers (SS 二(四)2)"),
    "reserve.ratio": RuleKind(True, "书记后备人选比例", "Secretary reserve ratio",
                              "the streets' 1:3 reserve pool of secretary candidates (NX)"),
    "contract.probation": RuleKind(True, "试用期", "Probation",
                                   "the statutory maximum probation (Labour Contract Law art.19)"),
    "contract.term": RuleKind(False, "合同期限", "Contract term",
                              "the terms of the contracts its streets sign (SS 二(四)5; elsewhere the post "
                              "catalogue, which the county keeps)"),
    "contract.renewal": RuleKind(False, "续聘条件", "Contract renewal",
                                 "the renewal condition of its own contracts and the reminder window (SS "
                                 "二(四)5; no higher text sets one)"),
    "career.track": RuleKind(True, "职业发展（进入事业编制）", "Career track",
                             "who qualifies for the region's public-institution posts (CENTRAL §13)"),
    "service.counting": RuleKind(True, "工作年限计算", "Counting years of service",
                                 "which years of service count: grade pay (CENTRAL §4, IM art.23, SS 三.1)"),
    "exit.assessment": RuleKind(True, "考核退出情形", "Exit by assessment",
                                "the assessment results that are exit reasons (NX, IM art.37, SS)"),
    "exit.discipline": RuleKind(True, "处分退出情形", "Exit by discipline",
                                "the discipline and criminal records that are exit reasons (NX, IM art.37(五), "
                                "SS)"),
    "retirement.age": RuleKind(True, "退休年龄", "Retirement age",
                               "the statutory retirement age (State Council reform 2024)"),
    "certification.targets": RuleKind(True, "持证比例目标", "Certification targets",
                                      "the certified share the region sets its counties (NX)"),
    "secretary.filing": RuleKind(True, "书记备案", "Secretary filing",
                                 "filing secretaries with the county organisation department (NX, SS)"),
    "health.check": RuleKind(True, "年度体检", "Health check",
                             "the yearly check the county budget pays for (NX 四)"),
    "leave.annual": RuleKind(True, "带薪年休假", "Annual leave",
                             "statutory annual leave (职工带薪年休假条例 art.3)"),
    "duties.separation": RuleKind(False, "不相容职责分离", "Separation of duties",
                                  "maker–checker: the provincial admin's alone (docs/roles.md)"),
    "auth.second_factor": RuleKind(False, "动态验证码", "Second factor",
                                   "the roles that must use a second factor: the provincial admin's alone"),
}


# The documents shipped before issue 13 with the prefix they had: the re-homing migration removes exactly these
# (kind, prefix, effective_from, source) rows and keeps every version an officer added.
SUPERSEDED_SHIPPED = [
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


def rule_rows() -> list[dict]:
    from datetime import date

    return [{"kind": k, "region_prefix": p, "effective_from": date.fromisoformat(d), "source": s, "params": params,
             "clauses": clauses or None}
            for k, p, d, s, params, clauses in DEFAULT_RULES]
