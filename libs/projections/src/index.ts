export * from './projection.js';
export * from './checkpoints.js';
export * from './projection-runner.js';
export * from './read-models/entity-states.projection.js';
export * from './read-models/entity-states.reader.js';
export * from './read-models/timeline.projection.js';
export * from './read-models/timeline.reader.js';
export * from './read-models/entity-source.js';
