// Words for every code the services send (issue 14: "words, not codes"), in Chinese and English, plus the
// national code lists the registration form picks from. `describe()` finds a code in any of them.
import dayjs from 'dayjs';
import { ROLE_LABELS } from './auth';
import { DISCIPLINE_KINDS } from './duty-labels';

type Labels = Record<string, [string, string]>;

export const RUN_STATES: Labels = {
  draft: ['草稿', 'Draft'],
  calculated: ['已核算，待审批', 'Calculated, to approve'],
  approved: ['已审批，待发放', 'Approved, to pay'],
  paid: ['已发放', 'Paid'],
};

export const JOB_STATUSES: Labels = {
  queued: ['排队中', 'Queued'],
  running: ['核算中', 'Calculating'],
  succeeded: ['核算完成', 'Calculated'],
  failed: ['核算失败', 'Failed'],
  cancelled: ['已取消', 'Cancelled'],
};

export const RUN_KINDS: Labels = {
  monthly: ['月度工资', 'Monthly pay'],
  regular: ['月度工资', 'Monthly pay'],
  year_end: ['年终绩效', 'Year-end performance'],
  retiree: ['离退休荣誉补贴', 'Retired honours subsidy'],
  'one-off': ['一次性项目', 'One-off items'],
  one_off: ['一次性项目', 'One-off items'],
};

export const ASSESSMENT_STATUSES: Labels = {
  pending: ['待建议', 'Awaiting proposal'],
  proposed: ['待决定', 'Awaiting decision'],
  notice: ['公示中', 'Public notice'],
  final: ['已定', 'Final'],
};

export const ASSESSMENT_KINDS: Labels = {
  annual: ['年度考核', 'Annual'],
  probation: ['试用期考核', 'Probation'],
};

export const OBJECTION_STATUSES: Labels = {
  open: ['待处理', 'Open'],
  upheld: ['异议成立', 'Upheld'],
  rejected: ['异议不成立', 'Rejected'],
};

export const TRAINING_KINDS: Labels = {
  initial: ['岗前培训', 'Initial training'],
  in_service: ['在岗培训', 'In-service training'],
  special: ['专题培训', 'Special training'],
};

// Who pays a payslip's cost (the payslip's `funding` keys).
export const FISCAL_LEVELS: Labels = {
  region: ['自治区/省级财政', 'Regional treasury'],
  city: ['市级财政', 'City treasury'],
  county: ['县（区）级财政', 'County treasury'],
};

export const LEVELS: Labels = {
  central: ['中央', 'Central'],
  national: ['国家级', 'National'],
  province: ['省级', 'Provincial'],
  city: ['市级', 'City'],
  county: ['县级', 'County'],
  township: ['乡镇（街道）', 'Township'],
  community: ['社区', 'Community'],
  other: ['其他', 'Other'],
};

/** The office held on a head post (两委正职): the registry's head_role. */
export const HEAD_ROLES: Labels = {
  secretary: ['书记', 'Secretary'],
  director: ['主任', 'Director'],
  both: ['书记、主任“一肩挑”', 'Secretary and director (一肩挑)'],
};

/** Another status a person holds besides community work (registry other_status; SS 二(一) excludes some). */
export const OTHER_STATUSES: Labels = {
  retired: ['退休人员', 'Retiree'],
  civil_servant: ['机关在职人员', 'Serving staff of a government organ'],
  public_institution: ['事业单位在职人员', 'Serving public-institution staff'],
  enterprise: ['企业在职人员', 'Serving enterprise staff'],
  toll_station_transferee: ['原收费站撤站分流人员', 'Transferred from a closed toll station'],
};

export const HONOUR_LEVELS: Labels = {
  regional_government: ['自治区（省）政府表彰', 'Regional government'],
  national_ministry: ['国家部委表彰', 'National ministry'],
  central: ['党中央、国务院表彰', 'Central'],
};

export const IMPORT_OUTCOMES: Labels = {
  create: ['新增', 'New'],
  created: ['已新增', 'Added'],
  update: ['更新', 'Update'],
  updated: ['已更新', 'Updated'],
  unchanged: ['无变化', 'Unchanged'],
  invalid: ['有错误', 'Invalid'],
  skipped: ['已跳过', 'Skipped'],
  validated: ['已校验，待确认', 'Checked, to confirm'],
  confirmed: ['已导入', 'Imported'],
};

export const SEX: Labels = { M: ['男', 'Male'], F: ['女', 'Female'] };

export const SCHEME_STATES: Labels = {
  draft: ['草稿', 'Draft'],
  scheduled: ['待生效', 'Scheduled'],
  in_force: ['现行', 'In force'],
  superseded: ['已废止', 'Superseded'],
  published: ['已发布', 'Published'],
};

// Payroll's reference figures (GET /v1/reference-figures): what each figure is (payroll.policy.figures'
// FIGURE_LABELS) and how settled it is.
export const FIGURE_KINDS: Labels = {
  avg_wage_annual: ['全口径城镇单位就业人员年平均工资', 'Average annual wage'],
  avg_wage_monthly: ['全口径城镇单位就业人员月平均工资', 'Average monthly wage'],
  disposable_income: ['城镇居民人均可支配收入', 'Per-capita disposable income'],
  si_base_floor: ['社保缴费基数下限', 'Social-insurance base floor'],
  si_base_ceiling: ['社保缴费基数上限', 'Social-insurance base ceiling'],
  housing_fund_rate: ['住房公积金缴存比例', 'Housing-fund rate'],
};

