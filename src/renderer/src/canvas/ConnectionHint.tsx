/**
 * Says why a connection is refused: live while the user drags a wire over a port that would
 * refuse it, and for a few seconds after a refused drop.
 */
import { useConnection } from '@xyflow/react';
import { useEffect } from 'react';
import { useUiStore } from '../store/ui-store';
import { attemptFrom, connectionRefusal } from './use-flow-handlers';

const REFUSAL_MS = 4000;

interface LiveRefusal {
  source: string;
  sourceHandle: string | null;
  target: string;
  targetHandle: string | null;
  x: number;
  y: number;
}

/** Inside <ReactFlow>: positioned in the flow container's coordinates. */
export function LiveConnectionHint() {
  const live = useConnection((c): LiveRefusal | null => {
    if (!c.inProgress || !c.toHandle || c.isValid !== false) return null;
    const attempt = attemptFrom(c);
    if (!attempt) return null;
    return { source: attempt.source, sourceHandle: attempt.sourceHandle ?? null, target: attempt.target, targetHandle: attempt.targetHandle ?? null, x: c.pointer.x, y: c.pointer.y };
  });
  if (!live) return null;
  const reason = connectionRefusal(live);
  if (!reason) return null;
  return (
    <div className="connection-hint" role="status" data-testid="connection-hint" style={{ left: live.x + 16, top: live.y + 16 }}>
      {reason}
    </div>
  );
}

/** After a refused drop: fixed at the screen point where the wire was let go, until the next click or key. */
export function RefusalToast() {
  const refusal = useUiStore((s) => s.refusal);
  useEffect(() => {
    if (!refusal) return;
    const hide = () => useUiStore.getState().showRefusal(null);
    const timer = setTimeout(hide, REFUSAL_MS);
    window.addEventListener('pointerdown', hide);
    window.addEventListener('keydown', hide);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', hide);
      window.removeEventListener('keydown', hide);
    };
  }, [refusal]);
  if (!refusal) return null;
  return (
    <div className="connection-hint is-fixed" role="alert" data-testid="connection-refused" style={{ left: refusal.x + 16, top: refusal.y + 16 }}>
      <strong>Not connected:</strong> {refusal.message}
    </div>
  );
}
