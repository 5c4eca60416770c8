import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { FILE_PATH } from '../lib/links';
import { openFile } from './opened-file';
import { Button } from './ui/button';

/** Picks a run file from disk and opens it at /file; the file stays in the browser. */
export function OpenFileButton() {
  const input = useRef<HTMLInputElement>(null);
  const navigate = useNavigate();
  return (
    <>
      <Button onClick={() => input.current?.click()}>Open file</Button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        aria-label="Open a run file"
        className="hidden"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void openFile(file).then(() => navigate(FILE_PATH));
        }}
      />
    </>
  );
}
