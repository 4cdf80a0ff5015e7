/** The node palette: types grouped by category, a search box; drag onto the canvas, or double-click / Enter to add. */
import { useState, type DragEvent, type KeyboardEvent } from 'react';
import { getNodeSpec, type NodeType } from '../../../shared/nodes';
import { NODE_TYPE_MIME } from '../canvas/drop';
import { useAddNode } from '../canvas/use-add-node';
import { firstSentence, groupedTypes } from './filter-types';
import '../styles/palette.css';

function PaletteItem({ type, onAdd }: { type: NodeType; onAdd(type: NodeType): void }) {
  const spec = getNodeSpec(type)!;
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(NODE_TYPE_MIME, type);
    event.dataTransfer.setData('text/plain', spec.label);
    event.dataTransfer.effectAllowed = 'copy';
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    onAdd(type);
  };
  return (
    <li
      className={`palette-item cat-${spec.category}`}
      draggable
      tabIndex={0}
      onDragStart={onDragStart}
      onDoubleClick={() => onAdd(type)}
      onKeyDown={onKeyDown}
      title={`${firstSentence(spec.description)}\nDrag onto the canvas, or double-click to add.`}
      data-testid={`palette-item-${type}`}
    >
      <span className="palette-item__swatch" aria-hidden />
      <span className="palette-item__label">{spec.label}</span>
    </li>
  );
}

export function Palette() {
  const [query, setQuery] = useState('');
  const addNode = useAddNode();
  const groups = groupedTypes(query);
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
      <div className="palette__groups">
        {groups.map((group) => (
          <section key={group.category} className="palette-group">
            <h3 className={`palette-group__title cat-${group.category}`}>{group.label}</h3>
            <ul className="palette-group__list">
              {group.types.map((type) => (
                <PaletteItem key={type} type={type} onAdd={(t) => addNode(t)} />
              ))}
            </ul>
          </section>
        ))}
        {groups.length === 0 && <p className="palette__empty">No node matches “{query}”.</p>}
      </div>
      <p className="palette__tip">Drag onto the canvas · double-click to add · Space for quick add</p>
    </aside>
  );
}
