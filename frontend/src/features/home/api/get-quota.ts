import { defineGet } from '@/lib/define-call';

export interface QuotaLine {
  level: string;
  region_code: string;
  name: string;
  computed: number;
  exception_posts: number;
  allowed: number;
  filled: number;
  vacancies: number;
}

export const quotaOverview = defineGet<QuotaLine[]>('registry', '/v1/quota', ['home', 'quota']);
