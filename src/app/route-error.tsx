import { Component, type ReactNode } from 'react';
import { Link } from 'react-router';

interface BoundaryState {
  error: unknown;
  /** The path where the error happened: going to another page clears it. */
  at: string | null;
}

/** Last line of defence: a rendering bug shows what broke instead of a blank page. */
export class RouteErrorBoundary extends Component<{ pathname: string; children: ReactNode }, BoundaryState> {
  state: BoundaryState = { error: null, at: null };

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { error: error ?? new Error('unknown error') };
  }

  static getDerivedStateFromProps({ pathname }: { pathname: string }, state: BoundaryState): Partial<BoundaryState> | null {
    if (state.error === null) return null;
    if (state.at === null) return { at: pathname };
    return state.at === pathname ? null : { error: null, at: null };
  }

  render() {
    return this.state.error === null ? this.props.children : <RouteError error={this.state.error} />;
  }
}

function RouteError({ error }: { error: unknown }) {
  return (
    <main role="alert" className="mx-auto max-w-3xl p-6">
      <h1 className="mb-2 text-lg font-semibold">The viewer hit a bug</h1>
      <p className="mb-2 text-sm">Reloading may help. If it does not, please report this message with the link you opened:</p>
      <pre className="whitespace-pre-wrap rounded bg-subtle p-2 text-xs">{error instanceof Error ? error.message : String(error)}</pre>
      <Link className="text-accent underline" to="/">
        All agents and runs
      </Link>
    </main>
  );
}
