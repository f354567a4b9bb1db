import { NotAvailable } from '@/components/NotAvailable';

export function MyPage() {
  return <NotAvailable />;
}
