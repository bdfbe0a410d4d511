/**
 * The islands script: the small piece of JavaScript every page loads. Public pages are served as
 * plain HTML whose forms work without scripts (React hydrates only routes whose `handle.hydrate` is
 * true); the few widgets that are better with a script mark their element with
 * `data-island="<name>"`, and this script loads that island's code, and only that, to enhance it.
 * An island reads what it needs (texts already in the page's language, numbers) from the element's
 * data attributes, so no message catalogue is downloaded.
 */
import { islandLoaders } from './registry.js';

function mountAll(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-island]')) {
    if (el.dataset.islandMounted) continue;
    const load = islandLoaders[el.dataset.island ?? ''];
    if (!load) continue;
    el.dataset.islandMounted = 'loading';
    load()
      .then((island) => {
        island.mount(el);
        el.dataset.islandMounted = 'yes';
      })
      .catch((error: unknown) => {
        // The element keeps working without its enhancement, as it does without JavaScript.
        delete el.dataset.islandMounted;
        console.warn(`island ${el.dataset.island} did not load`, error);
      });
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => mountAll(document));
else mountAll(document);
