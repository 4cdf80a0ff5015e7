/**
 * The table the perceptron slides walk through: per presented sample x, its label y, the
 * output ŷ, the update Δw (and ΔT) and the weights after it. Filled from the engine after
 * every step (inspect of the input, the output and the Dense layer); the sample's label comes
 * from the training split (sequential order, one sample per step). At full speed steps go by
 * faster than rows can be read back, so skipped steps show as a gap: use a slow pace.
 */
import { useEffect, useRef, useState } from 'react';
import { useTrainingStore } from '../engine-client';

interface Row {
  step: number;
  x: number[];
  y: number;
  yHat: number;
  dw: number[];
  dT: number;
  w: number[];
  T: number;
}

interface Weights {
  w: number[];
  T: number;
}

export function PerceptronTable({ dense, output }: { dense: string; output: string }) {
  const summary = useTrainingStore((s) => s.summary);
  const step = useTrainingStore((s) => s.training?.globalStep ?? 0);
  const [rows, setRows] = useState<(Row | { gap: number })[]>([]);
  const last = useRef<{ step: number; weights: Weights | null; labels: Float32Array | null }>({ step: 0, weights: null, labels: null });

  useEffect(() => {
    if (!summary) return;
    let cancelled = false;
    const engine = useTrainingStore.getState();
    const readWeights = async (): Promise<Weights> => {
      const params = (await engine.inspect(dense)).params;
      const kernel = params.find((p) => p.name === 'kernel')!;
      const bias = params.find((p) => p.name === 'bias');
      return { w: [...kernel.data], T: bias ? -bias.data[0]! : 0 };
    };
    void (async () => {
      const prev = last.current;
      if (step === 0 || step < prev.step || !prev.weights) {
        // A new run (or the project just loaded): start the table again from the current weights.
        const weights = await readWeights();
        const labels = (await engine.sampleImages('train', 0, summary.train)).y;
        if (cancelled) return;
        last.current = { step, weights, labels };
        setRows([]);
        return;
      }
      if (step === prev.step) return;
      const [weights, xs, ys] = await Promise.all([readWeights(), engine.inspect('x'), engine.inspect(output)]);
      if (cancelled) return;
      const before = prev.weights;
      const labels = prev.labels!;
      const row: Row = {
        step,
        x: [...xs.activations.slice(0, xs.activations.length / Math.max(1, xs.rows))],
        y: labels[(step - 1) % labels.length]!,
        yHat: ys.activations[0]!,
        dw: weights.w.map((v, i) => v - before.w[i]!),
        dT: weights.T - before.T,
        w: weights.w,
        T: weights.T,
      };
      const gap = step - prev.step - 1;
      last.current = { step, weights, labels };
      setRows((r) => [...r, ...(gap > 0 ? [{ gap }] : []), row].slice(-200));
    })().catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [summary, step, dense, output]);

  const n = (v: number) => String(Number(v.toFixed(4)));
  const vec = (v: number[]) => `(${v.map(n).join(', ')})`;
  return (
    <div className="lecture-table-wrap">
      <table className="lecture-table" data-testid="perceptron-table">
        <caption>The perceptron rule, one sample per step</caption>
        <thead>
          <tr>
            <th>step</th>
            <th>x</th>
            <th>y</th>
            <th>ŷ</th>
            <th>Δw</th>
            <th>ΔT</th>
            <th>w after</th>
            <th>T after</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={8} className="lecture-table__empty">
                No step yet: set the speed to one step at a time and press Train.
              </td>
            </tr>
          )}
          {rows.map((r, i) =>
            'gap' in r ? (
              <tr key={`gap${i}`}>
                <td colSpan={8} className="lecture-table__empty">
                  … {r.gap} step{r.gap === 1 ? '' : 's'} went by too fast to read
                </td>
              </tr>
            ) : (
              <tr key={r.step} data-testid={`perceptron-row-${r.step}`} className={r.y !== r.yHat ? 'is-update' : undefined}>
                <td>{r.step}</td>
                <td>{vec(r.x)}</td>
                <td>{n(r.y)}</td>
                <td>{n(r.yHat)}</td>
                <td>{vec(r.dw)}</td>
                <td>{n(r.dT)}</td>
                <td>{vec(r.w)}</td>
                <td>{n(r.T)}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
