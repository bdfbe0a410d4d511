import { renderToPipeableStream } from 'react-dom/server';
import { PassThrough } from 'node:stream';
import { createReadableStreamFromReadable } from '@react-router/node';
import { isbot } from 'isbot';
import { ServerRouter, type AppLoadContext, type EntryContext } from 'react-router';
import { MessagesProvider } from './kit/i18n.js';
import type { PolityLoadContext } from './load-context.js';
import { messageBundle } from './messages.js';

export const streamTimeout = 5000;

/** Renders a page to HTML; bots and no-JS clients get the whole document at once. */
export default function handleRequest(
  request: Request,
  status: number,
  headers: Headers,
  routerContext: EntryContext,
  loadContext: AppLoadContext,
): Promise<Response> {
  const context = loadContext as unknown as PolityLoadContext;
  const nonce = context.ctx.nonce;
  const { messages } = messageBundle(context.deps, context.manifests, context.ctx.locale);
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const waitForAll = isbot(request.headers.get('user-agent') ?? '') || routerContext.isSpaMode;
    const { pipe, abort } = renderToPipeableStream(
      <MessagesProvider messages={messages}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </MessagesProvider>,
      {
        nonce,
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true;
          const body = new PassThrough();
          headers.set('Content-Type', 'text/html; charset=utf-8');
          resolve(new Response(createReadableStreamFromReadable(body), { headers, status }));
          pipe(body);
        },
        onShellError: reject,
        onError(error: unknown) {
          status = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}
