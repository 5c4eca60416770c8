import { useState, type ReactNode } from 'react';
import { LongTextDialog } from './long-text-dialog';
import { Button } from './ui/button';

interface LongTextButtonProps {
  text: string;
  /** What the text is: "prompt", "response", a JSON key. */
  title: string;
  children: ReactNode;
  className?: string;
}

/** Opens a long text in the bounded, searchable viewer (mounted only while open). */
export function LongTextButton({ text, title, children, className }: LongTextButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="link" aria-haspopup="dialog" className={className} onClick={() => setOpen(true)}>
        {children}
      </Button>
      {open && <LongTextDialog text={text} title={title} onClose={() => setOpen(false)} />}
    </>
  );
}
