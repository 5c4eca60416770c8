import type { ComponentProps } from 'react';
import { cn } from '../../lib/cn';

/** A small label. The colour comes from `color` (a CSS colour, usually a variable); text always says it too. */
export function Badge({ color, className, style, ...props }: ComponentProps<'span'> & { color: string }) {
  return (
    <span
      className={cn('inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-semibold', className)}
      style={{ color, borderColor: color, ...style }}
      {...props}
    />
  );
}
