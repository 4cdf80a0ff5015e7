/** The New ▾ menu: a blank project, one of the templates, a lecture's worked example, a lesson or a computational graph. */
import { usePopupMenu } from './use-popup-menu';
import type { AppCommand } from '../../../shared/commands';
import { compGraphLessonTemplates, compGraphTemplates, lectureMenuTemplates, lessonTemplates, templates } from '../../../shared/templates';
import { BLANK_COMPGRAPH_ID } from '../compgraph/compgraph-files';
import { icons } from './icons';
import '../styles/overlays.css';

/** The registry's `new` command, blank or with a template (as File › New on the desktop). */
export function NewMenu({ dispatch }: { dispatch(command: AppCommand): void }) {
  const { open, setOpen, root } = usePopupMenu();
  const choose = (template?: string) => {
    setOpen(false);
    dispatch(template ? { type: 'new', template } : { type: 'new' });
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
          <button type="button" role="menuitem" className="menu__item" onClick={() => choose()} data-testid="template-blank" data-command="new">
            <span className="menu__item-title">Blank project</span>
            <span className="menu__item-text">An empty canvas with the Circle dataset chosen.</span>
          </button>
          <div className="menu__separator" />
          <div className="menu__heading">Templates</div>
          {templates.map((t) => (
            <button key={t.id} type="button" role="menuitem" className="menu__item" onClick={() => choose(t.id)} data-testid={`template-${t.id}`} data-command="new">
              <span className="menu__item-title">{t.label}</span>
              <span className="menu__item-text">{t.description}</span>
            </button>
          ))}
          <div className="menu__separator" />
          <div className="menu__heading" data-testid="new-menu-lectures">Lectures</div>
          {lectureMenuTemplates().map((t) => (
            <button key={t.id} type="button" role="menuitem" className="menu__item" onClick={() => choose(t.id)} data-testid={`template-${t.id}`} data-command="new">
              <span className="menu__item-title">{t.label}</span>
              <span className="menu__item-text">{t.description}</span>
            </button>
          ))}
          <div className="menu__separator" />
          <div className="menu__heading">Lessons</div>
          {[...lessonTemplates, ...compGraphLessonTemplates].map((t) => (
            <button key={t.id} type="button" role="menuitem" className="menu__item" onClick={() => choose(t.id)} data-testid={`template-lesson-${t.id}`} data-command="new">
              <span className="menu__item-title">{t.label}</span>
              <span className="menu__item-text">{t.description}</span>
            </button>
          ))}
          <div className="menu__separator" />
          <div className="menu__heading">Computational graphs</div>
          <button type="button" role="menuitem" className="menu__item" onClick={() => choose(BLANK_COMPGRAPH_ID)} data-testid={`template-${BLANK_COMPGRAPH_ID}`} data-command="new">
            <span className="menu__item-title">Computational graph (blank)</span>
            <span className="menu__item-text">Scalar blocks wired into g(θ): step through forward and reverse mode.</span>
          </button>
          {compGraphTemplates.map((t) => (
            <button key={t.id} type="button" role="menuitem" className="menu__item" onClick={() => choose(t.id)} data-testid={`template-${t.id}`} data-command="new">
              <span className="menu__item-title">{t.label}</span>
              <span className="menu__item-text">{t.description}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
