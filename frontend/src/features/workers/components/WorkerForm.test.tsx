import { fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/problem';
import { jsonResponse, renderPage } from '@/test/render';
import { WorkerForm } from './WorkerForm';

describe('WorkerForm', () => {
  beforeEach(() => vi.stubGlobal('fetch', vi.fn(async () => jsonResponse([]))));
  afterEach(() => vi.unstubAllGlobals());

  it('shows each API field error under its field and the rest above the form', async () => {
    const worker = { id: 'w1', name: '张三', national_id: '640104199001011234', post: 'nx_staff', status: 'active', version: 3, phone: null } as never;
    const onSubmit = vi.fn().mockRejectedValue(
      new ApiError(422, {
        code: 'validation_failed',
        message_zh: '身份证号、联系电话等 3 项内容不符合要求',
        message_en: 'validation failed',
        errors: [
          { field: 'national_id', code: 'checksum', message_zh: '身份证号校验位错误', message_en: 'bad checksum' },
          { field: 'phone', code: 'pattern', message_zh: '手机号格式不正确', message_en: 'bad phone' },
          { field: 'grade', code: 'derived', message_zh: '等级由系统计算', message_en: 'grade is computed' },
        ],
      }),
    );
    renderPage(<WorkerForm worker={worker} submitting={false} onSubmit={onSubmit} />);
    fireEvent.change(screen.getByLabelText('身份证号'), { target: { value: '640104199001011235' } });
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));

    const idError = await screen.findByText('身份证号校验位错误');
    expect(idError.closest('.ant-form-item')).toContainElement(screen.getByLabelText('身份证号'));
    const phoneError = await screen.findByText('手机号格式不正确');
    expect(phoneError.closest('.ant-form-item')).toContainElement(screen.getByLabelText('联系电话'));
    // A field the form does not have is listed in the alert, not lost; by its message, not its key.
    expect(screen.getByRole('alert')).toHaveTextContent('等级由系统计算');
    expect(screen.getByRole('alert')).not.toHaveTextContent('grade');
    // An edit sends only what changed.
    expect(onSubmit).toHaveBeenCalledWith({ national_id: '640104199001011235' });
  });
});
