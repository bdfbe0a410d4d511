import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../db/context.js';
import { AppError } from '../kernel/errors.js';

/** How long a refused client is asked to wait before opening another event stream. */
export const EVENT_STREAM_RETRY_SECONDS = 10;

/**
 * Caps the server-sent event streams (`text/event-stream` responses, whichever route gives them)
 * one process keeps open, in all and per client address; 0 means no cap. A stream is counted
 * from its response until it ends or its client goes away. Beyond the total cap the answer is 503,
 * beyond a client's cap 429, both with Retry-After. Clients that say they want a stream (`Accept:
 * text/event-stream`, as EventSource does) are refused before the route runs.
 */
export function createEventStreamGate(opts: { max: number; perClient: number }) {
  let open = 0;
  const byClient = new Map<string, number>();

  const refusal = (client: string): AppError | null => {
    if (opts.max > 0 && open >= opts.max)
      return new AppError('unavailable', 'Too many live update streams are open; try again shortly.', {
        details: { retryAfterSeconds: EVENT_STREAM_RETRY_SECONDS },
      });
    if (opts.perClient > 0 && (byClient.get(client) ?? 0) >= opts.perClient)
      return new AppError('rate_limited', 'Too many live update streams are open from your address.', {
        details: { retryAfterSeconds: EVENT_STREAM_RETRY_SECONDS },
      });
    return null;
  };

  const release = (client: string) => {
    open--;
    const n = (byClient.get(client) ?? 1) - 1;
    if (n > 0) byClient.set(client, n);
    else byClient.delete(client);
  };

  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const client = c.get('ctx')?.clientIp ?? 'unknown';
    if (/text\/event-stream/i.test(c.req.header('accept') ?? '')) {
      const early = refusal(client);
      if (early) throw early;
    }
    await next();
    const body = c.res.body;
    if (!body || !/^text\/event-stream/i.test(c.res.headers.get('content-type') ?? '')) return;
    const late = refusal(client);
    if (late) {
      await body.cancel().catch(() => {});
      throw late;
    }
    open++;
    byClient.set(client, (byClient.get(client) ?? 0) + 1);
    let released = false;
    const done = () => {
      if (!released) release(client);
      released = true;
    };
    const reader = body.getReader();
    const counted = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const { done: end, value } = await reader.read();
          if (end) {
            done();
            controller.close();
          } else controller.enqueue(value);
        } catch (e) {
          done();
          controller.error(e);
        }
      },
      cancel(reason) {
        done();
        return reader.cancel(reason);
      },
    });
    c.res = new Response(counted, { status: c.res.status, headers: c.res.headers });
  };

  return {
    middleware,
    /** Streams open now (for tests and logs). */
    get open() {
      return open;
    },
  };
}
