// The id rules shared by the browser (links) and the viewer's server (routes, RUNS_DIR folders).

/** Agent, run and room ids as the real server accepts them (UUIDs or simple slugs); nothing that could reshape a path. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** elizaOS room and entity ids are UUIDs. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in links are UUIDs or simple slugs; anything else is a malformed link. */
export function isValidId(id: string | null | undefined): id is string {
  return typeof id === 'string' && ID_PATTERN.test(id);
}
