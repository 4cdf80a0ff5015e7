/** Messages across the top of the workspace: errors (testid error-banner), notices, and a recovery offer on the web. */
import { useEffect, useState } from 'react';
import { platform } from '../platform';
import { useProjectStore } from '../store/project-store';
import { useUiStore } from '../store/ui-store';
import { showOpenedProject } from './file-actions';
import '../styles/overlays.css';

const NOTICE_MS = 2500;

export function ErrorBanner() {
  const error = useUiStore((s) => s.error);
  if (!error) return null;
  return (
    <div className="banner banner--error" role="alert" data-testid="error-banner">
      <span className="banner__text">{error}</span>
      <button type="button" className="banner__close" onClick={() => useUiStore.getState().showError(null)} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}

export function NoticeToast() {
  const notice = useUiStore((s) => s.notice);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => useUiStore.getState().showNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  if (!notice) return null;
  return (
    <div className="toast" role="status" data-testid="notice">
      {notice}
    </div>
  );
}

/** Web only: the unsaved project of an earlier visit, kept in local storage. */
export function RecoveryBanner() {
  const [recovered, setRecovered] = useState(() => (platform.kind === 'web' ? platform.recoveredProject() : null));
  if (!recovered) return null;
  const dismiss = () => {
    platform.writeRecovery(null);
    setRecovered(null);
  };
  const restore = async () => {
    setRecovered(null);
    if (await showOpenedProject(recovered)) useProjectStore.getState().markUnsaved();
  };
  const when = recovered.savedAt ? new Date(recovered.savedAt).toLocaleString() : 'an earlier visit';
  return (
    <div className="banner banner--info" role="status" data-testid="recovery-banner">
      <span className="banner__text">Unsaved changes to {recovered.name} from {when} were kept.</span>
      <button type="button" className="button button--small" onClick={() => void restore()}>
        Restore
      </button>
      <button type="button" className="button button--small button--quiet" onClick={dismiss}>
        Discard
      </button>
    </div>
  );
}
