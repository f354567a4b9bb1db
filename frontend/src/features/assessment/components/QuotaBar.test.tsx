import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage } from '@/test/render';
import type { UnitStatistics } from '../api/types';
import { QuotaBar } from './QuotaBar';

const unit = (limit: number | null, percent: string | null, decided: number): UnitStatistics => ({
  county_code: '150404', township_code: '150404001', assessed: 12, proposed: 0, decided, final: 0,
  distribution: { excellent: decided, competent: 0, basically_competent: 0, incompetent: 0 },
  annual_assessed: 12, excellent_decided: decided, excellent_limit: limit, quota_percent: percent, excellent_share_percent: null,
  overdue_proposals: 0, overdue_decisions: 0,
});

describe('QuotaBar', () => {
  it('says in words that a plan without a share sets no limit', () => {
    renderPage(<QuotaBar unit={unit(null, null, 3)} />);
    const text = screen.getByTestId('excellent-quota').textContent!;
    expect(text).toContain('参加考核 12 人，优秀名额不限（现行文件未设比例限制），已定优秀 3');
    expect(text).not.toContain('—');
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('states the limit and its share, and warns once it is used up', () => {
    renderPage(<QuotaBar unit={unit(2, '15.00', 2)} />);
    expect(screen.getByTestId('excellent-quota').textContent).toContain('优秀名额 2（15.00%），已定优秀 2');
    expect(screen.getByText('优秀名额已用完：再定优秀将被拒绝。')).toBeInTheDocument();
  });
});
