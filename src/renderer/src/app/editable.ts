/** Whether keyboard focus is in a text field, where editing keys belong to the field. */
export function isEditableTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'range', 'color'].includes(target.type);
}

export function focusIsEditable(): boolean {
  return isEditableTarget(document.activeElement);
}

/** A control that Space or Enter activates (a button, a checkbox, a tab, a menu item). */
export function isActivatable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.matches('button, input, select, textarea, a[href], summary, [role="button"], [role="tab"], [role="menuitem"], [role="option"]');
}

/**
 * Whether Space opens the quick-add menu: the pointer is over the canvas and focus is not in a
 * text field. A focused button (after a toolbar click) does not keep the key then: the user is
 * pointing at the canvas, not at the button.
 */
export function spaceOpensQuickAdd(target: EventTarget | null, pointerOverCanvas: boolean): boolean {
  if (isEditableTarget(target)) return false;
  return pointerOverCanvas || !isActivatable(target);
}
