/**
 * A modal dialog's keyboard rules, as a Svelte action: Tab and Shift+Tab go round the dialog's own
 * controls and never reach the page behind it; Escape closes it; focus that strays outside (a
 * click behind the backdrop) is brought back; and when the dialog goes, focus returns to where it
 * was before it opened.
 */
const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

export function trapFocus(node: HTMLElement, onEscape: () => void) {
  let escape = onEscape;
  // Where focus was when the dialog opened, and then into the dialog: its [data-autofocus] control, or itself.
  const before = document.activeElement instanceof HTMLElement && !node.contains(document.activeElement) ? document.activeElement : null;
  (node.querySelector<HTMLElement>('[data-autofocus]') ?? node).focus();
  const focusables = () => [...node.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);

  function onkeydown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      escape();
      return;
    }
    if (event.key !== 'Tab') return;
    const items = focusables();
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) {
      event.preventDefault();
      node.focus();
      return;
    }
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === node || !node.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !node.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  }
  function onfocusin(event: FocusEvent) {
    if (event.target instanceof Node && !node.contains(event.target)) (focusables()[0] ?? node).focus();
  }
  node.addEventListener('keydown', onkeydown);
  document.addEventListener('focusin', onfocusin);
  return {
    update(next: () => void) {
      escape = next;
    },
    destroy() {
      node.removeEventListener('keydown', onkeydown);
      document.removeEventListener('focusin', onfocusin);
      if (before?.isConnected) before.focus({ preventScroll: true });
    },
  };
}
