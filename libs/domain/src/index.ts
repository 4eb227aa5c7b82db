export * from './shared/decider.js';
export * from './shared/domain-error.js';
export * from './shared/instant.js';
export * from './shared/scope.js';
export * from './shared/business-time.js';
export * from './streams.js';
export * from './outages/outage.js';
export * from './time/index.js';
export {
  computeAvailability,
  isExclusionCause,
  type AvailabilityInput,
  type AvailabilityReport,
  type CustomerFacts,
  type EmergencyMaintenanceFacts,
  type MaintenanceFacts,
  type OutageFacts,
  type ReportInterval,
  formatRate,
  isBelowTarget,
  parsePercent,
  affectedIntervals,
  isInScopeAt,
} from './availability/index.js';
