import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { BrowserRouter, Routes, useLocation } from 'react-router';
import { RouteErrorBoundary } from './route-error';

/**
 * `routes`: the viewer's pages (router.tsx), or only the run page inside a snapshot file
 * (snapshot-router.tsx). The router is the declarative one: the pages fetch their own data.
 */
export function App({ routes, basename }: { routes: ReactNode; basename?: string }) {
  // One QueryClient per mount.
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } }));
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter basename={basename}>
        <Pages routes={routes} />
      </BrowserRouter>
    </QueryClientProvider>
  );
}

function Pages({ routes }: { routes: ReactNode }) {
  const { pathname } = useLocation();
  return (
    <RouteErrorBoundary pathname={pathname}>
      <Routes>{routes}</Routes>
    </RouteErrorBoundary>
  );
}
