/** Says why an edit was refused by the lesson's locks, for a few seconds (every refusal, even the same one again). */
import { useEffect, useState } from 'react';
import { useProjectStore } from '../store/project-store';

const SHOW_MS = 4000;

export function LockRefusalToast() {
  const refusal = useProjectStore((s) => s.lockRefusal);
  const [shown, setShown] = useState<string | null>(null);
  useEffect(() => {
    if (!refusal) return;
    setShown(refusal.message);
    const timer = setTimeout(() => setShown(null), SHOW_MS);
    return () => clearTimeout(timer);
  }, [refusal]);
  if (!shown) return null;
  return (
    <div className="toast toast--lock" role="alert" data-testid="lock-refused">
      <span aria-hidden>🔒 </span>
      {shown}
    </div>
  );
}
