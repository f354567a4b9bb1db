import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { components } from '@/api/types/registry';
import { jsonResponse, renderPage } from '@/test/render';
import { StepOutcome } from './StepOutcome';

type Applicant = components['schemas']['ApplicantOut'];

const recorded = { passed: true, score: '86.5', note: null, recorded_by: 'xq_county', recorded_at: '2026-06-01T08:00:00Z' };
const applicant: Applicant = {
  id: 'a1',
  campaign_id: 'c1',
  name: '李静',
  sex: 'F',
  birth_date: '1996-04-02',
  education: 'benke',
  eligible: true,
  failures: [],
  priority: [],
  hired_worker_id: null,
  hired_on: null,
  outcomes: { exam: recorded, medical: { ...recorded, passed: false, score: null }, background_check: null },
  on_public_notice_list: false,
};

async function chooseResult(label: string) {
  fireEvent.mouseDown(within(screen.getByRole('dialog')).getByRole('combobox'));
  fireEvent.click(await screen.findByTitle(label));
}

describe('StepOutcome', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => vi.stubGlobal('fetch', fetchMock));
  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
  });

  it('shows 通过 (with the score), 未通过 and 未录入', () => {
    renderPage(
      <>
        <StepOutcome campaignId="c1" applicant={applicant} step="exam" editable={false} failOnly={false} />
        <StepOutcome campaignId="c1" applicant={applicant} step="medical" editable={false} failOnly={false} />
        <StepOutcome campaignId="c1" applicant={applicant} step="background_check" editable={false} failOnly={false} />
      </>,
    );
    expect(screen.getByTestId('outcome-exam-a1')).toHaveTextContent('通过 86.5');
    expect(screen.getByTestId('outcome-medical-a1')).toHaveTextContent('未通过');
    expect(screen.getByTestId('outcome-background_check-a1')).toHaveTextContent('未录入');
    expect(screen.queryByTestId('record-exam-a1')).not.toBeInTheDocument();
  });

  it('records a result for the step', async () => {
    fetchMock.mockResolvedValue(jsonResponse(applicant));
    renderPage(<StepOutcome campaignId="c1" applicant={applicant} step="background_check" editable failOnly={false} />);
    fireEvent.click(screen.getByTestId('record-background_check-a1'));
    await chooseResult('通过');
    fireEvent.click(screen.getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(request.url).toMatch(/\/v1\/recruitment\/campaigns\/c1\/applicants\/a1\/outcomes$/);
    expect(await request.json()).toEqual({ step: 'background_check', passed: true, score: null, note: null });
  });

  it('after the public notice offers only 未通过', async () => {
    renderPage(<StepOutcome campaignId="c1" applicant={applicant} step="background_check" editable failOnly />);
    fireEvent.click(screen.getByTestId('record-background_check-a1'));
    fireEvent.mouseDown(within(await screen.findByRole('dialog')).getByRole('combobox'));
    expect(await screen.findByTitle('未通过')).toBeInTheDocument();
    expect(screen.queryByTitle('通过')).not.toBeInTheDocument();
  });
});
