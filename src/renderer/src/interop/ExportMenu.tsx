/** The Export ▾ menu of the toolbar (the web build has no menu bar; the desktop has File › Export too). */
import { usePopupMenu } from '../app/use-popup-menu';
import { commandSpec, type AppCommand, type CommandId } from '../../../shared/commands';
import { icons } from '../app/icons';

/** Commands of the registry's Export menu; titles come from the registry (as File › Export's). */
const ITEMS: { command: CommandId; testId: string; text: string }[] = [
  { command: 'exportOnnx', testId: 'export-onnx', text: 'The model with its weights and normalisation, for any ONNX runtime.' },
  { command: 'exportPytorch', testId: 'export-pytorch', text: 'A train.py with the weights and data: runs with python or torchrun.' },
  { command: 'exportWeights', testId: 'export-weights', text: 'The weights as nested arrays.' },
  { command: 'exportPng', testId: 'export-png', text: 'The network as a picture, for slides.' },
  { command: 'exportSvg', testId: 'export-svg', text: 'The network as a vector drawing, for papers.' },
  { command: 'exportMarkdown', testId: 'export-markdown', text: 'Layers, shapes, parameters and settings.' },
];

const title = (id: CommandId) => {
  const spec = commandSpec(id);
  return spec.menu?.label ?? spec.label;
};

export function ExportMenu({ dispatch }: { dispatch(command: AppCommand): void }) {
  const { open, setOpen, root } = usePopupMenu();
  const choose = (command: CommandId) => {
    setOpen(false);
    dispatch({ type: command } as AppCommand);
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
            <button key={item.command} type="button" role="menuitem" className="menu__item" onClick={() => choose(item.command)} data-testid={item.testId} data-command={item.command}>
              <span className="menu__item-title">{title(item.command)}</span>
              <span className="menu__item-text">{item.text}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
