import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type RuleIn = components['schemas']['RuleIn'];

/** A new version of a management rule. */
export const addRule = async (body: RuleIn) =>
  unwrap(await registryClient.POST('/v1/management-rules', { body }));

export const useAddRule = () => useInvalidatingMutation(addRule, ['registry']);
