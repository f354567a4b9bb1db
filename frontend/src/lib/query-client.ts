import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './problem';

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Retry only what may heal by itself (network, 5xx); a 4xx answer will not change on retry.
        retry: (failures, error) =>
          failures < 2 && (!(error instanceof ApiError) || error.status >= 500 || error.status === 0),
      },
      mutations: { retry: false },
    },
  });
}
