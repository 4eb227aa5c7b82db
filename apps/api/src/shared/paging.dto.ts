import { MAX_OFFSET, QueryInteger } from './query-integer.js';

export class PagingQuery {
  @QueryInteger({ min: 0, max: MAX_OFFSET, default: 0 })
  offset = 0;

  @QueryInteger({ min: 1, max: 1000, default: 50 })
  limit = 50;
}
