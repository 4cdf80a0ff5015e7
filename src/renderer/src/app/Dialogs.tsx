/** The app's dialogs: keyboard shortcuts, about, licences, and "are you sure?". */
import { version } from '../../../../package.json';
import { builtinDatasets } from '../../../shared/data/catalog';
import { useUiStore } from '../store/ui-store';
import { Modal } from './Modal';
import { formatKeys, shortcuts, type Shortcut } from '../commands/shortcut-help';
import '../styles/overlays.css';

const close = () => useUiStore.getState().openDialog(null);

function ShortcutsDialog() {
  const groups = [...new Set(shortcuts.map((s) => s.group))];
  return (
    <Modal title="Keyboard shortcuts" onClose={close} testId="shortcuts-dialog" wide>
      <div className="shortcut-groups">
        {groups.map((group) => (
          <section key={group}>
            <h3>{group}</h3>
            <dl className="shortcut-list">
              {shortcuts
                .filter((s: Shortcut) => s.group === group)
                .map((s) => (
                  <div key={s.action} className="shortcut-list__row" data-command={s.command}>
                    <dt>
                      {s.keys.map((k) => (
                        <kbd key={k}>{formatKeys(k)}</kbd>
                      ))}
                    </dt>
                    <dd>{s.action}</dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
      </div>
    </Modal>
  );
}

function AboutDialog() {
  return (
    <Modal title="About Backprop Studio" onClose={close} testId="about-dialog">
      <p>
        <strong>Backprop Studio {version}</strong>
      </p>
      <p>Build neural networks by wiring nodes on a canvas and watch them learn. The engine is written in TypeScript: every gradient is computed here, on your machine.</p>
      <p className="muted">MIT licence. Canvas by React Flow, layout by Eclipse Layout Kernel (elkjs), charts by Chart.js.</p>
    </Modal>
  );
}

const LIBRARIES = [
  ['React, React DOM', 'MIT'],
  ['React Flow (@xyflow/react)', 'MIT'],
  ['zustand', 'MIT'],
  ['Chart.js', 'MIT'],
  ['elkjs (Eclipse Layout Kernel)', 'EPL-2.0'],
] as const;

function LicensesDialog() {
  return (
    <Modal title="Licences" onClose={close} testId="licenses-dialog" wide>
      <p>Backprop Studio is released under the MIT licence.</p>
      <h3>Libraries</h3>
      <ul className="licence-list">
        {LIBRARIES.map(([name, licence]) => (
          <li key={name}>
            {name} <span className="muted">— {licence}</span>
          </li>
        ))}
      </ul>
      <h3>Datasets</h3>
      <ul className="licence-list">
        {builtinDatasets
          .filter((d) => d.licence)
          .map((d) => (
            <li key={d.id}>
              {d.label} <span className="muted">— {d.licence}; {d.source}</span>
            </li>
          ))}
      </ul>
      <p className="muted small">Generated datasets (gates, circle, spiral, …) are made by the app and carry no licence.</p>
    </Modal>
  );
}

function ConfirmDialog() {
  const confirm = useUiStore((s) => s.confirm);
  if (!confirm) return null;
  const footer = (
    <>
      <button type="button" className="button" onClick={() => confirm.answer(false)} data-testid="confirm-cancel">
        Cancel
      </button>
      <button type="button" className="button button--danger" onClick={() => confirm.answer(true)} data-testid="confirm-ok">
        {confirm.confirmLabel}
      </button>
    </>
  );
  return (
    <Modal title={confirm.title} onClose={() => confirm.answer(false)} footer={footer} testId="confirm-dialog">
      <p>{confirm.message}</p>
    </Modal>
  );
}

export function Dialogs() {
  const dialog = useUiStore((s) => s.dialog);
  return (
    <>
      {dialog === 'shortcuts' && <ShortcutsDialog />}
      {dialog === 'about' && <AboutDialog />}
      {dialog === 'licenses' && <LicensesDialog />}
      <ConfirmDialog />
    </>
  );
}
