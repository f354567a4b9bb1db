// The shapes this feature reads. Fields the registry may not send (yet) are optional and render as "—".
export interface WorkerSummary {
  id: string;
  name: string;
  sex?: 'M' | 'F' | null;
  national_id?: string | null;
  birth_date?: string | null;
  community_code?: string | null;
  community_name?: string | null;
  post?: string | null;
  status?: string | null;
  hired_on?: string | null;
  phone?: string | null;
  education_level?: string | null;
  certificate_level?: string | null;
  version?: number | null;
  [field: string]: unknown;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  size: number;
}

export interface WorkerFilters {
  q?: string;
  status?: string;
  post?: string;
  region?: string;
  page: number;
  size: number;
}
