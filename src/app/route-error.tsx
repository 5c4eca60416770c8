import { Link, useRouteError } from 'react-router';

/** Last line of defence: a rendering bug shows what broke instead of a blank page. */
export function RouteError() {
  const error = useRouteError();
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
