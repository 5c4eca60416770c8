import type { ComponentProps, Ref } from 'react';

/** Where a row of a virtualised list sits (see use-window-list.ts): what every such row is given. */
export interface VirtualRowPlace {
  ref: Ref<HTMLLIElement>;
  index: number;
  setSize: number;
  /** Position within the list, in px. */
  top: number;
}

type VirtualRowProps = VirtualRowPlace & { selected: boolean } & Omit<ComponentProps<'li'>, 'ref' | 'className' | 'style'>;

/** The list item of a virtualised row: measured by its index, placed absolutely, its place in the list told to assistive tech. */
export function VirtualRow({ ref, index, setSize, top, selected, ...rest }: VirtualRowProps) {
  return (
    <li
      ref={ref}
      data-index={index}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      aria-current={selected ? 'true' : undefined}
      className="absolute left-0 w-full pb-1 [contain:layout_style]"
      style={{ transform: `translateY(${top}px)` }}
      {...rest}
    />
  );
}