export const FIGURE_STATUSES: Labels = {
  provisional: ['暂定', 'Provisional'],
  official: ['正式公布', 'Official'],
};

// An assessment cycle's guidance plan (assessment's Plan): where a dimension's score comes from, how the
// 优秀 share is rounded, the unit it is counted in and the satisfaction survey's options.
export const DIMENSION_SOURCES: Labels = {
  manual: ['书记评分', 'Scored by the secretary'],
  daily: ['日常记录', 'Daily records'],
  satisfaction: ['居民满意度测评', 'Satisfaction survey'],
};

export const QUOTA_ROUNDING: Labels = {
  floor: ['向下取整', 'Rounded down'],
  half_up: ['四舍五入', 'Rounded half up'],
  ceil: ['向上取整', 'Rounded up'],
};

// Management-rule kinds (registry rules/defaults.py RULE_KINDS).
export const RULE_KINDS: Labels = {
  'quota.county': ['县级编额总量（每万城镇常住人口18名）', 'County quota (18 per 10,000)'],
  'quota.approval': ['编额核定权限', 'Who approves quotas'],
  'quota.community': ['社区编额', 'Community quota'],
  'secondment.limits': ['借调限制', 'Secondment limits'],
  'recruitment.procedure': ['招聘程序', 'Recruitment procedure'],
  'recruitment.eligibility': ['报考条件', 'Recruitment eligibility'],
  'eligibility.exclusions': ['不纳入人员范围', 'Who is not covered'],
  'community.composition': ['两委构成', 'Committee composition'],
  'training.requirement': ['培训要求', 'Training requirement'],
  'training.split': ['书记培训分级比例', 'Training split by level'],
  'training.rotation': ['全员轮训', 'Training rotation'],
  'visits.minimum': ['入户走访标准', 'Household visits'],
  'reserve.ratio': ['书记后备人选比例', 'Secretary reserve ratio'],
  'contract.probation': ['试用期', 'Probation'],
  'contract.term': ['合同期限', 'Contract term'],
  'contract.renewal': ['续聘条件', 'Contract renewal'],
  'career.track': ['职业发展（进入事业编制）', 'Career track'],
  'service.counting': ['工作年限计算', 'Counting years of service'],
  'exit.assessment': ['考核退出情形', 'Exit by assessment'],
  'exit.discipline': ['处分退出情形', 'Exit by discipline'],
  'retirement.age': ['退休年龄', 'Retirement age'],
  'certification.targets': ['持证比例目标', 'Certification targets'],
  'secretary.filing': ['书记备案', 'Secretary filing'],
  'health.check': ['年度体检', 'Health check'],
  'leave.annual': ['带薪年休假', 'Annual leave'],
  'duties.separation': ['不相容职责分离', 'Separation of duties'],
  'auth.second_factor': ['动态验证码', 'Second factor'],
};

export const QUOTA_UNITS: Labels = { township: ['乡镇（街道）', 'Township'] };

export const SATISFACTION_OPTIONS: Labels = {
  very_satisfied: ['非常满意', 'Very satisfied'],
  satisfied: ['满意', 'Satisfied'],
  basically_satisfied: ['基本满意', 'Basically satisfied'],
  dissatisfied: ['不满意', 'Dissatisfied'],
};

// Recruitment (registry rule recruitment.eligibility, IM art.9–11): groups an applicant may belong to (street
// recommendation relaxes age and education for some; others have priority) and the disqualifying circumstances.
export const RECRUIT_GROUPS: Labels = {
  local_party_member: ['本地党员', 'Local Party member'],
  volunteer: ['志愿者', 'Volunteer'],
  veteran: ['退役军人', 'Veteran'],
  social_organisation_head: ['社区社会组织负责人', 'Head of a community social organisation'],
  owners_committee_member: ['业主委员会成员', 'Owners’ committee member'],
  certified_social_worker: ['持证社会工作者', 'Certified social worker'],
  urgently_needed_specialist: ['急需紧缺专业人才', 'Urgently needed specialist'],
  grid_worker_in_post: ['在岗网格员', 'Grid worker in post'],
};

export const DISQUALIFICATIONS: Labels = {
  illegal_or_cult_organisation: ['参加非法组织、邪教组织', 'Illegal or cult organisation'],
  speech_against_party_line: ['发表违背党的路线方针政策的言论', 'Speech against the Party line'],
  criminal_record: ['受过刑事处罚', 'Criminal record'],
  pending_criminal_case: ['涉嫌违法犯罪正在接受调查', 'Under criminal investigation'],
  expelled_party_military_or_office: ['被开除党籍、军籍或公职', 'Expelled from the Party, military or office'],
  credit_blacklist: ['被列为失信联合惩戒对象', 'Credit blacklist'],
  other_unfit: ['有其他不宜从事社区工作的情形', 'Otherwise unfit'],
};

// POLICY.md §3 (IM art.8–12): the seven recruitment steps (a campaign's steps, rule recruitment.procedure).
export const RECRUITMENT_STEPS: Labels = {
  plan: ['制定招聘方案', 'Plan'],
  announcement: ['发布招聘公告', 'Announcement'],
  registration: ['报名与资格审查', 'Registration & eligibility review'],
  exam: ['笔试与面试', 'Written test & interview'],
  medical: ['体检', 'Medical'],
  background_check: ['考察', 'Background check'],
  public_notice: ['公示拟聘用人员名单', 'Public notice of the list'],
};

