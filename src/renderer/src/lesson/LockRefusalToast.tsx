/** Says why an edit was refused by the lesson's locks, for a few seconds (every refusal, even the same one again). */
import { useEffect, useState } from 'react';
import { useProjectStore } from '../store/project-store';

const SHOW_MS = 4000;

export function LockRefusalToast() {
  const refusal = useProjectStore((s) => s.lockRefusal);
  const [shown, setShown] = useState<string | null>(null);
  useEffect(() => {
    // A new document clears the refusal: its toast goes with the old document.
    setShown(refusal?.message ?? null);
    if (!refusal) return;
    const timer = setTimeout(() => setShown(null), SHOW_MS);
    return () => clearTimeout(timer);
  }, [refusal]);
  if (!shown) return null;
  return (
    <div className="toast toast--lock" role="alert" data-testid="lock-refused">
      <svg className="toast__icon" width="12" height="12" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden>
        <rect x="3" y="7" width="10" height="7" rx="1.5" />
        <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
      </svg>
      {shown}
    </div>
  );
}
