/**
 * Electron's security checklist in one place: locked-down webPreferences, a strict
 * Content-Security-Policy header, no navigation or new windows, no permissions, and the check
 * every IPC handler runs on the sending frame.
 */
import { shell, type Session, type WebContents, type WebFrameMain, type WebPreferences } from 'electron';
import { isAppUrl } from './app-paths';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/**
 * Sent as a header in addition to the renderer's <meta> tag. 'unsafe-inline' styles are for
 * React Flow's inline node positions; blob: workers are the web build's engine fallback.
 * No 'unsafe-eval' and no inline scripts.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Permissions the page may use: writing to the clipboard for Copy, nothing else. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

export function installSessionSecurity(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...(details.responseHeaders ?? {}) };
    for (const key of Object.keys(headers)) if (key.toLowerCase() === 'content-security-policy') delete headers[key];
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(ALLOWED_PERMISSIONS.has(permission) && isAppUrl(details.requestingUrl));
  });
  session.setPermissionCheckHandler(
    (_contents, permission, _origin, details) => ALLOWED_PERMISSIONS.has(permission) && isAppUrl(details.requestingUrl ?? ''),
  );
}

/** Only http(s) links leave the app, and only to the user's browser. */
export function openExternalIfWeb(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return;
  }
  if (protocol === 'https:' || protocol === 'http:') void shell.openExternal(url);
}

/** The page never navigates away and never opens windows of its own. */
export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfWeb(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternalIfWeb(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** True when `frame` is the window's main frame showing our renderer (not a sub-frame, not a foreign page). */
export function isTrustedFrame(frame: WebFrameMain | null | undefined, mainFrame: WebFrameMain): boolean {
  if (!frame || frame.parent !== null) return false;
  const sameFrame = frame === mainFrame || (frame.processId === mainFrame.processId && frame.routingId === mainFrame.routingId);
  return sameFrame && isAppUrl(frame.url);
}
