import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { Card, CardTitle } from './ui/card';
import { Skeleton } from './ui/skeleton';

/**
 * Shows `children` (lazy panels) only once the page has painted, so their code downloads after
 * the first rows instead of before them; until then and while it loads, a card with `title`.
 */
export function AfterFirstPaint({ title, children }: { title: string; children: ReactNode }) {
  const painted = useAfterFirstPaint();
  const placeholder = (
    <Card aria-busy="true">
      <CardTitle>{title}</CardTitle>
      <Skeleton className="h-10 w-full" />
    </Card>
  );
  return painted ? <Suspense fallback={placeholder}>{children}</Suspense> : placeholder;
}

/** False until `ready` (on the first render, by default); true once a frame has been painted after it. */
export function useAfterFirstPaint(ready = true): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The animation frame comes before the paint; a task queued in it runs after the paint.
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setPainted(true), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready, painted]);
  return painted;
}
