import { Module } from '@nestjs/common';
import { ClassifyOutageController, ClassifyOutageHandler } from './classify-outage/classify-outage.js';
import { CorrectOutageController, CorrectOutageHandler } from './correct-outage/correct-outage.js';
import { EndOutageController, EndOutageHandler } from './end-outage/end-outage.js';
import { GetOutageController, GetOutageHandler } from './get-outage/get-outage.js';
import { ListOutagesController, ListOutagesHandler } from './list-outages/list-outages.js';
import { StartOutageController } from './start-outage/start-outage.controller.js';
import { StartOutageHandler } from './start-outage/start-outage.handler.js';
import { VoidOutageController, VoidOutageHandler } from './void-outage/void-outage.js';

@Module({
  controllers: [
    StartOutageController,
    ListOutagesController,
    GetOutageController,
    EndOutageController,
    CorrectOutageController,
    ClassifyOutageController,
    VoidOutageController,
  ],
  providers: [StartOutageHandler, EndOutageHandler, CorrectOutageHandler, ClassifyOutageHandler, ListOutagesHandler, GetOutageHandler, VoidOutageHandler],
})
export class OutagesModule {}
