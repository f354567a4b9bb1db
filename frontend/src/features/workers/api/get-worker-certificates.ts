import { defineGet } from '@/lib/define-call';
import type { CertificateOut, WorkerPath } from './types';

/** The worker's vocational certificates (社会工作者职业资格). */
export const workerCertificates = defineGet<CertificateOut[], WorkerPath>('registry', '/v1/workers/{worker_id}/certificates', ['workers', 'certificates']);
