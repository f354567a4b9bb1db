// Management rules in words (issue 14): each parameter of a rule document (registry rules/defaults.py) by its
// Chinese label, its values through the code lists, the document a rule comes from by its Chinese name and the
// clause that states a number as the text's own words. The English interface keeps the documents' own English.
import { DISCIPLINE_KINDS } from './duty-labels';
import type { Lang } from './i18n';
import { describe, DISQUALIFICATIONS, LEVELS, OTHER_STATUSES, RECRUIT_GROUPS, RECRUITMENT_STEPS, SEX } from './vocab';

type Labels = Record<string, [string, string]>;

/** Every parameter name the shipped rule documents use, nested ones included. */
export const RULE_PARAMS: Labels = {
  // quota
  per_10000_urban_residents: ['每万城镇常住人口配备人数', 'Per 10,000 urban residents'],
  households_per_worker: ['每名社区工作者服务户数', 'Households per worker'],
  minimum: ['每个社区最少人数', 'Minimum per community'],
  county_total_approver_levels: ['县级总量核定层级', "Who approves a county's total"],
  community_number_approver_levels: ['社区人数核定层级', "Who approves a community's number"],
  // who is covered, committee composition
  excluded: ['不纳入人员范围', 'Not covered'],
  excluded_on_committee: ['在两委任职时不纳入的人员', 'Not covered when on the committee'],
  leadership_posts: ['领导职数所含岗位', 'Leadership posts'],
  max_leadership_posts: ['领导职数上限', 'At most leadership posts'],
  party_affairs_min: ['专职党务工作者至少（人）', 'Party-affairs workers at least'],
  local_members_min: ['属地化专职成员至少（人）', 'Members living locally at least'],
  // training
  hours_per_day: ['每培训日折合学时', 'Study hours per training day'],
  yearly_hours: ['每年培训学时', 'Yearly study hours'],
  yearly_days: ['每年培训天数', 'Yearly training days'],
  initial_hours: ['岗前培训学时', 'Initial training hours'],
  initial_days: ['初任培训天数', 'Initial training days'],
  initial_before_start: ['上岗前完成岗前培训', 'Initial training before starting'],
  default: ['其他岗位', 'Other posts'],
  organiser_shares: ['各级组织培训比例', 'Shares by organiser'],
  head_posts: ['正职岗位', 'Head posts'],
  every_years: ['轮训周期（年）', 'Every (years)'],
  exempt_posts: ['不参加轮训的岗位', 'Posts exempt'],
  organiser_levels: ['计入的培训组织层级', 'Organiser levels counted'],
  // secondment
  forbidden_borrower_levels: ['不得借调的单位层级', 'Borrowers not allowed (levels)'],
  approval_required: ['须经批准', 'Approval required'],
  approvals: ['审批环节', 'Approval steps'],
  max_months: ['最长期限（月）', 'At most (months)'],
  max_months_joins_within_days: ['前后借调相隔不超过（天）即连续计算', 'Secondments this many days apart count as one'],
  max_concurrent_per_community: ['同一社区同时借调人数上限', 'At most seconded at once per community'],
  // visits, reserve
  households_per_month: ['每人每月走访户数', 'Households visited a month'],
  candidates_per_secretary_post: ['每个书记岗位后备人选数', 'Reserve candidates per secretary post'],
  // recruitment
  steps: ['招聘环节', 'Steps'],
  review_by_parent_for_levels: ['招聘方案须经上级审核的层级', 'Plans reviewed by the level above'],
  max_age: ['年龄上限（周岁）', 'Maximum age'],
  min_education: ['最低学历', 'Minimum education'],
  relaxable_groups: ['可放宽年龄、学历的人员', 'Groups with relaxed age and education'],
  priority_groups: ['优先录用人员', 'Priority groups'],
  disqualifications: ['不得报考情形', 'Disqualifications'],
  // contracts
  max_months_by_term: ['试用期上限（按合同期限）', 'Maximum probation by contract term'],
  term_months_from: ['合同期限满（月）', 'Contract term from (months)'],
  window_days: ['提前提醒（天）', 'Reminder window (days)'],
  committee_member_years: ['两委成员聘期（年）', "Committee members' term (years)"],
  staff_years: ['专职工作人员聘期（年）', 'Staff term (years)'],
  min_result: ['续聘最低考核等次', 'Lowest result for renewal'],
  lookback_years: ['看最近几年考核（年）', 'Years looked back'],
  // career, service, exit, retirement
  min_service_years: ['连续工作年限（年）', 'Years of continuous service'],
  secretary_term_years: ['任书记年限（年）', 'Years as secretary'],
  secretary_posts: ['书记岗位', 'Secretary posts'],
  secretary_roles: ['书记职务', 'Secretary roles'],
  required_result: ['考核等次要求', 'Required result'],
  result_lookback_years: ['看最近几年考核（年）', 'Years of results looked back'],
  scope_digits: ['工作年限累计范围', 'Where years count'],
  bridge_breaks: ['中断年限连续计算', 'Breaks bridged'],
  consecutive_incompetent_years: ['连续不合格年数', 'Consecutive incompetent years'],
  probation_fail_results: ['试用期考核不通过的等次', 'Probation failed by'],
  consecutive_within_contract_term: ['须在同一聘期内', 'Within one contract term'],
  exit_kinds: ['退出情形', 'Exit causes'],
  reform_start: ['改革起始月份', 'Reform starts'],
  by_sex: ['按性别', 'By sex'],
  base_age_months: ['原退休年龄（月）', 'Base age (months)'],
  max_delay_months: ['最多延迟（月）', 'Longest delay (months)'],
  months_per_step: ['每延迟1个月间隔（月）', 'Months per step'],
  // certification, filing, health, leave
  targets: ['持证比例目标', 'Targets'],
  year: ['年份', 'Year'],
  share: ['比例', 'Share'],
  filing_body: ['备案机关', 'Filing body'],
  checks_per_year: ['每年体检次数', 'Checks a year'],
  days_by_service_years: ['年休假天数（按工作年限）', 'Days by years of service'],
  from_years: ['工作年限满（年）', 'From years of service'],
  days: ['天数', 'Days'],
  // separation of duties, second factor
  run_preparer_not_approver: ['工资核算人不得审批', 'A run’s preparer may not approve it'],
  run_approver_not_payer: ['工资审批人不得确认发放', 'A run’s approver may not mark it paid'],
  scheme_drafter_not_publisher: ['薪酬方案起草人不得发布', 'A scheme’s drafter may not publish it'],
  assessment_proposer_not_decider: ['考核建议人不得决定', 'An assessment’s proposer may not decide it'],
  required_roles: ['须使用动态验证码的角色', 'Roles that must use a second factor'],
};