// A secondment's approval steps (rule secondment.limits.approvals; the record's `approvals`).
export const APPROVAL_STEPS: Labels = {
  review: ['审核', 'Review'],
  approve: ['批准', 'Approval'],
};

export const ROLES: Labels = { ...ROLE_LABELS, service: ['系统服务', 'System service'] };

export const ENTITIES: Labels = {
  worker: ['人员档案', 'Worker record'],
  worker_import: ['Excel 导入', 'Excel import'],
  payroll_run: ['工资核算', 'Payroll run'],
  pay_scheme: ['薪酬方案', 'Pay scheme'],
  reference_figure: ['参考数据', 'Reference figure'],
  assessment: ['考核', 'Assessment'],
  cycle: ['考核周期', 'Assessment cycle'],
  objection: ['异议', 'Objection'],
  secondment: ['借调', 'Secondment'],
  training_record: ['培训记录', 'Training record'],
  household_visit: ['入户走访', 'Household visit'],
  reserve_candidate: ['书记后备人选', 'Secretary reserve'],
  management_rule: ['管理规则', 'Management rule'],
  region: ['区划', 'Region'],
  post: ['岗位', 'Post'],
  quota_exception: ['编额例外', 'Quota exception'],
  account: ['账号', 'Account'],
  recruitment_campaign: ['招聘', 'Recruitment campaign'],
  applicant: ['报名人员', 'Applicant'],
  discipline_record: ['违纪违法记录', 'Discipline record'],
  secretary_filing: ['书记备案', 'Secretary filing'],
  health_check: ['体检记录', 'Health check'],
  leave_request: ['请假申请', 'Leave request'],
  community_number: ['社区核定人数', 'Community number'],
  recruitment_applicant: ['报名人员', 'Applicant'],
  one_off_item: ['一次性项目', 'One-off item'],
  tax_declaration: ['个税扣除申报', 'Tax declaration'],
  payslip: ['工资条', 'Payslips'],
  historical_import: ['历史考核结果导入', 'Historical results import'],
  probation_case: ['试用期考核', 'Probation assessment'],
};

