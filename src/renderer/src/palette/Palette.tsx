/**
 * The node palette: types grouped by category, a search box; drag onto the canvas, or
 * double-click / Enter to add. The list is one Tab stop (a roving tabindex): the arrow keys
 * move between types, Home / End jump to the first / last.
 */
import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { getNodeSpec, type NodeType } from '../../../shared/nodes';
import { NODE_TYPE_MIME } from '../canvas/drop';
import { useAddNode } from '../canvas/use-add-node';
import { firstSentence, groupedTypes } from './filter-types';
import { nextRovingIndex } from './roving';
import '../styles/palette.css';

interface PaletteItemProps {
  type: NodeType;
  current: boolean;
  onAdd(type: NodeType): void;
  onFocus(type: NodeType): void;
}

function PaletteItem({ type, current, onAdd, onFocus }: PaletteItemProps) {
  const spec = getNodeSpec(type)!;
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(NODE_TYPE_MIME, type);
    event.dataTransfer.setData('text/plain', spec.label);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <li
      className={`palette-item cat-${spec.category}`}
      role="option"
      aria-selected={current}
      draggable
      tabIndex={current ? 0 : -1}
      onDragStart={onDragStart}
      onDoubleClick={() => onAdd(type)}
      onFocus={() => onFocus(type)}
      title={`${firstSentence(spec.description)}\nDrag onto the canvas, or double-click (Enter) to add.`}
      data-testid={`palette-item-${type}`}
      data-type={type}
    >
      <span className="palette-item__swatch" aria-hidden />
      <span className="palette-item__label">{spec.label}</span>
    </li>
  );
}

export function Palette() {
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<NodeType | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const addNode = useAddNode();
  const groups = groupedTypes(query);
  const visible = groups.flatMap((g) => g.types);
  const current = chosen && visible.includes(chosen) ? chosen : (visible[0] ?? null);

  const onKeyDown = (event: KeyboardEvent) => {
    if (!current) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      addNode(current);
      return;
    }
    const next = nextRovingIndex(event.key, visible.indexOf(current), visible.length);
    if (next === null) return;
    event.preventDefault();
    const type = visible[next]!;
    setChosen(type);
    list.current?.querySelector<HTMLElement>(`[data-type="${type}"]`)?.focus();
  };

  return (
    <aside className="palette panel" aria-label="Node palette" data-testid="palette">
      <div className="panel__header">
        <h2 className="panel__title">Nodes</h2>
      </div>
      <div className="palette__search">
        <input
          type="search"
          placeholder="Search nodes…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-label="Search nodes"
          data-testid="palette-search"
        />
      </div>
      <div className="palette__groups" ref={list} role="listbox" aria-label="Node types: arrow keys choose, Enter adds to the canvas" onKeyDown={onKeyDown} data-testid="palette-list">
        {groups.map((group) => (
          <div key={group.category} className="palette-group" role="group" aria-labelledby={`palette-group-${group.category}`}>
            <div id={`palette-group-${group.category}`} className={`palette-group__title cat-${group.category}`} role="presentation">
              {group.label}
            </div>
            <ul className="palette-group__list" role="none">
              {group.types.map((type) => (
                <PaletteItem key={type} type={type} current={type === current} onAdd={(t) => addNode(t)} onFocus={setChosen} />
              ))}
            </ul>
          </div>
        ))}
        {groups.length === 0 && <p className="palette__empty">No node matches “{query}”.</p>}
      </div>
      <p className="palette__tip">Drag onto the canvas · double-click or Enter to add · Space for quick add</p>
    </aside>
  );
}
