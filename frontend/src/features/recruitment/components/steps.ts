import { RECRUITMENT_STEPS } from '@/lib/vocab';

// POLICY.md §3 (IM art.8–12): the seven recruitment steps, named in lib/vocab (rule documents list them too).
export function stepLabel(step: string, lang: 'zh' | 'en'): string {
  const entry = RECRUITMENT_STEPS[step];
  return entry ? entry[lang === 'en' ? 1 : 0] : step;
}
