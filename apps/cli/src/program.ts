import { Command, CommanderError } from 'commander';
import { backupCommand, restoreCommand } from './backup.js';
import { ApiClient, ApiError, UnreachableError } from './client.js';
import { CliError } from './errors.js';
import { emergencyCommand, maintenanceCommand, outageCommand, type Context } from './incidents.js';
import type { Io } from './output.js';
import { customerCommand, reportCommand } from './reports.js';
import { exportCommand, importCommand } from './transfer.js';

export const DEFAULT_URL = 'http://localhost:3000';

const ENVIRONMENT = `
Environment:
  SLA_URL    the server to talk to (default ${DEFAULT_URL}); --url overrides it
  SLA_TOKEN  the bearer token to send (ops for incidents, admin for export, import and backup); --token overrides it`;

/** Problem Details as the API wrote them: the detail verbatim, then any field it added (earliestCompliantStart …). */
function describeProblem(error: ApiError): string {
  const { type: _type, title, status: _status, detail, instance: _instance, ...extensions } = error.problem;
  const lines = [detail ?? title ?? `HTTP ${error.status}`];
  for (const [key, value] of Object.entries(extensions)) lines.push(`  ${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  lines.push(`  (${error.status}${title ? ` ${title}` : ''} from ${error.method} ${error.path})`);
  return lines.join('\n');
}

export function createProgram(io: Io, now: () => string): Command {
  const program = new Command('sla');
  program
    .description('SLA Ledger from the command line: a client of a running server')
    .option('--url <url>', `the server (default: $SLA_URL, else ${DEFAULT_URL})`)
    .option('--token <token>', 'the bearer token (default: $SLA_TOKEN)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', ENVIRONMENT);
  const ctx: Context = {
    io,
    now,
    client: () => {
      const options = program.opts<{ url?: string; token?: string }>();
      return new ApiClient({ url: options.url ?? io.env.SLA_URL ?? DEFAULT_URL, token: options.token ?? io.env.SLA_TOKEN });
    },
  };
  for (const command of [
    outageCommand(ctx),
    maintenanceCommand(ctx),
    emergencyCommand(ctx),
    reportCommand(ctx),
    customerCommand(ctx),
    exportCommand(ctx),
    importCommand(ctx),
    backupCommand(ctx),
    restoreCommand(ctx),
  ]) {
    program.addCommand(command);
  }
  // Commands made with new Command() do not inherit the root's settings: give every one of them the same.
  const configure = (command: Command) => {
    command.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) }).showHelpAfterError('(add --help for usage)');
    command.commands.forEach(configure);
  };
  program.commands.forEach(configure);
  return program;
}

/** Runs one command line (without `node sla`); resolves to the exit code. */
export async function run(argv: string[], io: Io, now: () => string = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')): Promise<number> {
  const program = createProgram(io, now);
  let acting = false;
  program.hook('preAction', () => {
    acting = true;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof ApiError) {
      io.stderr.write(`${describeProblem(error)}\n`);
    } else if (error instanceof CliError || error instanceof UnreachableError) {
      io.stderr.write(`${error.message}\n`);
    } else if (error instanceof CommanderError) {
      // Commander printed its own parsing errors and help; one raised inside an action is ours to print.
      if (acting) io.stderr.write(`error: ${error.message}\n`);
      return error.exitCode;
    } else {
      io.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    return 1;
  }
}
