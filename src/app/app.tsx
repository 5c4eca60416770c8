import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider, type RouterProviderProps } from 'react-router';

/** `createRouter`: the viewer's pages, or only the run page inside a snapshot file (snapshot-router.tsx). */
export function App({ createRouter }: { createRouter: () => RouterProviderProps['router'] }) {
  // One QueryClient and router per mount.
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } }));
  const [router] = useState(createRouter);
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
