export * from './shared/decider.js';
export * from './shared/domain-error.js';
export * from './shared/instant.js';
export * from './shared/money.js';
export * from './shared/scope.js';
export * from './shared/business-time.js';
export * from './streams.js';
export type * from './registry.js';
export * from './outages/outage.js';
export * from './time/index.js';
export {
  computeAvailability,
  type AvailabilityInput,
  type AvailabilityReport,
  type CustomerFacts,
  type EmergencyMaintenanceFacts,
  type MaintenanceFacts,
  type OutageFacts,
  type ReportInterval,
  type SourceKind,
  formatRate,
  isBelowTarget,
  parsePercent,
  type ScaledDecimal,
  affectedIntervals,
  customersReached,
  isInScopeAt,
  customerFacts,
  emergencyFacts,
  maintenanceFacts,
  outageFacts,
  computeMonth,
  monthCalculator,
  type MonthBatchInput,
  NO_REACH,
  isEmptyReach,
  isOpenSource,
  joinReach,
  monthRegions,
  reachOf,
  type Reach,
  type SourceFacts,
  isSourceStreamKind,
  sourceFactsOf,
  SOURCE_STREAM_KINDS,
  staleFigures,
  growthBetween,
  growthHolds,
  growthHorizon,
  grownReport,
  type FigureGrowth,
  type EntityChange,
  type EntityVersion,
  type SourceStreamKind,
  type StaleFigures,
} from './availability/index.js';
export * from './reference-data/plan.js';
export * from './reference-data/region.js';
export * from './sub-processors/sub-processor.js';
export * from './customers/customer.js';
export * from './maintenance/maintenance.js';
export * from './maintenance/notice-check.js';
export * from './maintenance/emergency-maintenance.js';
export * from './credits/credit-amount.js';
export * from './credits/credit-state.js';
export * from './credits/claim-deadline.js';
export * from './credits/billing.js';
export * from './credits/credit-assessment.js';
export * from './support/failure-reports.js';
export * from './support/response-deadline.js';
export * from './timeline/describe-event.js';
export * from './support/compliance.js';
export * from './maintenance/notices.js';
export * from './sub-processors/impact.js';
export * from './sub-processors/change-notices.js';
