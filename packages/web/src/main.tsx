import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError } from './api/client.ts';
import { queryKeys } from './api/query-keys.ts';
import { App } from './app.tsx';
import { setupI18n } from './i18n/i18n.ts';
import { applyTheme, savedTheme } from './ui/theme.ts';
import './ui/styles.css';

const queryClient: QueryClient = new QueryClient({
  // A session that ended elsewhere (expired, signed out in another tab) leads back to sign-in.
  queryCache: new QueryCache({
    onError: (error, query) => {
      const isSessionQuery = query.queryKey[0] === queryKeys.session()[0];
      if (!isSessionQuery && error instanceof ApiError && error.status === 401) {
        queryClient.setQueryData(queryKeys.session(), null);
      }
    },
  }),
  defaultOptions: {
    queries: { staleTime: 15_000, retry: 1, refetchOnWindowFocus: true },
    mutations: { retry: false },
  },
});

applyTheme(savedTheme());
await setupI18n();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}
