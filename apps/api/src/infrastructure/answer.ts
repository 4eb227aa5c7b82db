import type { Response } from 'express';

/** What a command handler returns: the resource as it now is, and where its events stand. */
export interface CommandAnswer<View> {
  view: View;
  position: bigint;
}

/**
 * A command's answer: the resource as it now is, with the global position of the events that
 * made it (`Event-Position`), for callers who want to check a query has seen them.
 */
export function answer<View>(response: Response, outcome: CommandAnswer<View>, location?: string): View {
  response.setHeader('Event-Position', outcome.position.toString());
  if (location) response.setHeader('Location', location);
  return outcome.view;
}
