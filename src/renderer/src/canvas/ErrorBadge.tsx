/**
 * A node's red "!" and its problems on hover or focus. The text is drawn in a layer above the
 * whole canvas (a portal with fixed position), so the minimap, the zoom buttons and other
 * nodes never cover it; near the bottom or right edge of the window it opens upwards or leftwards.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';

const GAP = 8;
const MARGIN = 8;

export interface Placement {
  left: number;
  top: number;
}

/** Where a tooltip of `size` goes for a badge at `anchor`: below and centred, else above; kept inside the window. */
export function placeTooltip(anchor: DOMRect | { left: number; top: number; right: number; bottom: number; width: number }, size: { width: number; height: number }, viewport: { width: number; height: number }): Placement {
  const centre = anchor.left + anchor.width / 2;
  const left = Math.min(Math.max(MARGIN, centre - size.width / 2), viewport.width - size.width - MARGIN);
  const below = anchor.bottom + GAP;
  const top = below + size.height <= viewport.height - MARGIN ? below : Math.max(MARGIN, anchor.top - GAP - size.height);
  return { left, top };
}

export function ErrorBadge({ nodeId, issues }: { nodeId: string; issues: string[] }) {
  const badge = useRef<HTMLSpanElement>(null);
  const tip = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [place, setPlace] = useState<Placement | null>(null);
  useLayoutEffect(() => {
    if (!open || !badge.current || !tip.current) return setPlace(null);
    const size = tip.current.getBoundingClientRect();
    setPlace(placeTooltip(badge.current.getBoundingClientRect(), size, { width: window.innerWidth, height: window.innerHeight }));
  }, [open, issues]);
  const tooltipId = `node-error-text-${nodeId}`;
  return (
    <span
      ref={badge}
      className="net-node__error"
      data-testid={`node-error-${nodeId}`}
      aria-label={`Problem: ${issues.join(' ')}`}
      aria-describedby={open ? tooltipId : undefined}
      role="img"
      tabIndex={0}
      onMouseEnter={() => setOpen(true)}
      onMouseLeave={() => setOpen(false)}
      onFocus={() => setOpen(true)}
      onBlur={() => setOpen(false)}
    >
      !
      {/* The text stays in the badge too (hidden), so the node's own content still says what is wrong. */}
      <span className="visually-hidden">{issues.join(' ')}</span>
      {open &&
        createPortal(
          <div
            ref={tip}
            id={tooltipId}
            className="net-node__error-text"
            role="tooltip"
            data-testid={`node-error-text-${nodeId}`}
            style={{ left: place?.left ?? 0, top: place?.top ?? 0, visibility: place ? 'visible' : 'hidden' }}
          >
            {issues.map((text) => (
              <span key={text}>{text}</span>
            ))}
          </div>,
          document.body,
        )}
    </span>
  );
}
