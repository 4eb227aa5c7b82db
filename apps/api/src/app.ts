import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config.js';
import { ProblemDetailsFilter } from './infrastructure/problem-details.filter.js';
import { openStorage, type Storage } from './infrastructure/storage.js';
import { validationPipe } from './infrastructure/validation.js';

export interface RunningApp {
  app: NestExpressApplication;
  storage: Storage;
  close(): Promise<void>;
}

/** Builds the whole application on the configured storage; used by `main` and by end-to-end tests. */
export async function createApp(config: AppConfig, options: { logger?: false } = {}): Promise<RunningApp> {
  const storage = await openStorage(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, storage), {
    bodyParser: false,
    ...(options.logger === false && { logger: false }),
  });
  app.useBodyParser('json', { limit: config.bodyLimit });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('SLA Ledger')
      .setDescription('Outages, maintenance and the Availability Rate of every customer and month, from events.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
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
