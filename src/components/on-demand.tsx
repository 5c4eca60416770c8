import { useEffect, useState, type ComponentType, type ReactNode } from 'react';

/**
 * A component whose code loads the first time it is shown; `fallback` shows meanwhile. Not
 * React.lazy: React holds a Suspense fallback for at least 300 ms, so the first row expanded, the
 * first dialog opened or the first page loaded on demand took a third of a second more than its
 * code did. Once loaded, it renders at once everywhere. A load that fails throws to the nearest
 * error boundary, saying to reload.
 */
export function onDemand<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback: ReactNode = null,
): ComponentType<P> & { preload: () => void } {
  let loaded: ComponentType<P> | null = null;
  function OnDemand(props: P) {
    const [state, setState] = useState<{ Loaded: ComponentType<P> | null; error: Error | null }>(() => ({ Loaded: loaded, error: null }));
    useEffect(() => {
      if (state.Loaded) return;
      let shown = true;
      load().then(
        (Loaded) => {
          loaded = Loaded;
          if (shown) setState({ Loaded, error: null });
        },
        (error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          const problem = new Error(
            `Part of the viewer could not be loaded (${reason}). Reload the page: if the viewer was just updated, that fetches the new version.`,
          );
          if (shown) setState({ Loaded: null, error: problem });
        },
      );
      return () => {
        shown = false;
      };
    }, [state.Loaded]);
    if (state.error) throw state.error;
    return state.Loaded ? <state.Loaded {...props} /> : fallback;
  }
  // Starts fetching the code before the component is first shown; the browser loads a module once,
  // so the load on first show then waits for this one. A failure is told when it is shown.
  OnDemand.preload = () => void load().catch(() => undefined);
  return OnDemand;
}
