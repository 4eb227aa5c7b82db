import { customerDecider, streams, type CustomerCommand } from '#domain';
import type { CommandRunner } from '../infrastructure/command-runner.js';
import type { RequestMeta } from '../infrastructure/request-meta.js';
import type { CommandAnswer } from '../infrastructure/answer.js';
import { toCustomerView, type CustomerView } from './customer.view.js';

/** Every customer command goes through the same decider and answers with the customer as it now is. */
export async function runCustomerCommand(runner: CommandRunner, command: CustomerCommand, meta: RequestMeta): Promise<CommandAnswer<CustomerView>> {
  const outcome = await runner.run(streams.customer(command.customerId), customerDecider, command, meta);
  return { view: toCustomerView(outcome.state!), position: outcome.position };
}
