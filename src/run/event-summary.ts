import { formatCost, formatDuration, formatNumber } from '../lib/format';
import type { RunEvent, TokenCount } from './model';

/** The one-line summary a timeline item shows, fitted to the event's type. */
export function summarizeEvent(event: RunEvent, durationMs: number | null, estimate?: TokenCount): string {
  const { data } = event;
  switch (event.kind) {
    case 'run':
      return runSummary(event);
    case 'action': {
      const name = event.name ?? 'action';
      if (event.didNotFinish)
        return join(`${name} did not finish`, durationMs !== null ? `open ${formatDuration(durationMs)}, until the run ended` : null);
      if (event.phase === 'started') return `${name} started`;
      if (event.needsOutcomeCheck) return `${name} ended`;
      return event.failed ? `${name} failed${event.error ? `: ${event.error}` : ''}` : `${name} completed`;
    }
    case 'model':
      return modelSummary(event, durationMs, estimate);
    case 'evaluator':
      return `${event.name ?? 'evaluator'} ${event.phase === 'started' ? 'started' : event.failed ? 'failed' : 'completed'}`;
    case 'embedding': {
      const status = typeof data.status === 'string' ? data.status : event.failed ? 'failed' : 'recorded';
      return join(`Embedding ${status}`, durationMs !== null ? formatDuration(durationMs) : null, event.error);
    }
    case 'error':
      return `${event.type}: ${event.error ?? 'error'}`;
    default:
      return join(event.type, Object.keys(data).slice(0, 4).join(', ') || null);
  }
}

function runSummary(event: RunEvent): string {
  const { data } = event;
  if (event.phase === 'started') return join('Run started', typeof data.source === 'string' ? data.source : null);
  const status = typeof data.status === 'string' ? data.status : null;
  const duration = typeof data.durationMs === 'number' ? formatDuration(data.durationMs) : null;
  return join('Run ended', status, duration, event.error ? `error: ${event.error}` : null);
}

function modelSummary(event: RunEvent, durationMs: number | null, estimate?: TokenCount): string {
  const model = event.model;
  if (!model) return event.type;
  const usage = model.usage ?? estimate;
  const tokens = usage
    ? `${model.usage ? '' : '~'}${formatNumber(usage.prompt)} → ${formatNumber(usage.completion)} tokens${model.usage ? '' : ' (estimated)'}`
    : null;
  const cost = model.cost !== null ? formatCost(model.cost) : null;
  return join(
    model.modelType,
    model.provider,
    tokens,
    cost,
    durationMs !== null ? formatDuration(durationMs) : null,
    event.error ? `error: ${event.error}` : null,
  );
}

function join(...parts: (string | null | undefined)[]): string {
  return parts.filter(Boolean).join(' · ');
}
