import { useMutation, useQueryClient } from '@tanstack/react-query';

/** A mutation hook that refreshes every query under `invalidate` (e.g. ['assessment']) when it succeeds. */
export function useInvalidatingMutation<A, R>(mutationFn: (args: A) => Promise<R>, invalidate: string[]) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => client.invalidateQueries({ queryKey: invalidate }) });
}