export const AUDIT_ACTIONS: Labels = {
  start: ['发起核算', 'Started'],
  restart: ['重新发起', 'Restarted'],
  recalculate: ['重新核算', 'Recalculated'],
  cancel: ['取消', 'Cancelled'],
  approve: ['审批', 'Approved'],
  pay: ['标记已发放', 'Marked paid'],
  calculate: ['完成核算', 'Calculated'],
  bank_file: ['生成银行代发文件', 'Bank file made'],
  withholding_export: ['导出扣缴申报表', 'Withholding declaration exported'],
  // One-off items and tax declarations (payroll): what is written is the 对象 column's.
  create: ['新增', 'Added'],
  update: ['修改', 'Changed'],
  delete: ['删除', 'Deleted'],
  'worker.contract.renew': ['续聘', 'Contract renewed'],
  'worker.create': ['登记人员', 'Registered'],
  'worker.update': ['更正信息', 'Corrected'],
  'worker.hire': ['招聘录用', 'Hired'],
  'worker.import': ['Excel 导入新增', 'Imported'],
  'worker.import_update': ['Excel 导入更新', 'Updated by import'],
  'worker.post': ['岗位变动', 'Post changed'],
  'worker.rehire': ['重新聘用', 'Rehired'],
  'worker.status': ['状态变动', 'Status changed'],
  'worker.transfer': ['调动', 'Transferred'],
  'worker.yijiantiao': ['一肩挑变动', 'Yijiantiao changed'],
  'worker.service_period.add': ['补录工作经历', 'Service period added'],
  'worker.service_period.close': ['结束工作经历', 'Service period closed'],
  'worker.education.add': ['增加学历', 'Education added'],
  'worker.certificate.add': ['增加职业资格', 'Certificate added'],
  'worker.honour.add': ['增加表彰', 'Honour added'],
  'worker.education.delete': ['删除学历', 'Education deleted'],
  'worker.certificates.delete': ['删除职业资格', 'Certificate deleted'],
  'worker.honours.delete': ['删除表彰', 'Honour deleted'],
  'import.upload': ['上传导入文件', 'Import uploaded'],
  'import.confirm': ['确认导入', 'Import confirmed'],
  'assessment.propose': ['考核建议', 'Proposed'],
  'assessment.decide': ['考核决定', 'Decided'],
  'assessment.finalize': ['考核定档', 'Finalised'],
  'assessment.reopen': ['重新打开', 'Reopened'],
  'assessment.review': ['社区评议', 'Community review'],
  'assessment.self_summary': ['个人总结', 'Self summary'],
  'assessment.tolerance': ['容错认定', 'Tolerance'],
  'assessment.historical': ['录入历史考核结果', 'Historical result entered'],
  'assessment.historical_correct': ['更正历史考核结果', 'Historical result corrected'],
  'historical_import.upload': ['上传历史考核结果', 'Historical results uploaded'],
  'historical_import.confirm': ['确认导入历史考核结果', 'Historical results imported'],
  'probation_cases.open': ['开启试用期考核', 'Probation assessments opened'],
  'cycle.open': ['开启考核周期', 'Cycle opened'],
  'cycle.assessees.add': ['确定考核名单', 'Assessees added'],
  'daily_records.save': ['日常记录', 'Daily records'],
  'satisfaction.record': ['满意度测评', 'Satisfaction survey'],
  'objection.raise': ['提出异议', 'Objection raised'],
  'objection.resolve': ['处理异议', 'Objection resolved'],
  'pay_scheme.create': ['起草薪酬方案', 'Scheme drafted'],
  'pay_scheme.update': ['修改薪酬方案', 'Scheme edited'],
  'pay_scheme.publish': ['发布薪酬方案', 'Scheme published'],
  'reference_figure.create': ['录入参考数据', 'Reference figure added'],
  'secondment.create': ['开始借调', 'Secondment started'],
  'secondment.end': ['结束借调', 'Secondment ended'],
  'training.record': ['录入培训', 'Training recorded'],
  'visits.record': ['录入走访', 'Visits recorded'],
  'discipline.record': ['登记违纪违法记录', 'Discipline recorded'],
  'secretary_filing.record': ['登记书记备案', 'Secretary filing recorded'],
  'health_check.record': ['登记体检', 'Health check recorded'],
  'leave.request': ['申请请假', 'Leave requested'],
  'leave.approve': ['批准请假', 'Leave approved'],
  'leave.reject': ['驳回请假', 'Leave rejected'],
  'reserve.add': ['加入后备库', 'Added to reserve'],
  'reserve.remove': ['移出后备库', 'Removed from reserve'],
  'management_rule.add': ['新增管理规则', 'Rule added'],
  'quota.exception.request': ['申请编额例外', 'Quota exception requested'],
  'quota.exception.approve': ['批准编额例外', 'Quota exception approved'],
  'quota.exception.reject': ['驳回编额例外', 'Quota exception rejected'],
  'quota.community_number.propose': ['提出社区核定人数', 'Community number proposed'],
  'quota.community_number.approve': ['批准社区核定人数', 'Community number approved'],
  'quota.community_number.reject': ['驳回社区核定人数', 'Community number rejected'],
  'quota.community_number.file': ['社区核定人数备案', 'Community number filed'],
  'region.update': ['修改区划信息', 'Region edited'],
  'region.create': ['新增区划', 'Region added'],
  'region.rename': ['区划更名', 'Region renamed'],
  'region.retire': ['撤销区划', 'Region retired'],
  'account.create': ['开通账号', 'Account created'],
  'account.update': ['修改账号', 'Account changed'],
  'account.deactivate': ['停用账号', 'Account deactivated'],
  'account.activate': ['启用账号', 'Account activated'],
  'account.password_reset': ['重置密码', 'Password reset'],
  'account.password_change': ['修改密码', 'Password changed'],
  'account.unlock': ['解除锁定', 'Account unlocked'],
  'account.second_factor_enable': ['启用动态验证码', 'Second factor enabled'],
  'region.star_rating': ['星级评定', 'Star rating'],
  'post.create': ['新增岗位', 'Post added'],
  'post.update': ['修改岗位', 'Post edited'],
  'recruitment.campaign.create': ['发起招聘', 'Campaign created'],
  'recruitment.campaign.review': ['招聘审核', 'Campaign reviewed'],
  'recruitment.campaign.advance': ['招聘推进', 'Campaign advanced'],
  'recruitment.applicant.register': ['报名登记', 'Applicant registered'],
  'recruitment.applicant.hire': ['录用', 'Applicant hired'],
  'recruitment.applicant.outcome': ['登记环节结果', 'Step outcome recorded'],
  'recruitment.applicant.outcome.correct': ['更正环节结果', 'Step outcome corrected'],
};

