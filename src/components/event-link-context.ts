import { createContext } from 'react';

/**
 * Why the events of this page have no link, or null when they have one: a run opened from a file
 * lives only in this browser, so `?event=` on its page would open nothing anywhere else.
 */
export const NoEventLinkContext = createContext<string | null>(null);
