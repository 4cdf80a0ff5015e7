/** The quick-add menu at the cursor (right-click or Space): type to filter, arrows to choose, Enter adds. */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { getNodeSpec } from '../../../shared/nodes';
import { useAddNode } from '../canvas/use-add-node';
import { useUiStore } from '../store/ui-store';
import { rankedTypes } from './filter-types';

const MENU_WIDTH = 260;
const MENU_HEIGHT = 320;

export function QuickAdd() {
  const at = useUiStore((s) => s.quickAdd);
  if (!at) return null;
  return <QuickAddMenu key={`${at.x},${at.y}`} x={at.x} y={at.y} />;
}

function QuickAddMenu({ x, y }: { x: number; y: number }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const addNode = useAddNode();
  const input = useRef<HTMLInputElement>(null);
  const types = rankedTypes(query);
  const close = () => useUiStore.getState().openQuickAdd(null);
  useEffect(() => input.current?.focus(), []);

  const choose = (index: number) => {
    const type = types[index];
    if (!type) return;
    close();
    addNode(type, { x, y });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') setActive((i) => Math.min(i + 1, types.length - 1));
    else if (event.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (event.key === 'Enter') choose(active);
    else if (event.key === 'Escape') close();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };
  const left = Math.min(x, window.innerWidth - MENU_WIDTH - 8);
  const top = Math.min(y, window.innerHeight - MENU_HEIGHT - 8);
  return (
    <>
      <div className="quick-add__backdrop" onMouseDown={close} onContextMenu={(e) => (e.preventDefault(), close())} />
      <div className="quick-add" style={{ left, top, width: MENU_WIDTH }} role="dialog" aria-label="Add a node" data-testid="quick-add">
        <input
          ref={input}
          value={query}
          placeholder="Add a node…"
          onChange={(e) => (setQuery(e.target.value), setActive(0))}
          onKeyDown={onKeyDown}
          aria-label="Node type"
          data-testid="quick-add-input"
        />
        <ul role="listbox">
          {types.map((type, i) => {
            const spec = getNodeSpec(type)!;
            return (
              <li
                key={type}
                role="option"
                aria-selected={i === active}
                className={`quick-add__item cat-${spec.category}${i === active ? ' is-active' : ''}`}
                onMouseEnter={() => setActive(i)}
                onMouseDown={(e) => (e.preventDefault(), choose(i))}
                data-testid={`quick-add-item-${type}`}
              >
                <span className="palette-item__swatch" aria-hidden />
                {spec.label}
              </li>
            );
          })}
          {types.length === 0 && <li className="quick-add__none">No match</li>}
        </ul>
      </div>
    </>
  );
}
