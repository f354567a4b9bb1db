import type { ActionField } from './ActionForm';
import { LEAVE_KINDS } from '@/lib/duty-labels';
import { optionsOf } from '@/lib/vocab';

/** The fields of a leave request (the worker's own, or an officer's on a worker's behalf). */
export const leaveFields = (t: (zh: string, en: string) => string, lang: 'zh' | 'en'): ActionField[] => [
  { name: 'kind', label: t('假别', 'Kind'), kind: 'select', required: true, options: optionsOf(LEAVE_KINDS, lang) },
  { name: 'start_date', label: t('开始日期', 'Start'), kind: 'date', required: true },
  { name: 'end_date', label: t('结束日期', 'End'), kind: 'date', required: true },
  { name: 'reason', label: t('事由', 'Reason'), kind: 'textarea' },
];
