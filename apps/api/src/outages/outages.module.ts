import { Module } from '@nestjs/common';
import { ClassifyOutageController, ClassifyOutageHandler } from './classify-outage/classify-outage.js';
import { CorrectOutageController, CorrectOutageHandler } from './correct-outage/correct-outage.js';
import { EndOutageController, EndOutageHandler } from './end-outage/end-outage.js';
import { GetOutageController, GetOutageHandler } from './get-outage/get-outage.js';
import { ListOutagesController, ListOutagesHandler } from './list-outages/list-outages.js';
import { StartOutageController } from './start-outage/start-outage.controller.js';
import { StartOutageHandler } from './start-outage/start-outage.handler.js';

@Module({
  controllers: [
    StartOutageController,
    ListOutagesController,
    GetOutageController,
    EndOutageController,
    CorrectOutageController,
    ClassifyOutageController,
  ],
  providers: [StartOutageHandler, EndOutageHandler, CorrectOutageHandler, ClassifyOutageHandler, ListOutagesHandler, GetOutageHandler],
})
export class OutagesModule {}
