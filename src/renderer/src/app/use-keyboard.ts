/** Keyboard shortcuts for the whole window (text fields keep their own keys). */
import { useEffect } from 'react';
import { menuPlatform } from '../../../shared/commands';
import { platform } from '../platform';
import { useUiStore } from '../store/ui-store';
import { pointerOverCanvas } from '../canvas/viewport';
import { isActivatable, isEditableTarget, spaceOpensQuickAdd } from './editable';
import { commandForKey, type KeyContext } from '../commands/key-bindings';
import type { AppCommand } from './use-commands';

function browserPlatform(): string {
  if (typeof navigator === 'undefined') return 'other';
  return /Windows/.test(navigator.userAgent) ? 'win32' : /Mac/.test(navigator.platform || navigator.userAgent) ? 'darwin' : 'other';
}

const context: KeyContext = { desktop: platform.kind === 'desktop', platform: menuPlatform(browserPlatform()) };

export function useKeyboardShortcuts(dispatch: (command: AppCommand) => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isEditableTarget(event.target)) return;
      const space = event.key === ' ' && !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey;
      const open = useUiStore.getState();
      if (space && !open.quickAdd && !open.confirm && !open.dialog && spaceOpensQuickAdd(event.target, pointerOverCanvas() !== null)) {
        event.preventDefault(); // the focused toolbar button must not click
        return dispatch({ type: 'quickAdd' });
      }
      if ((event.key === ' ' || event.key === 'Enter') && isActivatable(event.target)) return; // the control's own key
      const ui = useUiStore.getState();
      if (ui.quickAdd || ui.confirm) return; // their own keys
      if (event.key === 'Escape' && ui.dialog) return ui.openDialog(null);
      const command = commandForKey(event, context);
      if (!command) return;
      event.preventDefault();
      dispatch(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [dispatch]);
}