/** Field names in audit before/after records and API errors. */
export const FIELDS: Labels = {
  name: ['姓名', 'Name'],
  national_id: ['身份证号', 'ID number'],
  sex: ['性别', 'Sex'],
  birth_date: ['出生日期', 'Born'],
  ethnicity: ['民族', 'Ethnicity'],
  political_status: ['政治面貌', 'Political status'],
  phone: ['联系电话', 'Phone'],
  community_code: ['社区', 'Community'],
  region_code: ['区划', 'Region'],
  township_code: ['乡镇（街道）', 'Township'],
  county_code: ['县区', 'County'],
  post: ['岗位', 'Post'],
  status: ['状态', 'Status'],
  hired_on: ['入职日期', 'Hired on'],
  yijiantiao: ['一肩挑', 'Yijiantiao'],
  education_level: ['学历', 'Education'],
  certificate_level: ['职业资格', 'Certificate'],
  contract_term_years: ['合同期限（年）', 'Contract term (years)'],
  contract_start: ['合同开始', 'Contract start'],
  contract_end: ['合同结束', 'Contract end'],
  probation_end: ['试用期截止', 'Probation ends'],
  month: ['月份', 'Month'],
  kind: ['类别', 'Kind'],
  state: ['状态', 'State'],
  job_status: ['核算进度', 'Job status'],
  worker_count: ['人数', 'Workers'],
  gross_total: ['应发合计', 'Gross'],
  net_total: ['实发合计', 'Net'],
  employer_total: ['单位成本', 'Employer cost'],
  arrears_total: ['补发合计', 'Arrears'],
  approved_by: ['审批人', 'Approved by'],
  approved_at: ['审批时间', 'Approved at'],
  paid_by: ['发放确认人', 'Paid by'],
  paid_at: ['发放时间', 'Paid at'],
  created_by: ['发起人', 'Started by'],
  result: ['结果', 'Result'],
  score: ['得分', 'Score'],
  proposed_result: ['建议结果', 'Proposed result'],
  proposed_score: ['建议得分', 'Proposed score'],
  reason: ['理由', 'Reason'],
  notice_from: ['公示开始', 'Notice from'],
  notice_until: ['公示截止', 'Notice until'],
  tolerance: ['容错', 'Tolerance'],
  start_date: ['开始日期', 'Start'],
  end_date: ['结束日期', 'End'],
  borrower: ['借调单位', 'Borrower'],
  borrower_level: ['借调单位层级', 'Borrower level'],
  approving_department: ['审批部门', 'Approving department'],
  approval_reference: ['批准文号', 'Approval reference'],
  training_date: ['培训日期', 'Training date'],
  hours: ['学时', 'Hours'],
  organiser_level: ['组织层级', 'Organiser'],
  title: ['名称', 'Title'],
  extra_posts: ['增加岗位数', 'Extra posts'],
  valid_from: ['生效日期', 'Valid from'],
  valid_until: ['截止日期', 'Valid until'],
  stars: ['星级', 'Stars'],
  added_on: ['加入日期', 'Added on'],
  removed_on: ['移出日期', 'Removed on'],
  note: ['备注', 'Note'],
  outcome: ['处理结果', 'Outcome'],
  resolution: ['处理意见', 'Resolution'],
  household: ['走访户', 'Household'],
  visit_date: ['走访日期', 'Visit date'],
  year: ['年度', 'Year'],
  urban_population: ['城镇人口', 'Urban population'],
  households: ['户数', 'Households'],
  fiscal_category: ['财政类别', 'Fiscal category'],
  effective_from: ['生效日期', 'Effective from'],
  source: ['依据', 'Source'],
  filename: ['文件名', 'File name'],
  row_count: ['行数', 'Rows'],
  username: ['登录名', 'Login name'],
  display_name: ['显示名称', 'Display name'],
  role: ['角色', 'Role'],
  jurisdiction: ['管辖范围', 'Jurisdiction'],
  active: ['启用', 'Active'],
  must_change_password: ['需修改密码', 'Must change password'],
  deactivated_at: ['停用时间', 'Deactivated at'],
  failed_logins: ['登录失败次数', 'Failed logins'],
  residents: ['常住人口', 'Residents'],
  urban_rural: ['城乡类型', 'Urban or rural'],
  established_on: ['设立日期', 'Established on'],
  retired_on: ['撤销日期', 'Retired on'],
  level: ['层级', 'Level'],
  parent_code: ['上级区划', 'Parent region'],
  code: ['区划代码', 'Code'],
  worker_id: ['人员', 'Worker'],
  record_date: ['处分（判决）日期', 'Record date'],
  issuing_body: ['作出机关', 'Issuing body'],
  summary: ['事由摘要', 'Summary'],
  filed_on: ['备案日期', 'Filed on'],
  filing_body: ['备案机关', 'Filing body'],
  reference: ['文号', 'Reference'],
  checked_on: ['体检日期', 'Checked on'],
  institution: ['体检机构', 'Institution'],
  days: ['工作日数', 'Working days'],
  requested_by: ['申请人', 'Requested by'],
  requested_at: ['申请时间', 'Requested at'],
  decided_by: ['审批人', 'Decided by'],
  decided_at: ['审批时间', 'Decided at'],
  decision_note: ['审批意见', 'Decision note'],
  created_at: ['录入时间', 'Recorded at'],
  id: ['编号', 'Id'],
  version: ['版本号', 'Version'],
  post_since: ['任现岗位日期', 'In post since'],
  status_since: ['状态起始日期', 'Status since'],
  service_open_since: ['本段工作开始日期', 'Current service since'],
  service_days_closed: ['已结束工作经历天数', 'Days of closed service'],
  committee_member: ['两委成员', 'Committee member'],
  head_role: ['正职分工', 'Head role'],
  other_status: ['其他身份', 'Other status'],
  other_status_since: ['其他身份起始日期', 'Other status since'],
  party_affairs: ['专职党务工作者', 'Party-affairs worker'],
  lives_locally: ['属地化（居住在本社区）', 'Lives in the community'],
  rows: ['行数', 'Rows'],
  valid: ['可导入行数', 'Valid rows'],
  created: ['新增', 'Added'],
  updated: ['更新', 'Updated'],
  unchanged: ['无变化', 'Unchanged'],
  skipped: ['跳过', 'Skipped'],
  bank_name: ['开户银行', 'Bank'],
  bank_branch: ['开户网点', 'Bank branch'],
  bank_account: ['银行账号', 'Bank account'],
  community_name: ['社区', 'Community'],
  worker_name: ['姓名', 'Name'],
  approvals: ['审批环节', 'Approval steps'],
  step: ['环节', 'Step'],
  body: ['审批机关', 'Approving body'],
  approved_on: ['批准日期', 'Approved on'],
  awarded_on: ['表彰日期', 'Awarded on'],
  graduated_on: ['毕业日期', 'Graduated on'],
  in_service: ['在职学历', 'In-service degree'],
  exit_date: ['离开日期', 'Exit date'],
  exit_reason: ['离开原因', 'Exit reason'],
  from_date: ['开始日期', 'From'],
  to_date: ['结束日期', 'To'],
  label_zh: ['中文名称', 'Chinese name'],
  label_en: ['英文名称', 'English name'],
  committee: ['两委成员岗位', 'Committee post'],
  head: ['正职岗位', 'Head post'],
  rank: ['排序', 'Order'],
  jurisdiction_prefix: ['适用地区', 'Region'],
  region_prefix: ['适用地区', 'Region'],
  params: ['规则参数', 'Parameters'],
  clauses: ['条款原文', 'Clauses'],
  number: ['核定人数', 'Number'],
  proposed_by: ['提出人', 'Proposed by'],
  proposed_at: ['提出时间', 'Proposed at'],
  filed_by: ['备案人', 'Filed by'],
  filed_with: ['备案机关', 'Filed with'],
  filed_reference: ['备案文号', 'Filing reference'],
  amount: ['金额', 'Amount'],
  basis: ['依据', 'Basis'],
  taxable: ['计税', 'Taxable'],
  tax_year: ['纳税年度', 'Tax year'],
  start_month: ['起始月份', 'From month'],
  end_month: ['截止月份', 'To month'],
  units: ['份数', 'Units'],
  variant: ['类别', 'Variant'],
  method: ['计税方式', 'Method'],
  value: ['数值', 'Value'],
  published_on: ['公布日期', 'Published on'],
  published_at: ['发布时间', 'Published at'],
  published_by: ['发布人', 'Published by'],
  opened_by: ['开启人', 'Opened by'],
  opened_by_name: ['开启人', 'Opened by'],
  proposal_reason: ['建议理由', 'Reason proposed'],
  decision_reason: ['决定理由', 'Reason decided'],
  tolerance_reason: ['容错理由', 'Tolerance reason'],
  self_summary: ['个人总结', 'Self summary'],
  community_review: ['社区评议', 'Community review'],
  dimension_scores: ['分项得分', 'Scores by dimension'],
  finalized_at: ['定档时间', 'Finalised at'],
  finalized_by: ['定档人', 'Finalised by'],
  raised_at: ['提出时间', 'Raised at'],
  resolved_at: ['处理时间', 'Resolved at'],
  resolved_by: ['处理人', 'Resolved by'],
  respondents: ['参评人数', 'Respondents'],
  votes: ['测评票数', 'Votes'],
  absent_days: ['缺勤天数', 'Days absent'],
  positions: ['招聘名额', 'Positions'],
  steps: ['招聘环节', 'Steps'],
  review_required: ['须经上级审核', 'Review required'],
  review_note: ['审核意见', 'Review note'],
  reviewed_by: ['审核人', 'Reviewed by'],
  reviewed_at: ['审核时间', 'Reviewed at'],
  education: ['学历', 'Education'],
  eligible: ['符合报考条件', 'Eligible'],
  priority: ['优先录用', 'Priority'],
  outcomes: ['各环节结果', 'Outcomes'],
  failures: ['不符合条件', 'Failures'],
  hired_worker_id: ['录用人员', 'Hired worker'],
  added: ['新增', 'Added'],
  plan: ['考核方案', 'Plan'],
  due_on: ['截止日期', 'Due on'],
  uploaded_by: ['上传人', 'Uploaded by'],
  confirmed_at: ['确认时间', 'Confirmed at'],
  updated_by: ['修改人', 'Changed by'],
  updated_at: ['修改时间', 'Changed at'],
  calculated_at: ['核算时间', 'Calculated at'],
  totp_enabled: ['已启用动态验证码', 'Second factor on'],
  password_changed_at: ['密码修改时间', 'Password changed at'],
  credentials_issued_by: ['开通人', 'Credentials issued by'],
  // Payroll: a run's calculation and its bank file (exports/service.py).
  attempts: ['核算次数', 'Attempts'],
  processed: ['已核算人数', 'Calculated'],
  total: ['合计金额', 'Total'],
  owed_back: ['应退回金额', 'Owed back'],
  format: ['文件格式', 'File format'],
  bank_file_sha256: ['代发文件校验码', 'Bank file checksum'],
  bank_file_by: ['代发文件生成人', 'Bank file made by'],
  bank_file_at: ['代发文件生成时间', 'Bank file made at'],
  sha256: ['文件校验码', 'File checksum'],
  file_sha256: ['文件校验码', 'File checksum'],
  valid_count: ['可导入行数', 'Valid rows'],
  clause: ['依据条款', 'Clause'],
  based_on_id: ['基于版本', 'Based on version'],
  region_name: ['区划名称', 'Region name'],
  // Assessment: results from before the system, probation cases.
  imported: ['已导入', 'Imported'],
  revision: ['修订次数', 'Revision'],
  historical: ['历史结果', 'Historical'],
  source_document: ['来源文件', 'Source document'],
  ending_from: ['试用期结束自', 'Probation ending from'],
  ending_by: ['试用期结束至', 'Probation ending by'],
  opened: ['开启', 'Opened'],
  // Registry: a contract renewal, a change dated by `on`.
  on: ['日期', 'On'],
  term_basis: ['期限依据', 'Term basis'],
  renewal_status: ['续聘资格', 'Renewal eligibility'],
  last_result: ['最近年度考核结果', 'Last annual result'],
  step_index: ['当前环节', 'Current step'],
  facts: ['报名信息', 'Application facts'],
};

