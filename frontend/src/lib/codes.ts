// Shared code lists (docs/contracts.md), labelled in Chinese and English.
type Labels = Record<string, [string, string]>;

export const POSTS: Labels = {
  nx_head: ['两委正职', 'Committee head'],
  nx_deputy: ['两委副职', 'Committee deputy'],
  nx_member: ['两委其他专职成员', 'Committee member'],
  nx_staff: ['专职工作人员', 'Full-time staff'],
  ss_head: ['正职', 'Head'],
  ss_deputy: ['副职', 'Deputy'],
  ss_staff: ['工作人员', 'Staff'],
};

export const EDUCATION: Labels = {
  below_dazhuan: ['大专以下', 'Below associate'],
  dazhuan: ['大专', 'Associate degree'],
  benke: ['本科', 'Bachelor'],
  master: ['硕士', 'Master'],
  doctor: ['博士', 'Doctorate'],
};

export const CERTIFICATES: Labels = {
  assistant_social_worker: ['助理社会工作师', 'Assistant social worker'],
  social_worker: ['社会工作师', 'Social worker'],
  senior_social_worker: ['高级社会工作师', 'Senior social worker'],
};

export const STATUSES: Labels = {
  probation: ['试用期', 'Probation'],
  active: ['在岗', 'Active'],
  seconded: ['借调', 'Seconded'],
  resigned: ['辞职', 'Resigned'],
  dismissed: ['解聘', 'Dismissed'],
  retired: ['退休', 'Retired'],
  deceased: ['去世', 'Deceased'],
};

export const RESULTS: Labels = {
  excellent: ['优秀', 'Excellent'],
  competent: ['合格', 'Competent'],
  basically_competent: ['基本合格', 'Basically competent'],
  incompetent: ['不合格', 'Incompetent'],
};

export function label(labels: Labels, code: string | null | undefined, lang: 'zh' | 'en'): string {
  if (!code) return '—';
  const entry = labels[code];
  return entry ? entry[lang === 'en' ? 1 : 0] : code;
}

export function options(labels: Labels, lang: 'zh' | 'en') {
  return Object.entries(labels).map(([value, names]) => ({ value, label: names[lang === 'en' ? 1 : 0] }));
}
