/**
 * The agent app (packages/web, built by `vite build` into packages/web/dist) at `/`.
 * Hashed files under /assets/ are cached for a year; index.html is revalidated every time
 * so a deploy reaches agents on their next load. Assets go out brotli- or gzip-compressed
 * from files the build wrote, so no CPU is spent per request. Any other GET that asks for HTML and is not
 * under a server prefix gets index.html (the app routes on the client); everything else
 * keeps the usual problem+json 404. Without a build the server still starts, and the page
 * says how to build.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const defaultWebDistDir = join(import.meta.dirname, '../../../../web/dist');

/** First path segments the server answers itself; the app's fallback must never shadow them. */
const SERVER_SEGMENTS = new Set(['api', 'messenger', 'support', 'docs', 'widget.js', 'metrics']);

/** A browser navigation to a client-side route: GET, wants HTML, not a server path. */
export function isAppPath(request: FastifyRequest): boolean {
  const segment = request.url.split('?')[0]?.split('/')[1] ?? '';
  if (SERVER_SEGMENTS.has(segment) || segment.startsWith('health') || segment.startsWith('ready'))
    return false;
  return (request.headers.accept ?? '').includes('text/html');
}

const notBuiltPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Switchboard: agent app not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>The agent app is not built yet</h1>
<p>Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it when needed), then reload.
The API at <a href="/api/docs">/api/docs</a> works meanwhile.</p>
</body></html>`;

export async function registerWebApp(app: FastifyInstance, distDir = defaultWebDistDir): Promise<void> {
  const isBuilt = () => existsSync(join(distDir, 'index.html'));
  // Decided at start: a build made later is served after a restart (npm start builds first).
  const isServing = isBuilt();
  // preCompressed: the build writes .br/.gz beside each asset (scripts/build-web.ts).
  if (isServing) await app.register(fastifyStatic, { root: distDir, serve: false, preCompressed: true });

  const sendIndex = (reply: FastifyReply) => {
    if (!isServing || !isBuilt()) {
      return reply
        .code(503)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(notBuiltPage);
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  };
  const config = { auth: 'public' as const };
  const schema = { hide: true };

  app.get('/', { config, schema }, async (_request, reply) => sendIndex(reply));
  app.get('/assets/*', { config, schema }, async (request, reply) => {
    if (!isServing) return reply.callNotFound();
    const file = (request.params as { '*': string })['*'];
    return reply.sendFile(`assets/${file}`, { maxAge: '365d', immutable: true });
  });
  app.get('/*', { config, schema }, async (request, reply) =>
    isAppPath(request) ? sendIndex(reply) : reply.callNotFound(),
  );
}
