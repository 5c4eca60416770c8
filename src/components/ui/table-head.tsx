import type { ReactNode } from 'react';
import { cn } from '../../lib/cn';

export interface Column {
  label: ReactNode;
  /** Numbers line up on the right. */
  numeric?: boolean;
  className?: string;
}

/** A table's header row: quiet, small column headings. A falsy entry is a column not shown. */
export function TableHead({ columns }: { columns: (Column | false | undefined)[] }) {
  return (
    <thead>
      <tr className="text-xs text-muted">
        {columns.map(
          (column, index) =>
            column && (
              <th key={index} scope="col" className={cn('font-normal', column.numeric && 'text-right', column.className)}>
                {column.label}
              </th>
            ),
        )}
      </tr>
    </thead>
  );
}
