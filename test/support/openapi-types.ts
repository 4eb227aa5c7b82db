/**
 * A small OpenAPI 3.0 -> TypeScript generator: one type per component schema, and an `Operations`
 * map from "METHOD /path" to the JSON body of its success answer and the roles that may call it.
 * Enough to type-check a client against the served document (openapi-typescript would do more).
 */

type Json = Record<string, any>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function typeName(ref: string): string {
  return ref.replace('#/components/schemas/', '').replace(/[^A-Za-z0-9_]/g, '_');
}

function literal(value: unknown): string {
  return JSON.stringify(value);
}

export function schemaType(schema: Json | undefined, indent = ''): string {
  if (!schema) return 'unknown';
  let type: string;
  if (schema.$ref) type = typeName(schema.$ref);
  else if (schema.enum) type = schema.enum.map(literal).join(' | ');
  else if (schema.oneOf || schema.anyOf) type = (schema.oneOf ?? schema.anyOf).map((s: Json) => schemaType(s, indent)).join(' | ');
  else if (schema.allOf) type = schema.allOf.map((s: Json) => schemaType(s, indent)).join(' & ');
  else if (schema.type === 'array') type = `Array<${schemaType(schema.items, indent)}>`;
  else if (schema.type === 'string') type = 'string';
  else if (schema.type === 'integer' || schema.type === 'number') type = 'number';
  else if (schema.type === 'boolean') type = 'boolean';
  else if (schema.type === 'object' || schema.properties) {
    const required = new Set<string>(schema.required ?? []);
    const fields = Object.entries<Json>(schema.properties ?? {}).map(([key, child]) => `${indent}  ${JSON.stringify(key)}${required.has(key) ? '' : '?'}: ${schemaType(child, `${indent}  `)};`);
    if (schema.additionalProperties) fields.push(`${indent}  [key: string]: unknown;`);
    type = fields.length === 0 ? 'Record<string, unknown>' : `{\n${fields.join('\n')}\n${indent}}`;
  } else type = 'unknown';
  return schema.nullable ? `(${type}) | null` : type;
}

export function generateTypes(document: Json): string {
  const out: string[] = ['// Generated from /docs-json by test/support/openapi-types.ts', ''];
  for (const [name, schema] of Object.entries<Json>(document.components?.schemas ?? {})) {
    out.push(`export type ${typeName(name)} = ${schemaType(schema)};`, '');
  }
  out.push('export interface Operations {');
  for (const [path, item] of Object.entries<Json>(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const success = Object.entries<Json>(op.responses ?? {}).find(([status]) => /^2\d\d$/.test(status));
      const body = success?.[0] === '204' ? 'void' : schemaType(success?.[1].content?.['application/json']?.schema, '    ');
      const params = (op.parameters ?? []).filter((p: Json) => p.in === 'path').map((p: Json) => `${JSON.stringify(p.name)}: string`);
      const roles = (op['x-roles'] ?? []).map(literal).join(' | ') || 'never';
      out.push(`  ${JSON.stringify(`${method.toUpperCase()} ${path}`)}: {`, `    params: { ${params.join('; ')} };`, `    response: ${body};`, `    roles: ${roles};`, '  };');
    }
  }
  out.push('}', '');
  return out.join('\n');
}
