/** The New ▾ menu: a blank project or one of the templates, each ready to train. */
import { usePopupMenu } from './use-popup-menu';
import { templates } from '../../../shared/templates';
import { newProject } from './file-actions';
import { icons } from './icons';
import '../styles/overlays.css';

export function NewMenu() {
  const { open, setOpen, root } = usePopupMenu();
  const choose = (id?: string) => {
    setOpen(false);
    void newProject(id);
  };
  return (
    <div className="menu" ref={root}>
      <button type="button" className="tool-button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="new-project" title="New project">
        {icons.new}
        <span>New</span>
        {icons.chevron}
      </button>
      {open && (
        <div className="menu__popup" role="menu" data-testid="new-menu">
          <button type="button" role="menuitem" className="menu__item" onClick={() => choose()} data-testid="template-blank">
            <span className="menu__item-title">Blank project</span>
            <span className="menu__item-text">An empty canvas with the Circle dataset chosen.</span>
          </button>
          <div className="menu__separator" />
          <div className="menu__heading">Templates</div>
          {templates.map((t) => (
            <button key={t.id} type="button" role="menuitem" className="menu__item" onClick={() => choose(t.id)} data-testid={`template-${t.id}`}>
              <span className="menu__item-title">{t.label}</span>
              <span className="menu__item-text">{t.description}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
