import { useParams, useSearchParams } from 'react-router';
import { parseCompareParams, type CompareParams } from '../lib/compare-params';

/** The comparison page's URL state, parsed once (src/lib/compare-params.ts), and a setter for its step. */
export function useCompareParams(): [CompareParams, (step: string | null) => void] {
  const { agentId } = useParams();
  const [params, setParams] = useSearchParams();
  const setStep = (step: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (step === null) next.delete('step');
        else next.set('step', step);
        return next;
      },
      { replace: true },
    );
  return [parseCompareParams(agentId, params), setStep];
}
