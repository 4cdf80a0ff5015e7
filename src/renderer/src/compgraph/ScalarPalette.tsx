/** The palette of scalar blocks: drag onto the canvas, or double-click (Enter) to add one. */
import type { DragEvent, KeyboardEvent } from 'react';
import { SCALAR_OPS, scalarOps, type ScalarOp } from '../../../shared/compgraph/ops';

export const SCALAR_OP_MIME = 'application/x-backprop-scalar-op';

const GROUPS: { title: string; ops: ScalarOp[] }[] = [
  { title: 'Inputs', ops: ['variable', 'constant'] },
  { title: 'Arithmetic', ops: ['add', 'subtract', 'multiply', 'divide', 'power', 'square'] },
  { title: 'Functions', ops: ['exp', 'log', 'sin', 'cos', 'sigmoid', 'tanh', 'relu', 'abs'] },
  { title: 'Custom', ops: ['expression'] },
];

function Item({ op, onAdd }: { op: ScalarOp; onAdd(op: ScalarOp): void }) {
  const spec = scalarOps[op];
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(SCALAR_OP_MIME, op);
    event.dataTransfer.setData('text/plain', spec.label);
    event.dataTransfer.effectAllowed = 'copy';
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') onAdd(op);
  };
  return (
    <li className="cg-palette__item" draggable tabIndex={0} onDragStart={onDragStart} onDoubleClick={() => onAdd(op)} onKeyDown={onKeyDown} title={`${spec.description}\nDrag onto the canvas, or double-click to add.`} data-testid={`palette-item-${op}`}>
      <span className="cg-palette__symbol">{spec.symbol}</span>
      <span>{spec.label}</span>
    </li>
  );
}

export function ScalarPalette({ onAdd }: { onAdd(op: ScalarOp): void }) {
  if (GROUPS.flatMap((g) => g.ops).length !== SCALAR_OPS.length) throw new Error('ScalarPalette: every scalar op belongs to a group');
  return (
    <aside className="palette cg-palette" aria-label="Scalar blocks">
      {GROUPS.map((g) => (
        <section key={g.title}>
          <h3 className="cg-palette__heading">{g.title}</h3>
          <ul>
            {g.ops.map((op) => (
              <Item key={op} op={op} onAdd={onAdd} />
            ))}
          </ul>
        </section>
      ))}
    </aside>
  );
}
