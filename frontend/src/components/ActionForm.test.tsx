import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderPage } from '@/test/render';
import { watchRejections } from '@/test/rejections';
import { ActionButton } from './ActionForm';

function open(onSubmit: (values: Record<string, unknown>) => Promise<unknown>) {
  renderPage(
    <ActionButton
      label="调动"
      title="调往其他社区"
      fields={[{ name: 'reason', label: '原因', required: true }]}
      confirm={(values) => `调动原因：${String(values.reason)}`}
      onSubmit={onSubmit}
    />,
  );
  fireEvent.click(screen.getByRole('button', { name: /调\s*动/ }));
  fireEvent.change(screen.getByLabelText('原因'), { target: { value: '工作需要' } });
  fireEvent.click(screen.getByRole('button', { name: /提\s*交/ }));
}

describe('ActionButton with confirm', () => {
  it('sends nothing when the confirmation is cancelled, and keeps the form open', async () => {
    const onSubmit = vi.fn().mockResolvedValue(null);
    open(onSubmit);
    expect(await screen.findByText('调动原因：工作需要')).toBeInTheDocument();
    fireEvent.click(screen.getAllByRole('button', { name: /取\s*消/ }).at(-1)!);
    await waitFor(() => expect(screen.queryByText('调动原因：工作需要')).not.toBeInTheDocument());
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByLabelText('原因')).toHaveValue('工作需要');
  });

  it('sends the values once confirmed', async () => {
    const onSubmit = vi.fn().mockResolvedValue(null);
    open(onSubmit);
    await screen.findByText('调动原因：工作需要');
    fireEvent.click(screen.getByRole('button', { name: /确\s*认/ }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ reason: '工作需要' }));
  });
});

describe('ActionButton with a required field left empty', () => {
  it('shows the rule next to the field and leaves no unhandled promise rejection', async () => {
    const watch = watchRejections();
    const onSubmit = vi.fn().mockResolvedValue(null);
    renderPage(<ActionButton label="调动" title="调往其他社区" fields={[{ name: 'reason', label: '原因', required: true }]} onSubmit={onSubmit} />);
    fireEvent.click(screen.getByRole('button', { name: /调\s*动/ }));
    fireEvent.click(await screen.findByRole('button', { name: /提\s*交/ }));
    expect(await screen.findByText('请填写原因')).toBeInTheDocument();
    expect(await watch.stop()).toEqual([]);
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
