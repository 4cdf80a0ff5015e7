/** The Export ▾ menu of the toolbar (the web build has no menu bar; the desktop has File › Export too). */
import { usePopupMenu } from '../app/use-popup-menu';
import type { ExportKind } from '../../../shared/desktop-api';
import { icons } from '../app/icons';
import type { AppCommand } from '../app/run-command';

const ITEMS: { kind: ExportKind | 'weights'; title: string; text: string }[] = [
  { kind: 'onnx', title: 'ONNX…', text: 'The model with its weights and normalisation, for any ONNX runtime.' },
  { kind: 'pytorch', title: 'PyTorch script…', text: 'A train.py with the weights and data: runs with python or torchrun.' },
  { kind: 'weights', title: 'Weights (JSON)…', text: 'The weights as nested arrays.' },
  { kind: 'png', title: 'Canvas as PNG…', text: 'The network as a picture, for slides.' },
  { kind: 'svg', title: 'Canvas as SVG…', text: 'The network as a vector drawing, for papers.' },
  { kind: 'markdown', title: 'Model summary (Markdown)…', text: 'Layers, shapes, parameters and settings.' },
];

export function ExportMenu({ dispatch }: { dispatch(command: AppCommand): void }) {
  const { open, setOpen, root } = usePopupMenu();
  const choose = (kind: ExportKind | 'weights') => {
    setOpen(false);
    dispatch(kind === 'weights' ? { type: 'exportWeights' } : { type: 'export', kind });
  };
  return (
    <div className="menu" ref={root}>
      <button type="button" className="tool-button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="export-menu-button" title="Export">
        <span>Export</span>
        {icons.chevron}
      </button>
      {open && (
        <div className="menu__popup" role="menu" data-testid="export-menu">
          {ITEMS.map((item) => (
            <button key={item.kind} type="button" role="menuitem" className="menu__item" onClick={() => choose(item.kind)} data-testid={`export-${item.kind}`}>
              <span className="menu__item-title">{item.title}</span>
              <span className="menu__item-text">{item.text}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
