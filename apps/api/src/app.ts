import { logContextMixin, withLogContext } from './observability/log-context.js';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { pino, type DestinationStream } from 'pino';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config.js';
import { readAfterPosition } from './infrastructure/consistency.js';
import { buildDocument } from './infrastructure/openapi/document.js';
import { MoneyFormatInterceptor } from './infrastructure/money-format.interceptor.js';
import { ProblemDetailsFilter } from './infrastructure/problem-details.filter.js';
import { openStorage, type Storage } from './infrastructure/storage.js';
import { validationPipe } from './infrastructure/validation.js';
import { jsonOnly } from './infrastructure/json-only.js';
import { httpLogger, requestIds } from './observability/http-logging.js';
import { Metrics } from './observability/metrics.js';
import { PinoNestLogger } from './observability/nest-logger.js';
import { serveWebInterface } from './web/web-interface.js';

export interface RunningApp {
  app: NestExpressApplication;
  storage: Storage;
  close(): Promise<void>;
}

export interface AppOptions {
  /** false: no log at all (tests), unless `logDestination` is given. */
  logger?: false;
  /** Where the JSON log lines go instead of stdout (tests read them from here). */
  logDestination?: DestinationStream;
  /** false: the caller handles SIGINT/SIGTERM itself (main closes the storage and its lock too). */
  shutdownHooks?: false;
  /** A memory:// store starts from this empty database (`EmbeddedDatabase.emptyImage()`) instead of creating one. */
  memoryImage?: Blob;
}

/** Builds the whole application on the configured storage; used by `main` and by end-to-end tests. */
export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<RunningApp> {
  const silent = options.logger === false && !options.logDestination;
  // Every line written while a request is served (handlers, the command runner) carries its ids.
  const log = pino({ level: silent ? 'silent' : config.logLevel, timestamp: pino.stdTimeFunctions.isoTime, mixin: logContextMixin }, options.logDestination);
  const storage = await openStorage(config, { memoryImage: options.memoryImage });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, storage), {
    bodyParser: false,
    logger: options.logger === false ? false : new PinoNestLogger(log),
  });
  // Before the body parser, so a refused body (413, bad JSON) is logged and counted too.
  app.use(requestIds());
  app.use(withLogContext());
  app.use(httpLogger(log));
  app.use(app.get(Metrics).middleware());
  app.use(readAfterPosition());
  // Served over plain HTTP behind a proxy or on a laptop: upgrading /docs' assets to https would break it.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  if (config.corsOrigins) {
    app.enableCors({
      origin: config.corsOrigins,
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Event-Position', 'X-Request-Id', 'X-Correlation-Id'],
      exposedHeaders: ['Location', 'Event-Position', 'Retry-After', 'Idempotent-Replayed', 'X-Request-Id', 'X-Correlation-Id'],
      maxAge: 600,
    });
  }
  serveWebInterface(app);
  app.use(jsonOnly());
  app.useBodyParser('json', { limit: config.bodyLimit });
  // Lists of sub-processors may come as CSV (POST /sub-processors/import).
  app.useBodyParser('text', { type: 'text/csv', limit: config.bodyLimit });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalInterceptors(new MoneyFormatInterceptor());
  if (options.shutdownHooks !== false) app.enableShutdownHooks();
  // Built at the first request for it, not at start: it takes the event loop for 100-200 ms, which
  // a process just started (and every restart) need not spend before it answers.
  SwaggerModule.setup('docs', app, () => buildDocument(app), { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
  await app.init();
  return {
    app,
    storage,
    close: async () => {
      await app.close();
      await storage.close();
    },
  };
}
