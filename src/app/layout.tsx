import { Link, Outlet } from 'react-router';
import { FileDropZone, OpenFileButton } from './file-drop';
import { ThemeToggle } from './theme-toggle';

export function Layout() {
  return (
    <div className="min-h-screen">
      <header className="border-b border-border bg-card">
        <div className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-3">
          <Link to="/" className="font-semibold">
            elizaOS Run Viewer
          </Link>
          <span className="ml-auto" />
          <OpenFileButton />
          <ThemeToggle />
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">
        <Outlet />
      </main>
      <FileDropZone />
    </div>
  );
}
