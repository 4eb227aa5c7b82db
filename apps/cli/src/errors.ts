/** A failure the CLI explains itself (a bad file, a locked folder): its message is the whole story. */
export class CliError extends Error {
  override readonly name = 'CliError';
}
