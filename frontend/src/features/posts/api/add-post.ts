import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type PostIn = components['schemas']['PostIn'];

/** POST /v1/posts: a post added to the catalogue of a region inside the officer's jurisdiction (audited). */
export const addPost = async (body: PostIn) => unwrap(await registryClient.POST('/v1/posts', { body }));

// The catalogue also feeds every post name shown elsewhere (the lookup kept for the session).
export const useAddPost = () => useInvalidatingMutation(addPost, [['posts'], ['lookup', 'posts']]);
