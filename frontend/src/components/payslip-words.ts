// The payroll engine writes each line's working (`inputs`) for both languages at once: amounts and codes with
// English connecting words ("… clamped to …", "probation days of 30", "2024 银川市 average monthly wage
// (official, published 2025-06-30)") or both texts ("暂无考核结果 / no final result yet"). The payslip shows it
// in the reader's language: the words are translated here, the figures are never touched.
import { CERTIFICATES, EDUCATION, POSTS } from '@/lib/codes';
import { HONOUR_LEVELS } from '@/lib/vocab';

type Lang = 'zh' | 'en';
type Labels = Record<string, [string, string]>;

// Every input a line may carry, by name (payroll calculation engine, one-off items, arrears, income tax).
export const INPUT_LABELS: Labels = {
  formula: ['计算', 'Working'],
  base: ['缴费基数', 'Contribution base'],
  rate: ['比例/税率', 'Rate'],
  cost: ['总成本', 'Total cost'],
  proration: ['折算', 'Proration'],
  tax_rules: ['税规', 'Tax rules'],
  income_this_month: ['本月收入', 'Income this month'],
  exempt_this_month: ['本月免税收入', 'Exempt this month'],
  cumulative_income: ['累计收入', 'Cumulative income'],
  cumulative_basic_deduction: ['累计减除费用', 'Cumulative basic deduction'],
  cumulative_social_insurance_housing_fund: ['累计专项扣除（三险一金）', 'Cumulative social insurance and housing fund'],
  cumulative_additional_deductions: ['累计专项附加扣除明细', 'Special additional deductions, by kind'],
  cumulative_additional_total: ['累计专项附加扣除', 'Cumulative special additional deductions'],
  cumulative_other_deductions: ['累计其他扣除明细', 'Other deductions, by kind'],
  cumulative_other_total: ['累计其他扣除', 'Cumulative other deductions'],
  deduction_working: ['扣除计算', 'Deductions worked out'],
  cumulative_taxable: ['累计应纳税所得额', 'Cumulative taxable income'],
  cumulative_tax_due: ['累计应纳税额', 'Cumulative tax due'],
  quick_deduction: ['速算扣除数', 'Quick deduction'],
  already_withheld: ['累计已预扣税额', 'Already withheld'],
  tax_this_month: ['本月应预扣税额', 'Tax this month'],
  result: ['考核结果', 'Assessment result'],
  year: ['年度', 'Year'],
  factor: ['系数', 'Factor'],
  months_paid: ['计发月数', 'Months paid'],
  basis_month: ['基数月份', 'Basis month'],
  standard: ['标准', 'Standard'],
  unit: ['分配单位', 'Distributed within'],
  pot: ['绩效总量', 'Pot'],
  workers_in_pot: ['参与分配人数', 'Workers sharing the pot'],
  distribution: ['分配方式', 'Distributed by'],
  weight: ['本人权重', 'Own weight'],
  total_weight: ['权重合计', 'Total weight'],
  held: ['暂缓原因', 'Held because'],
  certificate: ['证书', 'Certificate'],
  approved_on: ['批准日期', 'Approved on'],
  paid_from: ['起发月份', 'Paid from'],
  honour: ['表彰', 'Honour'],
  service_years: ['服务年限', 'Years of service'],
  years_in_office: ['任职年限', 'Years in office'],
  retired_on: ['退休日期', 'Retired on'],
  employer_contributions: ['单位缴纳五险一金', 'Employer contributions'],
  employee_contributions: ['个人缴纳五险一金', 'Worker contributions'],
  month: ['所属月份', 'Month'],
  old_gross: ['原应发', 'Gross before'],
  new_gross: ['重算应发', 'Gross recalculated'],
  difference: ['差额', 'Difference'],
  basis: ['依据', 'Basis'],
  taxable: ['是否计税', 'Taxable'],
  method: ['计税方式', 'Method'],
  bonus: ['全年一次性奖金', 'Year-end one-off bonus'],
  bonus_divided_by_12: ['奖金 ÷ 12（确定税率）', 'Bonus ÷ 12 (picks the rate)'],
  available_through: ['政策执行至（年）', 'Available through (year)'],
  year_end_bonus_taxed_separately: ['单独计税的全年一次性奖金（不计入累计收入）', 'Year-end bonus taxed separately (not in the cumulative income)'],
  reason: ['原因', 'Reason'],
};

// Codes a working may name, in words: distribution units and methods, deduction kinds, figure statuses.
const CODE_WORDS: Labels = {
  township: ['乡镇（街道）', 'township'],
  county: ['县（区）', 'county'],
  standard_share: ['按标准份额', 'by standard share'],
  months_paid: ['按计发月数', 'by months paid'],
  children_education: ['子女教育', 'children’s education'],
  continuing_education: ['继续教育', 'continuing education'],
  elderly_support: ['赡养老人', 'elderly support'],
  housing_loan_interest: ['住房贷款利息', 'housing loan interest'],
  housing_rent: ['住房租金', 'housing rent'],
  infant_care: ['3岁以下婴幼儿照护', 'infant care'],
  serious_illness: ['大病医疗', 'serious illness'],
  private_pension: ['个人养老金', 'private pension'],
  tax_favoured_health_insurance: ['税优健康险', 'tax-favoured health insurance'],
  grade_pay: ['等级薪酬表', 'grade pay table'],
  base_pay: ['基本薪酬表', 'base pay table'],
  separate: ['单独计税', 'taxed separately'],
  combined: ['并入综合所得', 'added to the cumulative income'],
};
const ALL_CODES: Labels = { ...POSTS, ...EDUCATION, ...CERTIFICATES, ...HONOUR_LEVELS, ...CODE_WORDS };