// A secretary is the head post held as 书记 or both (一肩挑): "书记、书记、主任“一肩挑”" would read as three roles.
const SECRETARY_ROLES: Labels = {
  secretary: ['书记', 'Secretary'],
  director: ['主任', 'Director'],
  both: ['一肩挑（书记兼主任）', 'Both (一肩挑)'],
};

// The code list a parameter's values come from, where describe() would pick the wrong one or none.
const VALUES_BY_PARAM: Record<string, Labels> = {
  forbidden_borrower_levels: LEVELS,
  county_total_approver_levels: LEVELS,
  community_number_approver_levels: LEVELS,
  review_by_parent_for_levels: LEVELS,
  organiser_levels: LEVELS,
  excluded: OTHER_STATUSES,
  excluded_on_committee: OTHER_STATUSES,
  exit_kinds: DISCIPLINE_KINDS,
  relaxable_groups: RECRUIT_GROUPS,
  priority_groups: RECRUIT_GROUPS,
  disqualifications: DISQUALIFICATIONS,
  steps: RECRUITMENT_STEPS,
  secretary_roles: SECRETARY_ROLES,
};

// Rows of a table a rule holds, as a sentence each (the keys come in the database's order, not the text's).
const ROWS: Record<string, (row: Record<string, unknown>, lang: Lang) => string> = {
  max_months_by_term: (row, lang) =>
    lang === 'en' ? `term from ${row.term_months_from} months: at most ${row.max_months} months` : `合同期限满${row.term_months_from}个月的，试用期不超过${row.max_months}个月`,
  days_by_service_years: (row, lang) => (lang === 'en' ? `from ${row.from_years} years: ${row.days} days` : `工作满${row.from_years}年：${row.days}天`),
  targets: (row, lang) => `${row.year}${lang === 'en' ? ': ' : '年：'}${ruleValue('share', row.share, lang)}`,
};

