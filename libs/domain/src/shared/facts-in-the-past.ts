import type { CommandContext } from './decider.js';
import { DomainError } from './domain-error.js';
import { isAfter, type Iso } from './instant.js';

/** Facts are recorded once they happened: an instant after the command's own time is refused. */
export function notInFuture(field: string, at: Iso, context: CommandContext): void {
  if (isAfter(at, context.now)) throw new DomainError('rejected', `${field} ${at} is in the future (now is ${context.now}); record it once it happened`, {}, 'fact-in-the-future');
}
