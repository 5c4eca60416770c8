import type { ComponentProps } from 'react';
import { cn } from '../../lib/cn';

const VARIANT = {
  /** The usual bordered button. */
  outline: 'rounded border border-border bg-card hover:bg-subtle',
  /** The one main action of a dialog or a problem. */
  primary: 'rounded bg-accent font-semibold text-card hover:opacity-90',
  /** Reads like a link: paging, "show more". */
  link: 'text-accent underline',
} as const;

const SIZE = {
  compact: 'px-1.5 py-0.5 text-xs',
  small: 'px-2 py-1 text-xs',
  normal: 'px-3 py-1 text-sm',
} as const;

interface ButtonProps extends ComponentProps<'button'> {
  variant?: keyof typeof VARIANT;
  /** Padding and text size; link buttons have none and take the text around them. */
  size?: keyof typeof SIZE;
  /** A toggle: sets aria-pressed and shows the pressed state. */
  pressed?: boolean;
}

/** A button with the house focus ring; `type` defaults to "button", not the form-submitting default. */
export function Button({ variant = 'outline', size = 'small', pressed, type = 'button', className, ...props }: ButtonProps) {
  return (
    <button
      type={type}
      aria-pressed={pressed}
      className={cn(
        'focus-visible:outline-2 focus-visible:outline-accent disabled:opacity-50',
        pressed ? 'rounded border border-accent bg-accent text-card' : VARIANT[variant],
        variant !== 'link' && SIZE[size],
        className,
      )}
      {...props}
    />
  );
}
