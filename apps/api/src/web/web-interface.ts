import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

export const WEB_PREFIX = '/app';

/**
 * Where `vite build` (apps/web/vite.config.ts) puts the web interface: `dist/web` of the
 * repository, whether this file runs as TypeScript (tests) or compiled under `dist/`.
 */
export function webDirectory(): string {
  const up = fileURLToPath(new URL('../../../../', import.meta.url));
  return basename(up) === 'dist' ? join(up, 'web') : join(up, 'dist', 'web');
}

/**
 * Serves the built web interface under /app: its files as they are, any other path under /app as
 * index.html so that deep links (/app/customers/acme/months/2026-10) open the page they name.
 * Plain express middleware in front of Nest's router: these are public files, no API route.
 */
export function serveWebInterface(app: NestExpressApplication, directory = webDirectory()): void {
  const index = join(directory, 'index.html');
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && request.path === '/') return response.redirect(302, `${WEB_PREFIX}/`);
    next();
  });
  app.useStaticAssets(directory, { prefix: WEB_PREFIX, index: false, immutable: true, maxAge: '365d', setHeaders: (res, path) => path.endsWith('.html') && res.setHeader('Cache-Control', 'no-cache') });
  app.use(WEB_PREFIX, (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (!existsSync(index)) {
      response
        .status(503)
        .type('application/problem+json')
        .send({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: `the web interface is not built (${index} is missing): run npm run build` });
      return;
    }
    // An asset that is not there is a 404, not the page: a stale tab must not parse HTML as a script.
    if (request.path.startsWith('/assets/')) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
}
