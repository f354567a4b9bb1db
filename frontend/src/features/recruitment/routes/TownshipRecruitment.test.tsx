import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '@/lib/session';
import { jsonResponse, problemResponse, renderPage } from '@/test/render';
import { watchRejections } from '@/test/rejections';
import { CampaignPage } from './CampaignPage';
import { CampaignsPage } from './CampaignsPage';

vi.mock('@/api/types/available', () => ({
  availableOperations: {
    registry: [
      'GET /v1/recruitment/campaigns',
      'GET /v1/recruitment/campaigns/{campaign_id}',
      'GET /v1/recruitment/campaigns/{campaign_id}/applicants',
      'POST /v1/recruitment/eligibility-check',
      'GET /v1/regions/{code}',
    ],
    payroll: [],
    assessment: [],
  },
}));

const STEPS = ['plan', 'announcement', 'registration', 'exam', 'medical', 'background_check', 'public_notice'];
// The county's campaign (兴庆区 640104), seen by a township of the county.
const CAMPAIGN = {
  id: 'c-1', region_code: '640104', title: '2026年兴庆区公开招聘社区专职工作人员', positions: 10, steps: STEPS, step_index: 2,
  current_step: 'registration', review_required: true, reviewed_by: 'yc_city', reviewed_at: '2026-02-01T08:00:00Z',
  created_by: 'xq_county', created_at: '2026-01-10T08:00:00Z', history: [],
};

function session(role: string, jurisdiction: string) {
  setSession({ accessToken: 'token', refreshToken: null, role, jurisdiction, workerId: null, displayName: null, username: role });
}

describe('recruitment for a township (the county organises)', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockImplementation(async (input) => {
      const url = (input as Request).url;
      if (url.endsWith('/v1/recruitment/campaigns')) return jsonResponse([CAMPAIGN]);
      if (url.endsWith('/v1/recruitment/campaigns/c-1')) return jsonResponse(CAMPAIGN);
      if (url.endsWith('/v1/recruitment/campaigns/c-1/applicants')) return jsonResponse([]);
      if (url.includes('/v1/regions/640104')) return jsonResponse({ code: '640104', name: '兴庆区', level: 'county' });
      return problemResponse(404, { code: 'not_found', message_zh: '不存在', message_en: 'not found' });
    });
  });
  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    setSession(null);
  });

  it('lists the county’s campaign, says who organises it, and offers the pre-check but no plan form', async () => {
    session('township_officer', '640104001');
    renderPage(<CampaignsPage />);
    expect(await screen.findByText(CAMPAIGN.title)).toBeInTheDocument();
    expect(screen.getByTestId('recruitment-read-only')).toHaveTextContent('招聘由旗县（市、区）或盟市统一组织');
    expect(screen.getByTestId('eligibility-check')).toBeInTheDocument();
    expect(screen.queryByText('制定招聘方案')).not.toBeInTheDocument();
  });

  it('shows the campaign read-only: no next step, no registration, the pre-check kept', async () => {
    session('township_officer', '640104001');
    renderPage(<CampaignPage />, { path: '/recruitment/:campaignId', route: '/recruitment/c-1' });
    expect(await screen.findByTestId('campaign-read-only')).toBeInTheDocument();
    expect(screen.getByTestId('eligibility-check')).toBeInTheDocument();
    expect(screen.queryByText(/进入下一步/)).not.toBeInTheDocument();
    expect(screen.queryByText('报名登记')).not.toBeInTheDocument();
    expect(await screen.findByText('还没有聘用到本辖区社区的人员')).toBeInTheDocument();
  });

  it('lets the county officer run it', async () => {
    session('county_officer', '640104');
    renderPage(<CampaignPage />, { path: '/recruitment/:campaignId', route: '/recruitment/c-1' });
    expect(await screen.findByText(/进入下一步/)).toBeInTheDocument();
    expect(screen.getByText('报名登记')).toBeInTheDocument();
    expect(screen.queryByTestId('campaign-read-only')).not.toBeInTheDocument();
  });

  it('registers nobody when the applicant form is sent empty: the rules show, no unhandled rejection', async () => {
    session('county_officer', '640104');
    const watch = watchRejections();
    renderPage(<CampaignPage />, { path: '/recruitment/:campaignId', route: '/recruitment/c-1' });
    fireEvent.click(await screen.findByText('报名登记'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: /登\s*记/ }));
    expect(await screen.findByText('请填写姓名')).toBeInTheDocument();
    expect(await watch.stop()).toEqual([]);
    expect(fetchMock.mock.calls.filter(([input]) => (input as Request).method === 'POST')).toEqual([]);
  });
});
