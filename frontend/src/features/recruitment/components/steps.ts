// POLICY.md §3 (IM art.8–12): the seven recruitment steps.
const STEP_LABELS: Record<string, [string, string]> = {
  plan: ['制定招聘方案', 'Plan'],
  announcement: ['发布招聘公告', 'Announcement'],
  registration: ['报名与资格审查', 'Registration & eligibility review'],
  exam: ['笔试与面试', 'Written test & interview'],
  medical: ['体检', 'Medical'],
  background_check: ['考察', 'Background check'],
  public_notice: ['公示拟聘用人员名单', 'Public notice of the list'],
};

export function stepLabel(step: string, lang: 'zh' | 'en'): string {
  const entry = STEP_LABELS[step];
  return entry ? entry[lang === 'en' ? 1 : 0] : step;
}
