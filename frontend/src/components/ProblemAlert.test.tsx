import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/problem';
import { renderPage } from '@/test/render';
import { fieldWords, ProblemAlert } from './ProblemAlert';

const error = new ApiError(422, { code: 'validation_failed', message_zh: '身份证号等 3 项内容不符合要求', message_en: 'validation failed' });
const problem = (field: string, message_zh: string) => ({ field, code: 'x', message_zh, message_en: 'x' });

describe('ProblemAlert', () => {
  it('names each field by the form’s label, else by its words, never by its key', async () => {
    renderPage(
      <ProblemAlert
        error={error}
        labels={{ national_id: '证件号码' }}
        extra={[problem('national_id', '校验位不正确'), problem('visits.0.visit_date', '晚于今天'), problem('grade', '等级由系统计算'), problem('phone', '格式不正确')]}
      />,
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('证件号码：校验位不正确');
    expect(alert).toHaveTextContent('第 1 行走访日期：晚于今天');
    expect(alert).toHaveTextContent('联系电话：格式不正确');
    expect(alert).toHaveTextContent('等级由系统计算');
    expect(alert.textContent).not.toMatch(/national_id|visit_date|grade|phone/);
  });

  it('words for a key', () => {
    expect(fieldWords('national_id', 'zh')).toBe('身份证号');
    expect(fieldWords('national_id', 'en')).toBe('ID number');
    expect(fieldWords('rows.2.phone', 'en')).toBe('row 3, Phone');
    expect(fieldWords('shoe_size', 'zh')).toBeNull();
    expect(fieldWords('0', 'zh')).toBeNull();
  });
});
