import { describe, expect, it } from 'vitest';
import { clauseText, documentNames, ruleParamLabel, ruleValue, sourceText, termBasisText } from './rule-words';
import { describe as describeCode } from './vocab';

const LATIN = /[A-Za-z]/;

describe('rule parameters in words', () => {
  it('labels every parameter of the secondment limits and the quota rules', () => {
    expect(ruleParamLabel('approvals', 'zh')).toBe('审批环节');
    expect(ruleParamLabel('max_months_joins_within_days', 'zh')).toBe('前后借调相隔不超过（天）即连续计算');
    expect(ruleParamLabel('per_10000_urban_residents', 'zh')).toBe('每万城镇常住人口配备人数');
    expect(ruleParamLabel('households_per_worker', 'en')).toBe('Households per worker');
    for (const key of ['approval_required', 'forbidden_borrower_levels', 'max_concurrent_per_community', 'max_months', 'minimum']) {
      expect(ruleParamLabel(key, 'zh')).not.toMatch(LATIN);
    }
  });

  it('names values through the list of their parameter', () => {
    expect(ruleValue('forbidden_borrower_levels', ['county', 'city', 'province', 'central'], 'zh')).toBe('县级、市级、省级、中央');
    expect(ruleValue('approval_required', true, 'zh')).toBe('是');
    expect(ruleValue('excluded', ['retired', 'toll_station_transferee'], 'zh')).toBe('退休人员、原收费站撤站分流人员');
    expect(ruleValue('exit_kinds', ['expelled_from_party', 'sentenced'], 'zh')).toBe('开除党籍、被判处刑罚');
    expect(ruleValue('steps', ['plan', 'exam'], 'zh')).toBe('制定招聘方案、笔试与面试');
    expect(ruleValue('share', '0.35', 'zh')).toBe('35%');
    expect(ruleValue('scope_digits', 6, 'zh')).toBe('本县（区）');
    expect(ruleValue('excluded', [], 'zh')).toBe('无');
  });

  it('labels nested values: posts, levels, sexes and table rows', () => {
    expect(ruleValue('yearly_hours', { ss_head: 56, default: 40 }, 'zh')).toBe('正职：56，其他岗位：40');
    expect(ruleValue('max_months_by_term', [{ max_months: 1, term_months_from: 3 }, { max_months: 2, term_months_from: 12 }], 'zh')).toBe(
      '合同期限满3个月的，试用期不超过1个月；合同期限满12个月的，试用期不超过2个月',
    );
    expect(ruleValue('days_by_service_years', [{ days: 5, from_years: 1 }], 'zh')).toBe('工作满1年：5天');
    expect(ruleValue('targets', [{ year: 2025, share: '0.35' }, { year: 2030, share: '0.50' }], 'zh')).toBe('2025年：35%；2030年：50%');
    expect(ruleValue('by_sex', { F: { base_age_months: 660, max_delay_months: 36 } }, 'zh')).toBe('女：原退休年龄（月）：660，最多延迟（月）：36');
    expect(ruleValue('secretary_roles', ['secretary', 'both'], 'zh')).toBe('书记、一肩挑（书记兼主任）');
    expect(
      ruleValue('approvals', [{ step: 'review', body_zh: '区民政局', body_en: 'the district civil-affairs bureau' }, { step: 'approve', body_zh: '区政府', body_en: 'the district government' }], 'zh'),
    ).toBe('区民政局审核、区政府批准');
    expect(ruleValue('approvals', [{ step: 'approve', body_zh: '区政府', body_en: 'the district government' }], 'en')).toBe('approval by the district government');
  });
});

