import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '@/lib/session';
import { jsonResponse, renderPage } from '@/test/render';
import type { WorkerDetail } from '../api/types';
import { ContractRenewalButton } from './ContractRenewalButton';
import { ContractsEnding } from './ContractsEnding';

vi.mock('@/api/types/available', () => ({
  availableOperations: {
    registry: ['GET /v1/workers/contracts-ending', 'GET /v1/workers/{worker_id}/contract-renewal', 'POST /v1/workers/{worker_id}/contract-renewal'],
    payroll: [],
    assessment: [],
  },
}));

const worker = { id: 'w-1', name: '张丽', status: 'active', contract: { term_years: 3, start: '2023-01-01', end: '2025-12-31', probation_end: null } } as unknown as WorkerDetail;

const preview = (overrides: Record<string, unknown> = {}) => ({
  worker_id: 'w-1',
  current: worker.contract,
  next_start: '2026-01-01',
  next_end: '2028-12-31',
  term_years: 3,
  term_basis: 'contract.term staff_years (SS 二(四)5)',
  earliest_on: '2025-10-02',
  renewal_status: 'eligible',
  renewal_eligible: true,
  renewal_condition: 'competent',
  assessment_years: [2025],
  last_result: { year: 2025, result: 'competent' },
  message_zh: '符合续聘条件（2025 年度考核合格）',
  message_en: 'eligible',
  allowed: true,
  refusal: null,
  ...overrides,
});

describe('contract renewal', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    setSession({ accessToken: 'token', refreshToken: null, role: 'township_officer', jurisdiction: '150404001', workerId: null, displayName: null, username: 'ss_town' });
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    setSession(null);
  });

  it('shows the new term and the assessment, then renews the current contract after confirmation', async () => {
    fetchMock.mockImplementation(async (input) => {
      const request = input as Request;
      return request.method === 'POST' ? jsonResponse({ ...worker, contract: { term_years: 3, start: '2026-01-01', end: '2028-12-31', probation_end: null } }, 201) : jsonResponse(preview());
    });
    renderPage(<ContractRenewalButton worker={worker} />);
    fireEvent.click(screen.getByTestId('contract-renewal'));
    const shown = await screen.findByTestId('contract-renewal-preview');
    expect(shown).toHaveTextContent('2026-01-01 — 2028-12-31（3 年）');
    expect(shown).toHaveTextContent('2025 年度 合格');
    expect(shown).toHaveTextContent('聘期最后年度考核合格以上');
    fireEvent.click(screen.getByTestId('contract-renewal-submit'));
    await screen.findByText('为 张丽 续聘：新合同 2026-01-01 至 2028-12-31（考核依据：2025 年度 合格）。');
    const confirms = screen.getAllByRole('button', { name: /确\s*认/ });
    fireEvent.click(confirms[confirms.length - 1]);
    await waitFor(() => expect(fetchMock.mock.calls.some(([r]) => (r as Request).method === 'POST')).toBe(true));
    const post = fetchMock.mock.calls.map(([r]) => r as Request).find((r) => r.method === 'POST')!;
    expect(post.url).toContain('/api/registry/v1/workers/w-1/contract-renewal');
    expect(await post.json()).toEqual({ current_end: '2025-12-31', end: null, reason: null });
  });

  it('shows a refusal in Chinese and does not offer to renew', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(preview({
        renewal_status: 'not_eligible', renewal_eligible: false, allowed: false,
        last_result: { year: 2025, result: 'basically_competent' },
        refusal: { code: 'renewal_assessment_below_minimum', field: 'assessment', message_zh: '2025 年度考核基本合格，未达续聘要求的合格以上（SS 二(四)5）', message_en: 'below' },
      })),
    );
    renderPage(<ContractRenewalButton worker={worker} />);
    fireEvent.click(screen.getByTestId('contract-renewal'));
    expect(await screen.findByTestId('contract-renewal-refusal')).toHaveTextContent('2025 年度考核基本合格，未达续聘要求的合格以上');
    expect(screen.getByTestId('contract-renewal-preview')).toHaveTextContent('不符合续聘条件');
    expect(screen.getByTestId('contract-renewal-submit')).toBeDisabled();
  });

  it('lists the contracts ending by name, community and post, with the eligibility', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse({
        on: '2025-12-01', until: '2026-03-01', region: '150404001', assessment_available: true,
        items: [{
          worker_id: 'w-1', name: '张丽', community_code: '150404001001', community_name: '振兴和平社区', post: 'ss_staff',
          post_label_zh: '工作人员', post_label_en: 'community staff', status: 'active', contract_start: '2023-01-01',
          contract_end: '2025-10-31', days_left: -31, renewal_status: 'pending', renewal_eligible: null,
          renewal_condition: 'competent', assessment_years: [2025], last_result: null, message_zh: '续聘资格待考核结果确定', message_en: 'pending',
        }],
      }),
    );
    renderPage(<ContractsEnding />);
    const table = await screen.findByTestId('contracts-ending');
    expect(within(table).getByRole('link', { name: '张丽' })).toHaveAttribute('href', '/workers/w-1');
    for (const text of ['振兴和平社区', '工作人员', '已到期 31 天', '待考核结果确定', '2025 年度尚无确定结果']) expect(table).toHaveTextContent(text);
    expect((fetchMock.mock.calls[0][0] as Request).url).toContain('/api/registry/v1/workers/contracts-ending');
    fireEvent.click(screen.getByText('90 天内'));
    await waitFor(() => expect(fetchMock.mock.calls.some(([r]) => (r as Request).url.includes('within_days=90'))).toBe(true));
  });
});
