import { defineGet } from '@/lib/define-call';

export interface ComplianceReport {
  year: number;
  workers: number;
  compliant: number;
  with_shortfall: number;
  items: { worker_id: string; name: string; post: string; hours_done: string; yearly_required: string; yearly_shortfall: string; initial_shortfall: string }[];
  total: number;
}

export const trainingShortfalls = defineGet<ComplianceReport>('registry', '/v1/training/compliance', ['home', 'training']);