// service.counting's scope: how many digits of the region code two communities share for years to add up.
const SCOPES: Record<string, [string, string]> = {
  '2': ['全省（自治区）', 'Across the province'],
  '4': ['全市', 'Across the city'],
  '6': ['本县（区）', 'Within the county'],
};

const pick = (entry: [string, string], lang: Lang) => entry[lang === 'en' ? 1 : 0];

/** A parameter's name in words (the name itself when no label is known: a rule an officer added). */
export function ruleParamLabel(key: string, lang: Lang): string {
  if (RULE_PARAMS[key]) return pick(RULE_PARAMS[key], lang);
  if (SEX[key]) return pick(SEX[key], lang);
  return describe(key, lang);
}

/** One step a rule names (secondment.limits.approvals): who reviews (审核) or approves (批准). */
export interface ApprovalStep {
  step: 'review' | 'approve';
  body_zh: string;
  body_en: string;
}

export function approvalStep(step: ApprovalStep, lang: string): string {
  if (lang === 'en') return `${step.step === 'review' ? 'review' : 'approval'} by ${step.body_en}`;
  return `${step.body_zh}${step.step === 'review' ? '审核' : '批准'}`;
}

/** A parameter's value in words: codes through their list, yes/no, shares as percentages, nested values labelled. */
export function ruleValue(key: string, value: unknown, lang: Lang): string {
  const zh = lang !== 'en';
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? (zh ? '是' : 'yes') : zh ? '否' : 'no';
  if (key === 'share' && !Number.isNaN(Number(value))) return `${Math.round(Number(value) * 1000) / 10}%`;
  if (key === 'scope_digits' && SCOPES[String(value)]) return pick(SCOPES[String(value)], lang);
  if (Array.isArray(value)) {
    if (value.length === 0) return zh ? '无' : 'none';
    const rows = value.some((item) => item && typeof item === 'object' && !('body_zh' in item));
    return value.map((item) => ruleValue(key, item, lang)).join(rows ? (zh ? '；' : '; ') : zh ? '、' : ', ');
  }
  if (typeof value === 'object') {
    if ('body_zh' in value) return approvalStep(value as ApprovalStep, lang);
    if (ROWS[key]) return ROWS[key](value as Record<string, unknown>, lang);
    return Object.entries(value as Record<string, unknown>)
      .map(([inner, v]) => `${ruleParamLabel(inner, lang)}${zh ? '：' : ': '}${ruleValue(inner, v, lang)}`)
      .join(zh ? '，' : ', ');
  }
  if (typeof value === 'string') {
    const list = VALUES_BY_PARAM[key];
    if (list?.[value]) return pick(list[value], lang);
    return describe(value, lang);
  }
  return String(value);
}

// The four policy texts (POLICY.md) and the other sources rule documents cite, by their Chinese names.
const DOCUMENTS: [RegExp, string][] = [
  [/\bCENTRAL\b/g, '中央《关于加强社区工作者队伍建设的意见》'],
  [/\bNX\b/g, '宁夏《实施意见》'],
  [/\bIM\b/g, '内蒙古《社区工作者管理办法（试行）》'],
  [/\bSS\b/g, '松山区《社区工作者职业体系建设实施方案》'],
  [/Labour Contract Law/g, '《劳动合同法》'],
  [/State Council gradual retirement-age reform (\d{4})/g, '国务院渐进式延迟法定退休年龄改革（$1年）'],
  [/(?<!《)职工带薪年休假条例(?!》)/g, '《职工带薪年休假条例》'],
];

// The central opinion (sources/central-opinion-2024.txt) numbers its 17 items 1.–17. through its six parts
// (“13.建立激励发展机制”), which Chinese readers cite as 第13条; the rule documents write them §13.
const CENTRAL_ITEMS = [
  '明确人员范围', '严格政治把关', '优化工作力量配置', '推动职业水平与岗位等级衔接联动', '提升政治素质', '提高履职本领',
  '增强服务居民群众意识', '健全培训机制', '严格队伍管理', '健全考核奖惩机制', '强化监督约束', '落实薪酬待遇保障',
  '建立激励发展机制', '营造关心关爱氛围', '强化组织实施', '开展评估指导', '深化减负增效',
];

