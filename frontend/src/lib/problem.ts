// The services answer errors with application/problem+json:
// {code, message_zh, message_en, errors: [{field, code, message_zh, message_en}]}.
export interface FieldProblem {
  field: string;
  code: string;
  message_zh: string;
  message_en: string;
}

export interface ProblemBody {
  code: string;
  status?: number;
  message_zh: string;
  message_en: string;
  errors?: FieldProblem[];
  [extra: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemBody;

  constructor(status: number, problem: ProblemBody) {
    super(problem.message_en || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  get code(): string {
    return this.problem.code;
  }

  message_for(lang: 'zh' | 'en'): string {
    return lang === 'en' ? this.problem.message_en : this.problem.message_zh;
  }
}

export function isProblem(value: unknown): value is ProblemBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ProblemBody).code === 'string' &&
    typeof (value as ProblemBody).message_zh === 'string'
  );
}

/** Turn any response body (or none) into a problem, so every failure reads the same way in the UI. */
export function toProblem(status: number, body: unknown): ProblemBody {
  if (isProblem(body)) return body;
  if (status === 0 || status === 599) {
    return { code: 'network_error', message_zh: '网络连接失败，请检查网络后重试', message_en: 'network error, check the connection and retry' };
  }
  if (status === 503 || status === 502 || status === 504) {
    return { code: 'service_unavailable', message_zh: '服务暂不可用，请稍后重试', message_en: 'service temporarily unavailable' };
  }
  return { code: 'http_error', status, message_zh: `请求失败（HTTP ${status}）`, message_en: `request failed (HTTP ${status})` };
}

export function errorMessage(error: unknown, lang: 'zh' | 'en'): string {
  if (error instanceof ApiError) return error.message_for(lang);
  if (error instanceof Error) return error.message;
  return lang === 'en' ? 'unknown error' : '未知错误';
}
