import { streamSSE } from 'hono/streaming';
import type { ApiApp, Deps } from '../../../db/context.js';
import { AppError } from '../../../kernel/errors.js';
import { exportConversation } from '../commands/export-conversation.js';
import { analysisStamp } from '../store/conversations.js';
import { conversationOrNotFound, requireAnalysisVisible } from './api.js';

/** How often a process looks for a new analysis of a conversation someone is watching. */
export const LIVE_POLL_MS = 250;
const KEEPALIVE_MS = 15_000;

interface Watch {
  listeners: Set<(stamp: string) => void>;
  stamp: string | null;
  timer: ReturnType<typeof setInterval>;
}

/**
 * Calls `listener` with the analysis stamp whenever a new analysis of the conversation is stored.
 * One poll per watched conversation per process, shared by all its viewers, reads only the
 * stamp (a primary-key lookup), so any app process sees analyses stored by any worker.
 */
export function watchAnalysis(
  deps: Deps,
  siteId: string,
  conversationId: string,
  initial: string | null,
  listener: (stamp: string) => void,
): () => void {
  const key = `conversations:watch:${conversationId}`;
  let watch = deps.memo.get(key) as Watch | undefined;
  if (!watch) {
    const w: Watch = {
      listeners: new Set(),
      stamp: initial,
      timer: setInterval(() => {
        analysisStamp(deps.db, siteId, conversationId)
          .then((stamp) => {
            if (!stamp || stamp === w.stamp) return;
            w.stamp = stamp;
            for (const l of w.listeners) l(stamp);
          })
          .catch((err) => deps.log.warn('live update poll failed', { err }));
      }, LIVE_POLL_MS),
    };
    w.timer.unref?.();
    deps.memo.set(key, w);
    watch = w;
  }
  const active = watch;
  active.listeners.add(listener);
  return () => {
    active.listeners.delete(listener);
    if (active.listeners.size === 0) {
      clearInterval(active.timer);
      deps.memo.delete(key);
    }
  };
}

const EXPORT_FILES = ['comments.csv', 'votes.csv', 'participants-votes.csv', 'summary.csv'] as const;

/**
 * Registers `/conversations/:slug/events` (server-sent events announcing each new analysis) and
 * `/conversations/:slug/export/<file>.csv` (the conversation in Pol.is's open-data format).
 */
export function registerConversationRoutes(app: ApiApp): void {
  app.get('/conversations/:slug/export/:file', async (c) => {
    const deps = c.get('deps');
    const ctx = c.get('ctx');
    const conversation = await conversationOrNotFound(deps, ctx.site.id, c.req.param('slug'));
    const file = c.req.param('file') as (typeof EXPORT_FILES)[number];
    if (!EXPORT_FILES.includes(file)) throw new AppError('not_found', `There is no export file ${file}; the files are ${EXPORT_FILES.join(', ')}.`);
    requireAnalysisVisible(deps, ctx, conversation, 'The data');
    const files = await exportConversation(deps, conversation, ctx.origin);
    return c.body(files[file], 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${conversation.slug}-${file}"`,
    });
  });

  app.get('/conversations/:slug/events', async (c) => {
    const deps = c.get('deps');
    const ctx = c.get('ctx');
    const conversation = await conversationOrNotFound(deps, ctx.site.id, c.req.param('slug'));
    requireAnalysisVisible(deps, ctx, conversation);
    const initial = await analysisStamp(deps.db, ctx.site.id, conversation.id);
    c.header('Cache-Control', 'no-store');
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let pending = Promise.resolve();
      const unsubscribe = watchAnalysis(deps, ctx.site.id, conversation.id, initial, (stamp) => {
        pending = pending.then(() => stream.writeSSE({ event: 'analysis', data: stamp, id: stamp })).catch(() => {});
      });
      stream.onAbort(unsubscribe);
      await stream.writeSSE({ event: 'ready', data: initial ?? '', retry: 2000 });
      try {
        while (!stream.aborted && !stream.closed) {
          await stream.sleep(KEEPALIVE_MS);
          if (!stream.aborted) await stream.write(': keep-alive\n\n');
        }
      } finally {
        unsubscribe();
      }
    });
  });
}
