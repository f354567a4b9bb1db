import { describe, expect, it, vi } from 'vitest';
import { applyProblemToForm, fieldPath } from './form-errors';
import { ApiError } from './problem';

const problem = new ApiError(422, {
  code: 'validation_failed',
  message_zh: '字段校验失败',
  message_en: 'validation failed',
  errors: [
    { field: 'national_id', code: 'checksum', message_zh: '身份证号校验位错误', message_en: 'ID number checksum is wrong' },
    { field: 'national_id', code: 'duplicate', message_zh: '身份证号已登记', message_en: 'ID number already registered' },
    { field: 'contract.end_date', code: 'order', message_zh: '结束日期早于开始日期', message_en: 'end before start' },
    { field: 'body', code: 'extra_forbidden', message_zh: '不允许的未知字段', message_en: 'unknown field' },
  ],
});

describe('applyProblemToForm', () => {
  it('sets every message of a field on that field, nested names as paths, and returns the rest', () => {
    const form = { setFields: vi.fn(), getFieldsValue: vi.fn(() => ({ national_id: '1', contract: { end_date: undefined } })) };
    const unmatched = applyProblemToForm(form, problem, 'zh');
    expect(form.setFields).toHaveBeenCalledWith([
      { name: ['national_id'], errors: ['身份证号校验位错误', '身份证号已登记'] },
      { name: ['contract', 'end_date'], errors: ['结束日期早于开始日期'] },
    ]);
    expect(unmatched.map((e) => e.field)).toEqual(['body']);
  });

  it('uses English messages when the interface is in English', () => {
    const form = { setFields: vi.fn(), getFieldsValue: vi.fn(() => ({})) };
    applyProblemToForm(form, problem, 'en', ['national_id']);
    expect(form.setFields).toHaveBeenCalledWith([{ name: ['national_id'], errors: ['ID number checksum is wrong', 'ID number already registered'] }]);
  });

  it('ignores errors that are not API problems', () => {
    const form = { setFields: vi.fn(), getFieldsValue: vi.fn(() => ({})) };
    expect(applyProblemToForm(form, new Error('boom'), 'zh')).toEqual([]);
    expect(form.setFields).not.toHaveBeenCalled();
  });

  it("shows a batch row's error on the form's field of that name, each message once", () => {
    const late = { code: 'date_in_future', message_zh: '培训日期不能晚于今天（2026-12-02）', message_en: 'the training date cannot be after today (2026-12-02)' };
    const batch = new ApiError(422, {
      code: 'validation_failed',
      message_zh: 'records.0.training_date: 培训日期不能晚于今天（2026-12-02）（共 2 行）',
      message_en: 'records.0.training_date: the training date cannot be after today (2026-12-02) (2 rows)',
      errors: [{ field: 'records.0.training_date', ...late }, { field: 'records.1.training_date', ...late },
        { field: 'records.1.unknown', ...late }],
    });
    const form = { setFields: vi.fn(), getFieldsValue: vi.fn(() => ({})) };
    const unmatched = applyProblemToForm(form, batch, 'zh', ['training_date', 'hours']);
    expect(form.setFields).toHaveBeenCalledWith([{ name: ['training_date'], errors: ['培训日期不能晚于今天（2026-12-02）'] }]);
    expect(unmatched.map((e) => e.field)).toEqual(['records.1.unknown']);
  });

  it('turns list indexes into numbers', () => {
    expect(fieldPath('records.2.hours')).toEqual(['records', 2, 'hours']);
  });
});
