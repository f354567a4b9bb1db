import { useMutation, useQueryClient } from '@tanstack/react-query';

/**
 * A mutation hook that refreshes every query under `invalidate` (e.g. ['assessment']) when it succeeds; several
 * keys as a list of keys (e.g. [['posts'], ['lookup', 'posts']]).
 */
export function useInvalidatingMutation<A, R>(mutationFn: (args: A) => Promise<R>, invalidate: string[] | string[][]) {
  const client = useQueryClient();
  const keys = (invalidate.length && Array.isArray(invalidate[0]) ? invalidate : [invalidate]) as string[][];
  return useMutation({ mutationFn, onSuccess: () => Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey }))) });
}
