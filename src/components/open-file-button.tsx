import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { openFiles } from './opened-file';
import { Button } from './ui/button';

/** Picks a run file from disk and opens it at /file (two: compares them); files stay in the browser. */
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
        multiple
        aria-label="Open a run file (two to compare them)"
        className="hidden"
        onChange={(event) => {
          openFiles(event.target.files, navigate);
          event.target.value = '';
        }}
      />
    </>
  );
}
