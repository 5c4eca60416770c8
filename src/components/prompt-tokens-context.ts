import { createContext, useContext, useEffect } from 'react';
import type { PromptBreakdown } from '../run/context-breakdown';

/**
 * Section tokens of the run's prompts, counted once for the page (routes/use-prompt-breakdowns.ts)
 * and read by the model call details deep inside the virtualised timeline, plus the timeline's
 * search text for highlighting. Counting starts only when something asks for it.
 */
export interface PromptInsight {
  breakdowns: ReadonlyMap<string, PromptBreakdown> | null;
  counting: boolean;
  request: () => void;
  query: string;
}

export const PromptInsightContext = createContext<PromptInsight>({ breakdowns: null, counting: false, request: () => {}, query: '' });

/** The breakdown of one prompt (by its key), asking for the counts on first use. */
export function usePromptBreakdown(key: string): { breakdown: PromptBreakdown | null; counting: boolean; query: string } {
  const insight = useContext(PromptInsightContext);
  const { request } = insight;
  useEffect(() => request(), [request]);
  return { breakdown: insight.breakdowns?.get(key) ?? null, counting: insight.counting, query: insight.query };
}
