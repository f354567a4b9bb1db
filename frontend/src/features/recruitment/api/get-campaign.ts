import { defineGet } from '@/lib/define-call';

export interface Campaign {
  id: string;
  title?: string;
  name?: string;
  region_code?: string;
  step?: string | number;
  status?: string;
  steps?: { step: string | number; name_zh?: string; name_en?: string; done_at?: string | null }[];
  [field: string]: unknown;
}

export const campaign = defineGet<Campaign, { campaign_id: string }>('registry', '/v1/recruitment/campaigns/{campaign_id}', ['recruitment', 'campaign']);
