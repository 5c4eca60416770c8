import type { Run, TokenCount } from './model';
import { actionPrompts, promptText } from './model-call-view';
import {
  flattenSections,
  sectionLabel,
  sectionPieces,
  sectionTokens,
  splitPrompt,
  type PromptSection,
  type SectionTokens,
} from './prompt-sections';
import type { EstimateInput } from './token-estimate';

// Where a run's context goes: every prompt split into sections, each section's tokens, and the
// sums over the run's model calls. Section tokens are counted piece by piece with the same
// estimator as the calls' tokens (`sectionPieceInputs` feeds it).

export interface RunPrompt {
  /** The model call's event id, or `<event id>:p<i>` for an action's i-th prompt. */
  key: string;
  eventId: string;
  prompt: string;
  /** Prompt tokens the server reported for the call; null when it reported none. */
  reportedPrompt: number | null;
  /** Model calls count in the run's breakdown; an action's prompts repeat its calls' and do not. */
  isModelCall: boolean;
}

export function runPrompts(run: Run): RunPrompt[] {
  const prompts: RunPrompt[] = [];
  for (const event of run.events) {
    if (event.model && !event.model.isEmbedding) {
      const prompt = promptText(event.data);
      if (prompt)
        prompts.push({ key: event.id, eventId: event.id, prompt, reportedPrompt: event.model.usage?.prompt ?? null, isModelCall: true });
    } else if (event.kind === 'action' && event.phase === 'ended') {
      actionPrompts(event.data).forEach(({ prompt }, index) => {
        prompts.push({ key: actionPromptKey(event.id, index), eventId: event.id, prompt, reportedPrompt: null, isModelCall: false });
      });
    }
  }
  return prompts;
}

export function actionPromptKey(eventId: string, index: number): string {
  return `${eventId}:p${index}`;
}

export interface PromptBreakdown {
  sections: PromptSection[];
  tokens: SectionTokens;
}

/** One estimate input per piece of every prompt, keyed `<prompt key>|<piece>`. */
export function sectionPieceInputs(prompts: RunPrompt[]): EstimateInput[] {
  const inputs: EstimateInput[] = [];
  for (const { key, prompt } of prompts) {
    sectionPieces(prompt, splitPrompt(prompt)).forEach((piece, index) => {
      inputs.push({ eventId: `${key}|${index}`, prompt: piece, response: '', isEmbedding: false });
    });
  }
  return inputs;
}

/** The section tree and tokens of every prompt, from the counted pieces. */
export function promptBreakdowns(prompts: RunPrompt[], counts: ReadonlyMap<string, TokenCount>): Map<string, PromptBreakdown> {
  const result = new Map<string, PromptBreakdown>();
  for (const { key, prompt, reportedPrompt } of prompts) {
    const sections = splitPrompt(prompt);
    const pieces = sectionPieces(prompt, sections).map((_, index) => counts.get(`${key}|${index}`)?.prompt ?? 0);
    result.set(key, { sections, tokens: sectionTokens(prompt, sections, pieces, reportedPrompt) });
  }
  return result;
}

export interface BreakdownRow {
  /** `<providers> › Available Actions`: the section and its parents. */
  path: string;
  label: string;
  depth: number;
  tokens: number;
  /** Share of all prompt tokens of the run's model calls. */
  share: number;
  calls: number;
  /** The calls it costs most in, biggest first (event ids). */
  topCalls: { eventId: string; tokens: number }[];
}

export interface ContextBreakdown {
  rows: BreakdownRow[];
  totalTokens: number;
  calls: number;
  /** True when any figure is an estimate (always, unless every call reported its prompt tokens). */
  estimated: boolean;
}

/** Sections summed over the run's model calls by their path, biggest first. */
export function contextBreakdown(prompts: RunPrompt[], breakdowns: ReadonlyMap<string, PromptBreakdown>): ContextBreakdown {
  const rows = new Map<string, BreakdownRow & { perCall: Map<string, number> }>();
  let totalTokens = 0;
  let calls = 0;
  let estimated = false;
  for (const prompt of prompts) {
    const breakdown = breakdowns.get(prompt.key);
    if (!prompt.isModelCall || !breakdown) continue;
    calls++;
    totalTokens += breakdown.tokens.total;
    estimated ||= breakdown.tokens.estimated;
    const paths = new Map<string, string>();
    for (const section of flattenSections(breakdown.sections)) {
      const parentId = section.id.includes('.') ? section.id.slice(0, section.id.lastIndexOf('.')) : null;
      const label = sectionLabel(section);
      const path = parentId && paths.has(parentId) ? `${paths.get(parentId)} › ${label}` : label;
      paths.set(section.id, path);
      const tokens = breakdown.tokens.bySection.get(section.id) ?? 0;
      const row = rows.get(path) ?? {
        path,
        label,
        depth: section.id.split('.').length - 1,
        tokens: 0,
        share: 0,
        calls: 0,
        topCalls: [],
        perCall: new Map(),
      };
      row.tokens += tokens;
      row.perCall.set(prompt.eventId, (row.perCall.get(prompt.eventId) ?? 0) + tokens);
      rows.set(path, row);
    }
  }
  const list = [...rows.values()].map(({ perCall, ...row }) => ({
    ...row,
    calls: perCall.size,
    share: totalTokens > 0 ? row.tokens / totalTokens : 0,
    topCalls: [...perCall]
      .map(([eventId, tokens]) => ({ eventId, tokens }))
      .sort((a, b) => b.tokens - a.tokens)
      .slice(0, 3),
  }));
  list.sort((a, b) => b.tokens - a.tokens || a.path.localeCompare(b.path));
  return { rows: list, totalTokens, calls, estimated };
}
