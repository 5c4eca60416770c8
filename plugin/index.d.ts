import type { Plugin } from '@elizaos/core';

/** elizaOS Run Viewer: a "Run Viewer" panel in the agent sidebar of the official web client. */
declare const runViewerPlugin: Plugin;
export default runViewerPlugin;
