import { queryOptions } from '@tanstack/react-query';
import { readRunBundle, type OpenedRun } from '../run/run-bundle';
import { InvalidRunError } from '../run/normalize';
import type { RunCopy } from '../run/run-source';
import { decodeShareFragment, isShareFragment, ShareLinkError } from '../run/share-codec';

// A run page can show a copy of a run instead of asking a server: the run a share link carries in
// its fragment, or the run a snapshot file holds. Copies are read-only and make no request.

export type { RunCopy };

/** The id of the element a snapshot keeps its run bundle in (JSON, `<` escaped). */
export const SNAPSHOT_BUNDLE_ID = 'run-bundle';

let rememberedLink: { path: string; fragment: string } | null = null;

/**
 * The copy to show at this location, if any. Changing a filter rewrites the query and drops the
 * fragment from the address bar, so the page's own link is remembered for its path.
 */
export function runCopyAt(pathname: string, hash: string): RunCopy | null {
  if (isSnapshot()) return { how: 'snapshot' };
  if (isShareFragment(hash)) {
    rememberedLink = { path: pathname, fragment: hash.replace(/^#/, '') };
    return { how: 'link', fragment: rememberedLink.fragment };
  }
  return rememberedLink?.path === pathname ? { how: 'link', fragment: rememberedLink.fragment } : null;
}

function snapshotElement(): HTMLElement | null {
  return typeof document === 'undefined' ? null : document.getElementById(SNAPSHOT_BUNDLE_ID);
}

/** True inside a snapshot file (even a damaged one): the page holds its run and talks to no server. */
export function isSnapshot(): boolean {
  return snapshotElement() !== null;
}

function readSnapshot(): OpenedRun {
  try {
    return readRunBundle(JSON.parse(snapshotElement()?.textContent ?? 'null'));
  } catch (error) {
    throw new ShareLinkError(
      `This snapshot file is damaged: ${error instanceof InvalidRunError ? error.message : 'its run is not valid JSON'}.`,
    );
  }
}

export function runCopyQueryOptions(copy: RunCopy) {
  return queryOptions({
    queryKey: ['run-copy', copy.how === 'link' ? copy.fragment : 'snapshot'],
    queryFn: async () => (copy.how === 'link' ? decodeShareFragment(copy.fragment) : readSnapshot()),
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
  });
}
