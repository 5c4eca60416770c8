import { alignPackedFlat, type PackedSkeleton } from './align-runs';

// Aligns two runs off the main thread: two 10,000-step runs must not freeze the page.
self.onmessage = (message: MessageEvent<{ a: PackedSkeleton; b: PackedSkeleton }>) => {
  // Flat and transferred, not cloned: [a0, b0, a1, b1, ...].
  const flat = alignPackedFlat(message.data.a, message.data.b);
  self.postMessage(flat, { transfer: [flat.buffer] });
};
