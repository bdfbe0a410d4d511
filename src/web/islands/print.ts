/**
 * A "Print" button: rendered hidden (it cannot work without a script) and shown once this island
 * runs; pressing it opens the browser's print dialogue.
 */
export function mount(el: HTMLElement): void {
  el.hidden = false;
  el.addEventListener('click', () => window.print());
}
