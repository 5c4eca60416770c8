// Fixed loopback ports for the e2e servers (override with E2E_PORT_BASE when they clash).
const base = Number(process.env.E2E_PORT_BASE ?? 4317);

export const PORTS = {
  /** The viewer with the embedded API over e2e/fixtures/runs. */
  viewer: base,
  /** A real HTTP server that misbehaves on purpose. */
  fault: base + 1,
  /** The viewer in proxy mode in front of the fault server. */
  viewerToFault: base + 2,
  /** The viewer in proxy mode pointed at a closed port. */
  viewerToClosed: base + 3,
  /** A stand-in elizaOS server with CORS and an API key, for direct mode. */
  direct: base + 4,
  /** A second viewer whose RUNS_DIR is empty: share links must open on it with no access to the run. */
  viewerWithNoRuns: base + 9,
};

/** The key the direct-mode stand-in requires. */
export const DIRECT_API_KEY = 'direct-test-key';

/** Port 1 (tcpmux) has no listener on these machines: connections are refused at once. */
export const CLOSED_PORT = 1;

export const url = (port: number) => `http://127.0.0.1:${port}`;
