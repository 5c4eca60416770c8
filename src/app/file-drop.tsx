import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { openFile } from './opened-file';

export const FILE_ROUTE = '/file';

/** Dropping a run file anywhere opens it at /file; a visible hint shows while dragging. */
export function FileDropZone() {
  const navigate = useNavigate();
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    const hasFile = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const over = (event: DragEvent) => {
      if (!hasFile(event)) return;
      event.preventDefault();
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (event.relatedTarget === null) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!hasFile(event)) return;
      event.preventDefault();
      setDragging(false);
      const file = event.dataTransfer?.files[0];
      if (file) void openFile(file).then(() => navigate(FILE_ROUTE));
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [navigate]);
  if (!dragging) return null;
  return (
    <div aria-hidden="true" className="pointer-events-none fixed inset-0 z-50 flex items-center justify-center bg-black/40 text-lg font-semibold text-white">
      Drop a run JSON file to open it (it stays in your browser)
    </div>
  );
}

export function OpenFileButton() {
  const input = useRef<HTMLInputElement>(null);
  const navigate = useNavigate();
  return (
    <>
      <button type="button" onClick={() => input.current?.click()} className="rounded border border-border px-2 py-1 text-xs hover:bg-subtle focus-visible:outline-2 focus-visible:outline-accent">
        Open file
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        aria-label="Open a run file"
        className="hidden"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void openFile(file).then(() => navigate(FILE_ROUTE));
        }}
      />
    </>
  );
}
