import { NotAvailable } from '@/components/NotAvailable';

export function DashboardPage() {
  return <NotAvailable />;
}
