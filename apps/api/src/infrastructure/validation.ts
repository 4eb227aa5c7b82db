import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';

function flatten(errors: ValidationError[], parent = ''): { field: string; problem: string }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((problem) => ({ field, problem }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Far deeper than any body of this API; class-transformer and class-validator recurse once per level. */
const MAX_DEPTH = 32;
/** What PostgreSQL text and jsonb cannot hold: NUL, and UTF-16 surrogates without their pair. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Walked without recursion, so that the check itself cannot run out of stack. */
function edgeProblem(value: unknown, where: string): string | null {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (typeof node === 'string' && UNSTORABLE.test(node)) return `the request ${where} holds a NUL character or a lone UTF-16 surrogate, which no field accepts`;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= MAX_DEPTH) return `the request ${where} is nested more than ${MAX_DEPTH} levels deep; no field of this API needs that`;
    for (const [key, child] of Object.entries(node)) pending.push([key, depth + 1], [child, depth + 1]);
  }
  return null;
}

type Violation = { field: string; problem: string };

/** Raised by the validator; worded in `transform`, the one place that knows where the input came from. */
class InvalidInput extends Error {
  constructor(readonly violations: Violation[]) {
    super('invalid input');
  }
}

const WHERE: Partial<Record<ArgumentMetadata['type'], string>> = { query: 'query parameter', param: 'path parameter' };

/** A query parameter is called one, so that nobody looks for it in a body they never sent. */
function invalid(violations: Violation[], type: ArgumentMetadata['type']): BadRequestException {
  const where = WHERE[type];
  if (!where) {
    return new BadRequestException({ detail: `the request body is invalid: ${violations.map((v) => `${v.field}: ${v.problem}`).join('; ')}`, violations });
  }
  return new BadRequestException({ detail: `invalid ${where}: ${violations.map((v) => `${where} ${v.field}: ${v.problem}`).join('; ')}`, violations });
}

/**
 * Refuses, as malformed input, what would otherwise fail further in as a 500: nesting deep enough
 * for the validators' recursion to exhaust the stack, and text the store cannot keep.
 */
class EdgeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const problem = metadata.type === 'custom' ? null : edgeProblem(value, metadata.type === 'param' ? 'path' : metadata.type);
    if (problem) throw new BadRequestException({ detail: problem });
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof InvalidInput) throw invalid(error.violations, metadata.type);
      throw error;
    }
  }
}

/** class-validator at the edge: unknown fields are refused, and every violation is named. */
export function validationPipe(): ValidationPipe {
  return new EdgeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidInput(flatten(errors)),
  });
}
