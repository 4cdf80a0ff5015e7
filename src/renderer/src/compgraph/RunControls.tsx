/** Forward pass, backward pass, stepping through either mode, and the passes each mode needs, side by side. */
import { useCompGraphStore } from './compgraph-store';

export function RunControls() {
  const run = useCompGraphStore((s) => s.run);
  const runError = useCompGraphStore((s) => s.runError);
  const store = useCompGraphStore.getState();
  const d = run?.fwd.variables.length ?? 0;
  const steps = run?.rev.steps.length ?? 0;
  const reverseDone = run?.reverseSteps ?? null;
  const tangentDone = run?.tangentPasses ?? null;
  const current = run && reverseDone !== null && reverseDone > 0 ? run.rev.steps[reverseDone - 1] : undefined;
  const tangentPass = run && tangentDone ? run.tan.passes[tangentDone - 1] : undefined;
  return (
    <div className="cg-run" data-testid="run-controls">
      <div className="cg-run__buttons">
        <button type="button" className="button" onClick={() => store.runForward()} data-testid="forward-pass" title="Compute every block's value and its local derivatives">
          ▶ Forward pass
        </button>
        <button type="button" className="button" onClick={() => store.runBackward()} data-testid="backward-pass" title="Send ∂g/∂g = 1 back from g; every block passes adjoint × local derivative to its inputs">
          ◀ Backward pass
        </button>
        <span className="cg-run__sep" />
        <button type="button" className="button button--quiet" onClick={() => store.stepBackward()} data-testid="reverse-step" title="Reverse mode, one block at a time">
          Reverse mode: step
        </button>
        <button type="button" className="button button--quiet" onClick={() => store.stepTangent()} data-testid="tangent-step" title="Forward mode: carry ∂·/∂θᵢ forward for the next variable">
          Forward mode: next θ
        </button>
        <button type="button" className="button button--quiet" onClick={() => store.resetRun()} data-testid="reset-run" disabled={!run && !runError}>
          Clear
        </button>
      </div>
      {run && (
        <div className="cg-run__modes">
          <div className={`cg-mode${reverseDone !== null ? ' is-on' : ''}`} data-testid="passes-reverse">
            <b>Reverse mode</b>: 1 forward + 1 backward pass give all {d} partial derivatives.{' '}
            {reverseDone !== null && (
              <span>
                Block {reverseDone} of {steps}
                {!current
                  ? ': g starts with ∂g/∂g = 1'
                  : current.messages.length === 0
                    ? `: ${current.nodeId} has summed its messages, ∂g/∂${current.nodeId} = ${Number(current.adjoint.toPrecision(6))}`
                    : `: ${current.nodeId} holds ∂g/∂${current.nodeId} and sends ${current.messages.length} message${current.messages.length === 1 ? '' : 's'} back`}
                .
              </span>
            )}
          </div>
          <div className={`cg-mode${tangentDone !== null ? ' is-on' : ''}`} data-testid="passes-forward">
            <b>Forward mode</b>: {d} forward pass{d === 1 ? '' : 'es'}, one per variable.{' '}
            {tangentPass && (
              <span>
                Pass {tangentDone} of {d}: ∂g/∂{tangentPass.variable} = {Number(tangentPass.derivative.toPrecision(6))}.
              </span>
            )}
          </div>
        </div>
      )}
      {runError && (
        <div className="cg-run__error" role="alert" data-testid="run-error">
          {runError}
        </div>
      )}
    </div>
  );
}