/** A field's label where an entity means something of its own by it (a bank file's `total`, a cycle's `source`). */
export const ENTITY_FIELDS: Record<string, Labels> = {
  payroll_run: { total: ['代发合计', 'Bank file total'], rows: ['代发人数', 'People paid'] },
  payslip: { rows: ['申报人数', 'People declared'] },
  cycle: { source: ['名单来源', 'List from'], added: ['列入考核', 'Listed'], skipped: ['未列入', 'Not listed'] },
  probation_case: { opened: ['开启考核', 'Opened'] },
};

/** An audit field in words: the entity's own label for it, else the common one; an unknown field unchanged. */
export function fieldLabel(entity: string | null | undefined, field: string, lang: 'zh' | 'en'): string {
  const own = ENTITY_FIELDS[entity ?? '']?.[field];
  return own ? own[lang === 'en' ? 1 : 0] : label(FIELDS, field, lang);
}

/** GB/T 3304 — 中国各民族名称的罗马字母拼写法和代码 (the 56 ethnic groups, then 其他 / 外国血统). */
export const ETHNICITIES: [string, string, string][] = [
  ['01', '汉族', 'Han'], ['02', '蒙古族', 'Mongol'], ['03', '回族', 'Hui'], ['04', '藏族', 'Zang (Tibetan)'],
  ['05', '维吾尔族', 'Uygur'], ['06', '苗族', 'Miao'], ['07', '彝族', 'Yi'], ['08', '壮族', 'Zhuang'],
  ['09', '布依族', 'Buyei'], ['10', '朝鲜族', 'Chosen (Korean)'], ['11', '满族', 'Man (Manchu)'], ['12', '侗族', 'Dong'],
  ['13', '瑶族', 'Yao'], ['14', '白族', 'Bai'], ['15', '土家族', 'Tujia'], ['16', '哈尼族', 'Hani'],
  ['17', '哈萨克族', 'Kazak'], ['18', '傣族', 'Dai'], ['19', '黎族', 'Li'], ['20', '傈僳族', 'Lisu'],
  ['21', '佤族', 'Va'], ['22', '畲族', 'She'], ['23', '高山族', 'Gaoshan'], ['24', '拉祜族', 'Lahu'],
  ['25', '水族', 'Sui'], ['26', '东乡族', 'Dongxiang'], ['27', '纳西族', 'Naxi'], ['28', '景颇族', 'Jingpo'],
  ['29', '柯尔克孜族', 'Kirgiz'], ['30', '土族', 'Tu'], ['31', '达斡尔族', 'Daur'], ['32', '仫佬族', 'Mulao'],
  ['33', '羌族', 'Qiang'], ['34', '布朗族', 'Blang'], ['35', '撒拉族', 'Salar'], ['36', '毛南族', 'Maonan'],
  ['37', '仡佬族', 'Gelao'], ['38', '锡伯族', 'Xibe'], ['39', '阿昌族', 'Achang'], ['40', '普米族', 'Pumi'],
  ['41', '塔吉克族', 'Tajik'], ['42', '怒族', 'Nu'], ['43', '乌孜别克族', 'Uzbek'], ['44', '俄罗斯族', 'Russ'],
  ['45', '鄂温克族', 'Ewenki'], ['46', '德昂族', "De'ang"], ['47', '保安族', 'Bonan'], ['48', '裕固族', 'Yugur'],
  ['49', '京族', 'Gin'], ['50', '塔塔尔族', 'Tatar'], ['51', '独龙族', 'Derung'], ['52', '鄂伦春族', 'Oroqen'],
  ['53', '赫哲族', 'Hezhen'], ['54', '门巴族', 'Monba'], ['55', '珞巴族', 'Lhoba'], ['56', '基诺族', 'Jino'],
  ['97', '其他', 'Other'], ['98', '外国血统中国籍人士', 'Foreign origin'],
];

