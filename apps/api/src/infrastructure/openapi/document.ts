import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { isPublic, ROLES, rolesOf, ruleFor } from '../../access/access-policy.js';
import { ID_SCHEMA_PATTERN, MONTH_SCHEMA_PATTERN } from './properties.js';
import { Problem } from './problem.response.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

interface OperationObject {
  description?: string;
  security?: unknown[];
  parameters?: { in: string; name: string; schema?: Record<string, unknown> }[];
  [extension: `x-${string}`]: unknown;
}

/** `/customers/{id}/credits/{month}` as the access table keys it: `/customers/:id/credits/:month`. */
function expressPath(openApiPath: string): string {
  return openApiPath.replace(/\{([^}]+)\}/g, ':$1');
}

/**
 * Who may call each operation, from the access table (the one the guard enforces), and the
 * patterns of the path parameters: months are `YYYY-MM`, everything else is an id.
 */
export function annotate(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, OperationObject | undefined>)[method];
      if (!operation) continue;
      const route = expressPath(path);
      if (isPublic(method, route)) {
        operation.security = [];
        operation['x-public'] = true;
        operation['x-roles'] = [...ROLES];
        operation.description = `${operation.description ?? ''}\n\nPublic: no token needed.`.trim();
      } else {
        const rule = ruleFor(method, route);
        const roles = rule ? rolesOf(rule) : [];
        operation['x-roles'] = roles;
        operation.description = `${operation.description ?? ''}\n\nRoles: ${roles.length > 0 ? roles.join(', ') : 'none (no access rule yet)'}.`.trim();
      }
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in !== 'path') continue;
        parameter.schema = { type: 'string', pattern: parameter.name === 'month' ? MONTH_SCHEMA_PATTERN : ID_SCHEMA_PATTERN, ...(parameter.name === 'month' && { example: '2026-10' }) };
      }
    }
  }
  return document;
}

/** The OpenAPI document of the running application, served at /docs, /docs-json and /docs-yaml. */
export function buildDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('SLA Ledger')
    .setDescription(
      [
        'Outages, maintenance and the Availability Rate of every customer and month, from events.',
        '',
        'Every refusal is RFC 9457 Problem Details (`application/problem+json`) whose `type` is a stable path under `/problems/` that serves a page describing it.',
        'Each operation lists the roles that may call it in `x-roles`; public operations have `security: []`.',
        'Instants are ISO-8601 with an offset; months are `YYYY-MM` in the billing time zone; amounts are integers of minor units with a `formatted` form beside them.',
      ].join('\n'),
    )
    .setVersion('0.1.0')
    .addSecurity('bearer', { type: 'http', scheme: 'bearer', description: 'An opaque token: SLA_ADMIN_TOKEN, or one created with POST /tokens' })
    .addSecurityRequirements('bearer')
    .build();
  return annotate(SwaggerModule.createDocument(app, config, { extraModels: [Problem] }));
}