describe('where a rule comes from', () => {
  it('names the document and the article in Chinese', () => {
    // The central opinion's items are numbered 1.–17. (“17.深化减负增效”): cited as 第17条, never with a Latin §.
    expect(sourceText('CENTRAL §17', 'zh')).toBe('中央《关于加强社区工作者队伍建设的意见》第17条（深化减负增效）');
    expect(sourceText('CENTRAL §13; NX; IM art.32', 'zh')).toBe(
      '中央《关于加强社区工作者队伍建设的意见》第13条（建立激励发展机制）；宁夏《实施意见》；内蒙古《社区工作者管理办法（试行）》第32条',
    );
    expect(sourceText('IM art.24', 'zh')).toBe('内蒙古《社区工作者管理办法（试行）》第24条');
    expect(sourceText('IM art.9–11', 'zh')).toBe('内蒙古《社区工作者管理办法（试行）》第9–11条');
    expect(sourceText('IM art.37(五)', 'zh')).toBe('内蒙古《社区工作者管理办法（试行）》第37条（五）');
    expect(sourceText('SS 二(四)2', 'zh')).toBe('松山区《社区工作者职业体系建设实施方案》二(四)2');
    expect(sourceText('NX 二 健全培训机制', 'zh')).toBe('宁夏《实施意见》二 健全培训机制');
    expect(sourceText('Labour Contract Law art.19', 'zh')).toBe('《劳动合同法》第19条');
    expect(sourceText('职工带薪年休假条例 art.3', 'zh')).toBe('《职工带薪年休假条例》第3条');
  });

  it('leaves the English notes to the English interface', () => {
    const plan = "CENTRAL §10: political quality, work performance, residents' satisfaction (weights are operational defaults no text sets)";
    expect(sourceText(plan, 'zh')).toBe('中央《关于加强社区工作者队伍建设的意见》第10条（健全考核奖惩机制）');
    expect(sourceText(plan, 'en')).toBe(plan);
    expect(sourceText('operational (no policy text sets a notice window)', 'zh')).toBe('工作安排（政策文件未作规定）');
    expect(sourceText('issue 11 (internal control; no policy text sets these)', 'zh')).toBe('内部控制要求（政策文件未作规定）');
    expect(sourceText('IM art.23 (over SS 三.1)', 'zh')).toBe('内蒙古《社区工作者管理办法（试行）》第23条（优先于 松山区《社区工作者职业体系建设实施方案》三.1）');
    expect(sourceText('State Council gradual retirement-age reform 2024', 'zh')).toBe('国务院渐进式延迟法定退休年龄改革（2024年）');
    // Several documents, one of them without a text.
    expect(sourceText('SS 二(四)5; operational', 'zh')).toBe('松山区《社区工作者职业体系建设实施方案》二(四)5；工作安排（政策文件未作规定）');
    expect(sourceText('SS 二(四)2; IM art.24; CENTRAL §17', 'zh')).toBe(
      '松山区《社区工作者职业体系建设实施方案》二(四)2；内蒙古《社区工作者管理办法（试行）》第24条；中央《关于加强社区工作者队伍建设的意见》第17条（深化减负增效）',
    );
  });

  it('quotes the clause in the text’s own words, without the reading', () => {
    expect(clauseText('§17 「县级以上机关事业单位不得借调社区工作者」', 'zh')).toBe('第17条「县级以上机关事业单位不得借调社区工作者」');
    expect(clauseText('§3 「市地级或县级层面实行总量控制」 (either level)', 'zh')).toBe('第3条「市地级或县级层面实行总量控制」');
    expect(clauseText('art.24 「借调时间不得超过3个月」 — reading: a worker’s time on secondment', 'zh')).toBe('第24条「借调时间不得超过3个月」');
    expect(clauseText('「同一时期同一社区借调人员不得超过2人」 — reading: on no single day', 'zh')).toBe('「同一时期同一社区借调人员不得超过2人」');
    expect(clauseText('reading of art.24: a secondment starting at most this many days after', 'zh')).toBe('本系统的理解（文件未逐字规定）');
    expect(clauseText('none: how early officers are reminded', 'zh')).toBe('政策文件未作规定');
    expect(clauseText('§12 (as above)', 'zh')).toBeNull();
    expect(clauseText('art.24 「借调时间不得超过3个月」 — reading', 'en')).toBe('art.24 「借调时间不得超过3个月」 — reading');
  });
});

describe('documents named in a text', () => {
  it('names the documents a pay clause cites by their Chinese names', () => {
    expect(documentNames('NX：基本薪酬按所在地级市上年度全口径城镇单位就业人员月平均工资的55%确定')).toBe(
      '宁夏《实施意见》：基本薪酬按所在地级市上年度全口径城镇单位就业人员月平均工资的55%确定',
    );
    expect(documentNames('SS 二.2(1)：基本工资根据本人所对应的岗位等级确定')).toBe('松山区《社区工作者职业体系建设实施方案》二.2(1)：基本工资根据本人所对应的岗位等级确定');
    expect(documentNames('NX 未规定试用期比例（按100%）')).toBe('宁夏《实施意见》未规定试用期比例（按100%）');
    expect(documentNames('国发〔2018〕41号第十四、十五条：首套住房贷款利息')).toBe('国发〔2018〕41号第十四、十五条：首套住房贷款利息');
  });
});

describe("a renewed contract's term basis and eligibility in words (the audit trail)", () => {
  it('names the rule by its text, the catalogue or the current contract; never the registry\'s English', () => {
    expect(termBasisText('contract.term staff_years (SS 二(四)5)', 'zh')).toBe('聘期规则（松山区《社区工作者职业体系建设实施方案》二(四)5）');
    expect(termBasisText('post catalogue contract_term_years', 'zh')).toBe('岗位目录规定');
    expect(termBasisText("the current contract's term", 'zh')).toBe('同现合同期限');
    expect(termBasisText("the current contract's term", 'en')).toBe("the current contract's term");
  });

  it("reads a worker's renewal_status by the renewal words, not another list's", () => {
    expect(describeCode('no_condition', 'zh', { entity: 'worker', field: 'renewal_status' })).toBe('未规定续聘条件');
    expect(describeCode('pending', 'zh', { entity: 'worker', field: 'renewal_status' })).toBe('待考核结果确定');
  });
});