/** GB/T 4762 — 政治面貌代码 (the standard's short names, as the registry stores them). */
export const POLITICAL_STATUSES: [string, string, string][] = [
  ['01', '中共党员', 'CPC member'], ['02', '中共预备党员', 'CPC probationary member'], ['03', '共青团员', 'CYL member'],
  ['04', '民革党员', 'RCCK member'], ['05', '民盟盟员', 'CDL member'], ['06', '民建会员', 'CNDCA member'],
  ['07', '民进会员', 'CAPD member'], ['08', '农工党党员', 'CPWDP member'], ['09', '致公党党员', 'CZGP member'],
  ['10', '九三学社社员', 'Jiusan Society member'], ['11', '台盟盟员', 'TDSGL member'], ['12', '无党派人士', 'Non-party'],
  ['13', '群众', 'Ordinary citizen'],
];

/** Options whose value is the Chinese name (what the registry stores) and whose label follows the language. */
export function codeListOptions(list: [string, string, string][], lang: 'zh' | 'en') {
  return list.map(([code, zh, en]) => ({ value: zh, label: lang === 'en' ? `${en} (${zh})` : zh, code }));
}

export function translateCodeList(list: [string, string, string][], value: string | null | undefined, lang: 'zh' | 'en'): string {
  if (!value) return '—';
  const entry = list.find(([, zh]) => zh === value);
  return entry && lang === 'en' ? entry[2] : value;
}

export { label as labelOf, options as optionsOf } from './codes';
import { CERTIFICATES, EDUCATION, label, POSTS, RESULTS, STATUSES } from './codes';

