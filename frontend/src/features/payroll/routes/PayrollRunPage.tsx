import { NotAvailable } from '@/components/NotAvailable';

export function PayrollRunPage() {
  return <NotAvailable />;
}
