export { computeAvailability } from './compute.js';
export {
  EXCLUSION_CAUSES,
  isExclusionCause,
  type AvailabilityInput,
  type AvailabilityReport,
  type CustomerFacts,
  type EmergencyMaintenanceFacts,
  type ExcludedBreakdown,
  type ExclusionCause,
  type MaintenanceFacts,
  type OutageFacts,
  type ReportInterval,
  type ReportSource,
  type Scope,
  type SourceKind,
  type Treatment,
} from './model.js';
export { InvalidPercentError, RATE_DECIMALS, formatRate, isBelowTarget, parsePercent, type ScaledDecimal } from './rate.js';
export { customersReached } from './reached.js';
export { affectedIntervals, isInScopeAt, isSubscribedAt, regionsAt, subscriptionIntervals } from './scope.js';
export { customerFacts, emergencyFacts, maintenanceFacts, outageFacts } from './facts.js';
export { computeMonth, monthCalculator, type MonthBatchInput } from './month-batch.js';
export { NO_REACH, isEmptyReach, isOpenSource, joinReach, monthRegions, reachOf, type Reach, type SourceFacts } from './reach.js';
export { isSourceStreamKind, sourceFactsOf, SOURCE_STREAM_KINDS, staleFigures, type EntityChange, type EntityVersion, type SourceStreamKind, type StaleFigures } from './month-changes.js';
export { growthBetween, growthHolds, growthHorizon, grownReport, type FigureGrowth } from './growth.js';
