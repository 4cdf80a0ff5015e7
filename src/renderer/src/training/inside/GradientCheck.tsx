/**
 * "Check the gradients": backprop's ∂L/∂w for some weights of the node against central finite
 * differences (L(w + ε) − L(w − ε)) / 2ε, computed by the engine on a fixed batch (the lecture's
 * check that backprop is right). Choosing ε shows the trade-off: large ε → truncation error,
 * tiny ε → float32 rounding error.
 */
import { useEffect, useState } from 'react';
import { DEFAULT_GRADIENT_CHECK_EPSILON, GRADIENT_CHECK_EPSILONS, type GradientCheckResult } from '../../../../shared/protocol-gradcheck';
import { useTrainingStore } from '../../engine-client';
import { useTrainingView } from '../live';
import { formatValue } from '../format';

/** Relative errors below this count as agreement (float32 forward passes, ε = 1e-2 or 1e-3). */
export const AGREEMENT = 1e-2;

/** Why some entries are not judged: their w ± ε crossed a kink. Empty when none did. */
export function kinkNote(r: GradientCheckResult): string {
  if (r.kinks === 0) return '';
  const which = r.kinks === 1 ? '1 weight sits' : `${r.kinks} weights sit`;
  return (
    ` ${which} at a kink (marked ⋀): between w − ε and w + ε an input of a ReLU-like activation crosses 0, where its slope jumps,` +
    ` so the loss has no derivative there and the difference quotient mixes both slopes. ${r.kinks === 1 ? 'It is' : 'They are'} shown but not counted; a smaller ε avoids most kinks.`
  );
}

export function verdict(r: GradientCheckResult): string {
  const worst = r.maxRelativeError.toExponential(1);
  const note = kinkNote(r);
  if (r.kinks === r.entries.length) return `Every checked weight sits at a kink, so nothing could be compared.${note}`;
  if (r.maxRelativeError < AGREEMENT) return `Backprop and finite differences agree: largest relative error ${worst}.${note}`;
  if (r.epsilon >= 1e-1) return `Largest relative error ${worst}: ε = ${r.epsilon} is large, so the difference quotient is off (truncation error). Try a smaller ε.${note}`;
  if (r.epsilon <= 1e-4) return `Largest relative error ${worst}: with ε = ${r.epsilon} the loss changes by less than float32 can resolve (rounding error). Try a larger ε.${note}`;
  return `Largest relative error ${worst}: at a kink the check cannot see (max pooling switching its maximum, L1 at 0) finite differences and backprop can differ; elsewhere this would point to a wrong gradient.${note}`;
}

export function GradientCheck({ nodeId, params }: { nodeId: string; params: string[] }) {
  const [param, setParam] = useState(params[0] ?? '');
  const [epsilon, setEpsilon] = useState<number>(DEFAULT_GRADIENT_CHECK_EPSILON);
  const [result, setResult] = useState<GradientCheckResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = params[0] ?? '';
  // The step-through's "Check this gradient": open on that tensor, run, and mark that weight.
  const focus = useTrainingView((s) => (s.gradientCheckFocus?.nodeId === nodeId ? s.gradientCheckFocus : null));
  useEffect(() => {
    // Another node: start over with its first tensor.
    setParam(first);
    setResult(null);
    setError(null);
  }, [nodeId, first]);
  useEffect(() => {
    if (!focus || !params.includes(focus.param)) return;
    setParam(focus.param);
    void run(focus.param);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus]);

  if (params.length === 0) return null;
  const run = async (which = param) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await useTrainingStore.getState().gradientCheck(nodeId, which, epsilon, undefined, focus && focus.param === which ? focus.index : undefined));
    } catch (e) {
      setResult(null);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="bp-gradcheck" data-testid="gradient-check">
      <div className="bp-section-title">Gradient check: backprop against finite differences</div>
      <div className="bp-row">
        <label>
          Weights{' '}
          <select value={param} onChange={(e) => setParam(e.target.value)} data-testid="gradient-check-param">
            {params.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label>
          ε{' '}
          <select value={epsilon} onChange={(e) => setEpsilon(Number(e.target.value))} data-testid="gradient-check-epsilon">
            {GRADIENT_CHECK_EPSILONS.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="bp-btn" disabled={busy} onClick={() => void run()} data-testid="gradient-check-run">
          Check gradients
        </button>
        <span className="bp-hint">(L(w + ε) − L(w − ε)) / 2ε on the first training rows, dropout off</span>
      </div>
      {error && <div className="bp-msg bp-msg-error">{error}</div>}
      {result && (
        <>
          <table className="bp-table bp-gradcheck-table" data-testid="gradient-check-table">
            <thead>
              <tr>
                <th>{result.param}</th>
                <th>backprop ∂L/∂w</th>
                <th>finite difference</th>
                <th>relative error</th>
              </tr>
            </thead>
            <tbody>
              {result.entries.map((e) => (
                <tr
                  key={e.index}
                  className={[e.atKink ? 'bp-gradcheck-kink' : e.relativeError < AGREEMENT ? '' : 'bp-gradcheck-off', focus && focus.param === result.param && focus.index === e.index ? 'bp-gradcheck-focus' : ''].join(' ').trim() || undefined}
                  data-testid={focus && focus.param === result.param && focus.index === e.index ? 'gradient-check-focus' : undefined}
                  data-kink={e.atKink || undefined}
                >
                  <td title={e.atKink ? 'At a kink: a ReLU-like input crosses 0 between w − ε and w + ε; not counted' : undefined}>
                    [{e.position.join(', ')}]{e.atKink ? ' ⋀' : ''}
                  </td>
                  <td>{formatValue(e.backprop)}</td>
                  <td>{formatValue(e.numeric)}</td>
                  <td>{e.relativeError.toExponential(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="bp-hint" data-testid="gradient-check-verdict">
            {verdict(result)} Batch of {result.rows} rows, loss {formatValue(result.loss)}, ε = {result.epsilon}.
          </div>
        </>
      )}
    </section>
  );
}
