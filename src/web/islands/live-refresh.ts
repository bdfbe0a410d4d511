/**
 * Keeps part of a page current without reloading it: listens to the server-sent events at
 * `data-events` for events named `data-event`; on each, fetches the page again and replaces the
 * contents of the element marked `data-live-content` with their new version (found by its id), then
 * announces `data-updated-text` in the element marked `data-live-status`. Fields outside the part
 * (a statement being written) are untouched.
 */
export function mount(el: HTMLElement): void {
  const url = el.dataset.events;
  const content = el.querySelector<HTMLElement>('[data-live-content]');
  if (!url || !content?.id || typeof EventSource === 'undefined') return;
  const status = el.querySelector<HTMLElement>('[data-live-status]');
  const source = new EventSource(url);
  let running: Promise<void> | null = null;
  let again = false;
  const refresh = async () => {
    const res = await fetch(location.href, { headers: { accept: 'text/html' }, credentials: 'same-origin' });
    if (!res.ok) return;
    const fresh = new DOMParser().parseFromString(await res.text(), 'text/html').getElementById(content.id);
    if (!fresh) return;
    content.replaceChildren(...Array.from(fresh.childNodes, (n) => document.importNode(n, true)));
    if (status && el.dataset.updatedText) status.textContent = el.dataset.updatedText;
  };
  // Events arriving while a refresh runs are folded into one more refresh after it.
  const onEvent = () => {
    if (running) {
      again = true;
      return;
    }
    running = refresh()
      .catch(() => undefined)
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          onEvent();
        }
      });
  };
  source.addEventListener(el.dataset.event ?? 'message', onEvent);
  window.addEventListener('pagehide', () => source.close());
}
