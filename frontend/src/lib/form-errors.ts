import type { FormInstance } from 'antd';
import { ApiError, type FieldProblem } from './problem';

/** "contract.end_date" or "items.0.name" -> ['contract', 'end_date'] / ['items', 0, 'name'] (antd NamePath). */
export function fieldPath(field: string): (string | number)[] {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * The form's field an API error names: the same name, or — for a form whose one row (or one value copied to
 * every row) is sent as a batch — a row's field, "visits.0.visit_date" -> "visit_date".
 */
function formField(field: string, present: Set<string>): string | undefined {
  if (present.has(field)) return field;
  const inRow = /^\w+\.\d+\.(.+)$/.exec(field)?.[1];
  return inRow !== undefined && present.has(inRow) ? inRow : undefined;
}

/**
 * Show the API's field errors next to the form's fields (the same message of several rows once). Returns the
 * errors that name no field of the form, so the caller can show them (with the problem's message) above the form.
 */
export function applyProblemToForm(
  form: Pick<FormInstance, 'setFields' | 'getFieldsValue'>,
  error: unknown,
  lang: 'zh' | 'en',
  knownFields?: string[],
): FieldProblem[] {
  if (!(error instanceof ApiError)) return [];
  const problems = error.problem.errors ?? [];
  const present = new Set(knownFields ?? collectNames(form.getFieldsValue()));
  const byField = new Map<string, string[]>();
  const unmatched: FieldProblem[] = [];
  for (const problem of problems) {
    const field = formField(problem.field, present);
    if (field !== undefined) {
      const list = byField.get(field) ?? [];
      const message = lang === 'en' ? problem.message_en : problem.message_zh;
      if (!list.includes(message)) list.push(message);
      byField.set(field, list);
    } else {
      unmatched.push(problem);
    }
  }
  form.setFields([...byField].map(([field, errors]) => ({ name: fieldPath(field), errors })));
  return unmatched;
}

function collectNames(values: unknown, prefix = ''): string[] {
  if (values === null || typeof values !== 'object' || values instanceof Date || isDayjs(values)) {
    return prefix ? [prefix] : [];
  }
  const names: string[] = prefix ? [prefix] : [];
  for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
    names.push(...collectNames(value, prefix ? `${prefix}.${key}` : key));
  }
  return names;
}

function isDayjs(value: object): boolean {
  return typeof (value as { isValid?: unknown }).isValid === 'function';
}
