/**
 * What every operation of the OpenAPI document must say, and, for each one that does not, the
 * exact thing to add. Read by test/e2e/openapi.e2e.spec.ts.
 */

type Json = Record<string, any>;

export const PROTECTED_ERRORS = ['400', '401', '403', '404', '409', '422', '429', '503'];
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const DECORATOR = '@Operation({ summary, description, ok: <Response class>, … }) from apps/api/src/infrastructure/openapi/operation.decorator.ts';

/** Properties that hold instants: `…At`, `from`, `to`, `asOf`, `deadline`, `start`, `end`, `claimDeadline` (unless a pattern says otherwise, as HH:MM does). */
export function isInstantName(name: string): boolean {
  return /At$/.test(name) || ['from', 'to', 'asOf', 'deadline', 'claimDeadline', 'start', 'end'].includes(name);
}

function refName(ref: string): string {
  return ref.replace('#/components/schemas/', '');
}

/** Every schema problem in the components: instants without date-time, numbers without integer. */
export function auditSchemas(document: Json): string[] {
  const problems: string[] = [];
  const visit = (where: string, schema: Json | undefined, name: string | null) => {
    if (!schema || typeof schema !== 'object') return;
    if (schema.$ref) return;
    if (name !== null && isInstantName(name) && schema.type === 'string' && schema.pattern === undefined && schema.format !== 'date-time') {
      problems.push(`${where}: an instant; give it format date-time (Instant()/NullableInstant() from infrastructure/openapi/properties.ts, or IsInstant() on a request field)`);
    }
    if (schema.type === 'number' && schema.format === undefined) {
      problems.push(`${where}: type number without a format; counts and minor units are whole: declare type 'integer' (Int()); minutes worked out from seconds are Minutes() (number, double), both in infrastructure/openapi/properties.ts`);
    }
    for (const [key, child] of Object.entries<Json>(schema.properties ?? {})) visit(`${where}.${key}`, child, key);
    if (schema.items) visit(`${where}[]`, schema.items, name);
    for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) visit(where, part, name);
  };
  for (const [name, schema] of Object.entries<Json>(document.components?.schemas ?? {})) visit(`schema ${name}`, schema, null);
  return problems;
}

/** Every operation problem, each naming the operation and what to add to it. */
export function auditOperations(document: Json): string[] {
  const problems: string[] = [];
  const schemas = document.components?.schemas ?? {};
  for (const [path, item] of Object.entries<Json>(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const name = `${method.toUpperCase()} ${path}`;
      const say = (what: string) => problems.push(`${name}: ${what}`);
      if (!op.summary) say(`no summary: add ${DECORATOR}`);
      if (!op.description || /^(Roles|Public):/.test(op.description)) say('no description: give @Operation a description (what it does, for whom, which rule)');
      const responses: Json = op.responses ?? {};
      const success = Object.entries<Json>(responses).filter(([status]) => /^2\d\d$/.test(status));
      if (success.length === 0) say(`no 2xx response: add ${DECORATOR}`);
      for (const [status, response] of success) {
        if (status === '204') continue;
        const media = Object.entries<Json>(response.content ?? {});
        if (media.length === 0) say(`${status} has no body schema: give @Operation an ok: response class (a *.response.ts beside the controller)`);
        for (const [type, { schema }] of media) {
          if (!schema) say(`${status} ${type} has no schema`);
          else if (schema.$ref && !schemas[refName(schema.$ref)]) say(`${status} refers to a missing schema ${schema.$ref}`);
        }
      }
      const isPublic = op['x-public'] === true;
      if (isPublic) {
        if (!Array.isArray(op.security) || op.security.length !== 0) say('public, yet has a security requirement: it should have security: [] (document.ts sets it from PUBLIC_ROUTES)');
      } else {
        if (!Array.isArray(op['x-roles']) || op['x-roles'].length === 0) {
          say(`no x-roles: add '${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}': { roles: [...] } to ACCESS_MATRIX in apps/api/src/access/access-policy.ts`);
        }
        const missing = PROTECTED_ERRORS.filter((status) => !responses[status]);
        if (missing.length > 0) say(`missing problem responses ${missing.join(', ')}: @Operation adds all eight unless its errors: list leaves some out`);
      }
      for (const [status, response] of Object.entries<Json>(responses)) {
        if (!/^[45]\d\d$/.test(status) || (isPublic && status === '503')) continue;
        const schema = response.content?.['application/problem+json']?.schema;
        if (!schema || schema.$ref !== '#/components/schemas/Problem') say(`${status} is not application/problem+json with the shared Problem schema: let @Operation declare it`);
      }
      for (const parameter of op.parameters ?? []) {
        const schema = parameter.schema ?? {};
        if (parameter.in === 'path' && !schema.pattern) say(`path parameter ${parameter.name} has no pattern`);
        if (parameter.in === 'query' && ['offset', 'limit'].includes(parameter.name) && schema.type !== 'integer') say(`query ${parameter.name} is ${schema.type}: declare type 'integer'`);
        if (parameter.in === 'query' && isInstantName(parameter.name) && schema.format !== 'date-time') say(`query ${parameter.name} is an instant: use IsInstant() so it says format date-time`);
      }
      if (method === 'post' && !isPublic && !(op.parameters ?? []).some((p: Json) => p.in === 'header' && p.name === 'Idempotency-Key')) {
        say('a command without the Idempotency-Key header: give @Operation command: true');
      }
    }
  }
  return problems;
}
