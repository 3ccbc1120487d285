/**
 * A <details> element used as a menu, as a Svelte action: it closes when focus leaves it, and
 * Escape closes it from any control inside and gives focus back to its summary.
 */
export function detailsMenu(node: HTMLDetailsElement) {
  function onfocusout(event: FocusEvent) {
    if (!node.contains(event.relatedTarget as Node | null)) node.open = false;
  }
  function onkeydown(event: KeyboardEvent) {
    if (event.key !== 'Escape' || !node.open) return;
    event.stopPropagation();
    node.open = false;
    node.querySelector('summary')?.focus();
  }
  node.addEventListener('focusout', onfocusout);
  node.addEventListener('keydown', onkeydown);
  return {
    destroy() {
      node.removeEventListener('focusout', onfocusout);
      node.removeEventListener('keydown', onkeydown);
    },
  };
}
