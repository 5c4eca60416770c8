import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { openFiles } from '../components/opened-file';

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
      openFiles(event.dataTransfer?.files, navigate);
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
    <div
      aria-hidden="true"
      className="pointer-events-none fixed inset-0 z-50 flex items-center justify-center bg-black/40 text-lg font-semibold text-white"
    >
      Drop a run JSON file to open it, or two to compare them (they stay in your browser)
    </div>
  );
}
