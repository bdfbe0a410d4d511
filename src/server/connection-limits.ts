import { createServer, type RequestListener, type Server, type ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import type { Env } from '../kernel/env.js';
import { AppError, presentError } from '../kernel/errors.js';

/** A client must send its request headers within this time (slow-header attacks hold no socket longer). */
export const HEADERS_TIMEOUT_MS = 20_000;
/** An idle keep-alive connection is closed after this time. */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** At most this many request headers are read (Node's default is 2000). */
export const MAX_HEADERS_COUNT = 100;
/** How long a client over its connection cap is asked to wait. */
export const CONNECTION_RETRY_SECONDS = 5;

/**
 * Creates the HTTP server with Polity's limits: timeouts for headers, whole requests and idle
 * keep-alive connections, a cap on header count, and at most MAX_CONNECTIONS_PER_CLIENT open
 * connections per peer address. Requests on a connection over the cap get 429 with Retry-After
 * and the connection closes. Behind TRUST_PROXY the peer is the proxy, so the cap is left to it.
 */
export function createLimitedServer(env: Env): (options: ServerOptions, listener: RequestListener) => Server {
  return (options, listener) => {
    const perClient = env.TRUST_PROXY ? 0 : env.MAX_CONNECTIONS_PER_CLIENT;
    const overCap = new WeakSet<Socket>();
    const server = createServer(
      {
        ...options,
        // Node refuses a headers timeout longer than the request timeout.
        headersTimeout: Math.min(HEADERS_TIMEOUT_MS, env.HTTP_REQUEST_TIMEOUT_MS),
        requestTimeout: env.HTTP_REQUEST_TIMEOUT_MS,
        keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
        connectionsCheckingInterval: 5_000,
      } as ServerOptions,
      (req, res) => {
        if (!overCap.has(req.socket)) return listener(req, res);
        const body = JSON.stringify(presentError(new AppError('rate_limited', 'Too many connections from your address.')));
        res.writeHead(429, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(body),
          'retry-after': String(CONNECTION_RETRY_SECONDS),
          connection: 'close',
        });
        res.end(body);
      },
    );
    server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    server.maxHeadersCount = MAX_HEADERS_COUNT;
    if (perClient > 0) {
      const open = new Map<string, number>();
      server.on('connection', (socket: Socket) => {
        const address = socket.remoteAddress ?? 'unknown';
        const n = (open.get(address) ?? 0) + 1;
        open.set(address, n);
        if (n > perClient) {
          overCap.add(socket);
          // It gets one answer; a connection that never asks anything is not kept either.
          socket.setTimeout(HEADERS_TIMEOUT_MS, () => socket.destroy());
        }
        socket.once('close', () => {
          const left = (open.get(address) ?? 1) - 1;
          if (left > 0) open.set(address, left);
          else open.delete(address);
        });
      });
    }
    return server;
  };
}
