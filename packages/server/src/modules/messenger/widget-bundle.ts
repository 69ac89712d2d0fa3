/**
 * GET /widget.js: the messenger widget, bundled from packages/widget/src by esbuild on the
 * first request (in memory, minified), then served from memory with gzip, an ETag and
 * cache headers. No build step and no build output in the repository: the source is the
 * artefact. The URL is not versioned, so caches revalidate after five minutes.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { FastifyInstance } from 'fastify';

export type WidgetBundle = { code: Buffer; gzip: Buffer; etag: string };

const entry = join(import.meta.dirname, '../../../../widget/src/main.tsx');

export async function bundleWidget(): Promise<WidgetBundle> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const code = Buffer.from(result.outputFiles[0]?.contents ?? new Uint8Array());
  const gzip = gzipSync(code, { level: 9 });
  const etag = `"${createHash('sha256').update(code).digest('base64url').slice(0, 27)}"`;
  return { code, gzip, etag };
}

export function registerWidgetRoute(app: FastifyInstance): void {
  let bundle: Promise<WidgetBundle> | null = null;
  app.get('/widget.js', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) => {
    bundle ??= bundleWidget().catch((error: unknown) => {
      bundle = null;
      throw error;
    });
    const { code, gzip, etag } = await bundle;
    reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('etag', etag)
      .header('vary', 'accept-encoding')
      .header('x-content-type-options', 'nosniff')
      .header('access-control-allow-origin', '*');
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      return reply.code(304).send();
    }
    if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
      return reply.header('content-encoding', 'gzip').send(gzip);
    }
    return reply.send(code);
  });
}