/**
 * Article numbers as Chinese texts write them: art.9–11 → 第9–11条, art.37(五) → 第37条（五）; the central opinion's
 * items §13 → 第13条, with the item's heading (第13条（建立激励发展机制）) where no quotation of it follows.
 */
function articles(text: string, headings = true): string {
  return text
    .replace(/\bart\.(\d+)(?:[–-](\d+))?(?:\(([^)]+)\))?/g, (_, from: string, to?: string, item?: string) =>
      `第${from}${to ? `–${to}` : ''}条${item ? `（${item}）` : ''}`,
    )
    .replace(/§\s*(\d+)(?:[–-](\d+))?/g, (_, from: string, to?: string) => {
      const heading = headings && !to ? CENTRAL_ITEMS[Number(from) - 1] : undefined;
      return `第${from}${to ? `–${to}` : ''}条${heading ? `（${heading}）` : ''}`;
    });
}

/**
 * A text that names policy documents by their short names ("NX：基本薪酬按…", "SS 二.2(1)：…", a pay scheme's
 * clause) with the documents' Chinese names and the articles as Chinese texts number them; the rest unchanged.
 */
export function documentNames(text: string): string {
  let out = text;
  for (const [pattern, name] of DOCUMENTS) out = out.replace(pattern, name);
  return articles(out).replace(/《([^》]+)》\s+/g, '《$1》');
}

/**
 * Where a rule comes from, in the reader's language. English: as the document records it. Chinese: the document's
 * name and the clause's number; the English notes some sources carry (the reading, what is operational) are left
 * to the English interface, and a source that cites no text says so.
 */
export function sourceText(source: string | null | undefined, lang: Lang): string {
  if (!source) return '—';
  if (lang === 'en') return source;
  // A rule whose numbers come from several documents lists them: "SS 二(四)5; operational" (a ";" inside a
  // note's brackets does not part them).
  return source.split(/;\s+(?![^(]*\))/).map(oneSource).join('；');
}

function oneSource(source: string): string {
  if (/^operational\b/.test(source)) return '工作安排（政策文件未作规定）';
  if (/^issue \d+/.test(source)) return '内部控制要求（政策文件未作规定）';
  let text = source.replace(/\(over ([^)]+)\)/g, '（优先于 $1）');
  text = text.replace(/:\s.*$/s, ''); // "CENTRAL §10: political quality, …" — the note after the reference
  text = documentNames(text).replace(/\s*\([^)]*[A-Za-z][^)]*\)/g, ''); // any English note left in brackets
  return text.replace(/《([^》]+)》\s+/g, '《$1》').replace(/\s+（/g, '（').trim();
}

/**
 * The clause that states a number, in the reader's language: in Chinese its reference and the text's own words
 * (「…」), without the English reading; a note that quotes no text says it is the system's reading. English: as
 * recorded.
 */
export function clauseText(clause: string | null | undefined, lang: Lang): string | null {
  if (!clause) return null;
  if (lang === 'en') return clause;
  const quotes = clause.match(/「[^」]*」/g);
  if (quotes) {
    const reference = articles(clause.slice(0, clause.indexOf('「')), false).replace(/[A-Za-z:()\s—-]+$/g, '').trim();
    return `${reference}${quotes.join('…')}`;
  }
  if (/^(reading|none)\b/.test(clause)) return clause.startsWith('none') ? '政策文件未作规定' : '本系统的理解（文件未逐字规定）';
  return /[A-Za-z]/.test(clause) ? null : clause;
}

/**
 * Where a renewed contract's term came from, as the registry records it (workers/renewal.py `term_basis`):
 * "contract.term <key> (<source>)", "post catalogue contract_term_years" or "the current contract's term".
 */
export function termBasisText(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  if (text === "the current contract's term") return '同现合同期限';
  if (text === 'post catalogue contract_term_years') return '岗位目录规定';
  const rule = /^contract\.term \S+ \((.*)\)$/s.exec(text);
  return rule ? `聘期规则（${sourceText(rule[1], 'zh')}）` : text;
}