const EVERYTHING: Labels[] = [POSTS, STATUSES, EDUCATION, CERTIFICATES, RESULTS, RUN_STATES, JOB_STATUSES, RUN_KINDS, ASSESSMENT_STATUSES, ASSESSMENT_KINDS, OBJECTION_STATUSES, TRAINING_KINDS, LEVELS, HONOUR_LEVELS, HEAD_ROLES, OTHER_STATUSES, IMPORT_OUTCOMES, SCHEME_STATES, ROLES, APPROVAL_STEPS, RECRUITMENT_STEPS, DISCIPLINE_KINDS];

/** Where a code stands: the entity (an audit entry's) and the field that holds it. */
export interface CodeContext {
  entity?: string | null;
  field?: string | null;
}

/**
 * A code in words: in the list its entity's field takes its values from (`VALUE_LISTS`: a quota exception's
 * `pending` is 待审批, an assessment's 待建议), else from the first list above that has it; an unknown code comes
 * back unchanged.
 */
export function describe(code: string | null | undefined, lang: 'zh' | 'en', where?: CodeContext): string {
  if (code === null || code === undefined || code === '') return '—';
  const own = where?.field ? (VALUE_LISTS[where.entity ?? '']?.[where.field] ?? VALUE_LISTS['*'][where.field]) : undefined;
  for (const labels of own ? [own, ...EVERYTHING] : EVERYTHING) if (labels[code]) return labels[code][lang === 'en' ? 1 : 0];
  return code;
}

/** An ISO timestamp in the browser's time zone as `YYYY-MM-DD HH:mm`; a bare date stays a date. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed.format('YYYY-MM-DD HH:mm') : value;
}

/** A request's state (quota exceptions, community numbers): [中文, English, tag colour]. */
export const DECISION_STATUS: Record<string, [string, string, string]> = {
  pending: ['待审批', 'pending', 'orange'],
  approved: ['已批准', 'approved', 'green'],
  rejected: ['已驳回', 'rejected', 'red'],
};

/** The same states as words only (a code list). */
export const DECISION_STATUSES: Labels = Object.fromEntries(Object.entries(DECISION_STATUS).map(([code, [zh, en]]) => [code, [zh, en]]));

// Payroll's bank file (exports/service.py): the file's format.
export const FILE_FORMATS: Labels = {
  csv: ['文本文件（逗号分隔）', 'Comma-separated text'],
  xlsx: ['Excel 表格', 'Excel workbook'],
};

// Why a worker was not listed for an assessment cycle (assessment cycles/service.py assessee_from_facts, _insert).
export const SKIP_REASONS: Labels = {
  left_before_year_end: ['年底前已离岗', 'Left before the year end'],
  hired_after_year: ['该年度结束后入职', 'Hired after the year'],
  not_in_post_long_enough: ['年度内在岗时间不足', 'Not in post long enough that year'],
  no_community: ['未登记所在社区', 'No community recorded'],
  on_probation: ['年底仍在试用期（期满时另行考核）', 'On probation at the year end (assessed when it ends)'],
  unreadable_facts: ['人员信息无法读取', 'Record could not be read'],
  historical_result: ['已有该年度历史考核结果', 'A result of that year is already recorded'],
};

// Where a cycle's assessees came from (the audit entry's `source`).
export const ASSESSEE_SOURCES: Labels = {
  registry: ['人员库', 'The registry'],
  explicit: ['逐个指定', 'Named one by one'],
};

/**
 * The code list each field's values come from, by entity ('*': any entity). A status is read in its own
 * entity's list, never in the first list that happens to have the code.
 */
/** A contract renewal's eligibility (registry workers/renewal.py `renewal_status`). */
export const RENEWAL_STATUSES: Labels = {
  eligible: ['符合续聘条件', 'Eligible'],
  not_eligible: ['不符合续聘条件', 'Not eligible'],
  pending: ['待考核结果确定', 'Awaiting the assessment result'],
  no_condition: ['未规定续聘条件', 'No renewal condition'],
  assessment_unavailable: ['考核服务暂不可用', 'Assessment service unavailable'],
};

export const VALUE_LISTS: Record<string, Record<string, Labels>> = {
  '*': {
    format: FILE_FORMATS, role: ROLES, result: RESULTS, proposed_result: RESULTS, post: POSTS, education_level: EDUCATION,
    certificate_level: CERTIFICATES, borrower_level: LEVELS, organiser_level: LEVELS, head_role: HEAD_ROLES,
    other_status: OTHER_STATUSES, step: APPROVAL_STEPS,
  },
  quota_exception: { status: DECISION_STATUSES },
  community_number: { status: DECISION_STATUSES },
  leave_request: { status: DECISION_STATUSES },
  assessment: { status: ASSESSMENT_STATUSES, kind: ASSESSMENT_KINDS },
  objection: { status: OBJECTION_STATUSES },
  worker: { status: STATUSES, renewal_status: RENEWAL_STATUSES },
  payroll_run: { state: RUN_STATES, job_status: JOB_STATUSES, kind: RUN_KINDS },
  pay_scheme: { status: SCHEME_STATES },
  reference_figure: { kind: FIGURE_KINDS, status: FIGURE_STATUSES },
  training_record: { kind: TRAINING_KINDS },
  discipline_record: { kind: DISCIPLINE_KINDS },
  worker_import: { status: IMPORT_OUTCOMES },
  historical_import: { state: IMPORT_OUTCOMES, status: IMPORT_OUTCOMES },
  recruitment_campaign: { step: RECRUITMENT_STEPS },
  cycle: { source: ASSESSEE_SOURCES, reason: SKIP_REASONS },
};