// payroll.policy.figures.FIGURE_LABELS: the English name a figure's description carries, and its Chinese.
const FIGURE_WORDS: [string, string][] = [
  ['per-capita disposable income', '城镇居民人均可支配收入'],
  ['average annual wage', '全口径城镇单位就业人员年平均工资'],
  ['average monthly wage', '全口径城镇单位就业人员月平均工资'],
  ['social insurance base floor', '社保缴费基数下限'],
  ['social insurance base ceiling', '社保缴费基数上限'],
  ['housing fund rate', '住房公积金缴存比例'],
];

const CJK = /[\u3400-\u9fff]/;

/** "中文 / English" (or the other way round): the side in the reader's language; other text unchanged. */
export function pickLanguage(text: string, lang: Lang): string {
  const choose = (a: string, b: string) => {
    if (CJK.test(a) === CJK.test(b)) return null;
    const [zh, en] = CJK.test(a) ? [a, b] : [b, a];
    return lang === 'en' ? en : zh;
  };
  const parts = text.split(' / ');
  if (parts.length === 2) {
    const picked = choose(parts[0], parts[1]);
    if (picked !== null) return picked.trim();
  }
  // "(最大余数法分至分 / largest remainder to the fen)" inside a working.
  return text.replace(/ ?\(([^()]*?) \/ ([^()]*?)\)/g, (whole, a: string, b: string) => {
    const picked = choose(a, b);
    return picked === null ? whole : `（${picked.trim()}）`;
  });
}

const REPLACEMENTS: [RegExp, string | ((...groups: string[]) => string)][] = [
  // A figure's description: "2024 银川市 average monthly wage (official, published 2025-06-30)".
  [
    new RegExp(`(\\d{4}) (\\S+) (${FIGURE_WORDS.map(([en]) => en).join('|')}) \\((official|provisional), published (\\d{4}-\\d{2}-\\d{2})\\)`, 'g'),
    (_, year, where, en, status, date) =>
      `${year}年${where}${FIGURE_WORDS.find(([word]) => word === en)![1]}（${status === 'official' ? '正式公布' : '暂定'}，${date}公布）`,
  ],
  [/standard pay (\S+) clamped to \[([^,\]]+), ([^\]]+)\]/g, '标准工资 $1，限定在下限 $2 与上限 $3 之间'],
  [/scheme default rate/g, '方案默认比例'],
  [/(\S+) withheld/g, '已预扣 $1'],
  [/(\d+) \+ (\d+) × ([\d.]+%) probation days of (\d+)/g, '在岗 $1 天 + 试用期 $2 天 × $3，本月共 $4 天'],
  [/^full month$/g, '整月'],
  [/(\S+) prorated \(/g, '$1 按出勤折算（'],
  [/ ?\(retired from (\d{4}-\d{2}-\d{2})\)/g, '（$1 起退休）'],
  [/, retired →/g, '，已退休 →'],
  [/ ≥ ([\d.]+) years/g, ' ≥ $1 年'],
  [/ \+ employer (\S+)/g, ' + 单位缴纳 $1'],
  [/(\d+(?:\.\d+)?) months?\b/g, '$1 个月'],
  // The pay table and cell a grade pay came from: grade_pay[nx_staff][2].
  [/\b([a-z_]+)\[([a-z_]+)\]\[(\d+)\]/g, (_, table, post, level) => `${words(table, 'zh')}（${words(post, 'zh')} ${level}级）`],
];

function words(code: string, lang: Lang): string {
  const entry = ALL_CODES[code];
  return entry ? entry[lang === 'en' ? 1 : 0] : code;
}

/** A line's working or figure in the reader's language: bilingual texts picked, English words translated, codes named. */
export function explainText(text: string, lang: Lang): string {
  let out = pickLanguage(text, lang);
  if (lang === 'en') return out;
  for (const [pattern, replacement] of REPLACEMENTS) {
    out = typeof replacement === 'string' ? out.replace(pattern, replacement) : out.replace(pattern, replacement as (...args: string[]) => string);
  }
  // Any code left (an education level, a certificate, an honour, a deduction kind): its name.
  return out.replace(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\b[a-z]{4,}\b/g, (code) => words(code, lang));
}

/** One input's label: the known name, else the key as given. */
export function inputLabel(key: string, lang: Lang): string {
  const entry = INPUT_LABELS[key];
  return entry ? entry[lang === 'en' ? 1 : 0] : key;
}

/** One input's value as text: objects as "name value；…", booleans as yes/no, text explained. */
export function explainValue(value: unknown, lang: Lang): string {
  if (typeof value === 'boolean') return lang === 'en' ? (value ? 'yes' : 'no') : value ? '是' : '否';
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `${words(key, lang)} ${explainValue(item, lang)}`)
      .join(lang === 'en' ? '; ' : '；');
  }
  return explainText(String(value), lang);
}
