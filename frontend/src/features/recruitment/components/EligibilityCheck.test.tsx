import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '@/test/render';
import { watchRejections } from '@/test/rejections';
import { EligibilityCheck } from './EligibilityCheck';

describe('EligibilityCheck', () => {
  const fetchMock = vi.fn<typeof fetch>();
  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
  });

  it('checked with the required facts empty: the rules show, nothing is sent, no unhandled rejection', async () => {
    vi.stubGlobal('fetch', fetchMock);
    const watch = watchRejections();
    renderPage(<EligibilityCheck regionCode="640104" />);
    fireEvent.click(screen.getByTestId('eligibility-check'));
    fireEvent.click(await screen.findByRole('button', { name: /审\s*查/ }));
    expect(await screen.findByText('请填写身份证号')).toBeInTheDocument();
    expect(await watch.stop()).toEqual([]);
    expect(fetchMock.mock.calls.filter(([input]) => (input as Request).url.includes('eligibility'))).toEqual([]);
  });
});
