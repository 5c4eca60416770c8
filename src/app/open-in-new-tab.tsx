import { useLocation } from 'react-router';
import { BASE_PATH } from './base-path';

/** In a frame (the Run Viewer tab of elizaOS's web client): the same view as a full page. */
export function OpenInNewTab() {
  const location = useLocation();
  if (window.self === window.top) return null;
  return (
    <a
      href={`${BASE_PATH}${location.pathname}${location.search}${location.hash}`}
      target="_blank"
      rel="noopener noreferrer"
      className="rounded border border-border px-2 py-1 text-xs hover:bg-subtle focus-visible:outline-2 focus-visible:outline-accent"
    >
      Open in a new tab
    </a>
  );
}
