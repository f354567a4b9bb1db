import { NotAvailable } from '@/components/NotAvailable';

export function PaySchemePage() {
  return <NotAvailable />;
}
