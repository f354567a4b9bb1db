import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type PostUpdate = components['schemas']['PostUpdate'];

/** PATCH /v1/posts/{code}: a post's labels, committee/head flags, contract term or order (audited). */
export const updatePost = async ({ code, body }: { code: string; body: PostUpdate }) =>
  unwrap(await registryClient.PATCH('/v1/posts/{code}', { params: { path: { code } }, body }));

// The catalogue also feeds every post name shown elsewhere (the lookup kept for the session).
export const useUpdatePost = () => useInvalidatingMutation(updatePost, [['posts'], ['lookup', 'posts']]);
