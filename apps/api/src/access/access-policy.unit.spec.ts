import { describe, expect, it } from '@jest/globals';
import { ACCESS_MATRIX, customerParam, decide, isPublic, routeKey, type Principal, type Role } from './access-policy.js';

const as = (role: Role, customerId: string | null = null): Principal => ({ actor: `token:${role}`, role, customerId, tokenId: `id-${role}` });

describe('the access policy', () => {
  it('lets anyone call the probes and the documentation, with or without a token', () => {
    for (const [method, path] of [['GET', '/health'], ['GET', '/health/ready'], ['GET', '/health/live'], ['GET', '/metrics'], ['GET', '/docs'], ['GET', '/docs-json']]) {
      expect(decide(null, method!, path!, {})).toEqual({ allowed: true });
    }
    expect(decide(null, 'HEAD', '/health', {})).toEqual({ allowed: true });
    expect(isPublic('POST', '/health')).toBe(false);
    expect(isPublic('GET', '/docsx')).toBe(false);
    expect(isPublic('GET', '/docs-admin')).toBe(false);
    expect(isPublic('POST', '/docs-json')).toBe(false);
  });

  it('asks for a token (401) before anything else', () => {
    expect(decide(null, 'GET', '/outages', {})).toMatchObject({ allowed: false, status: 401 });
    expect(decide(null, 'GET', '/not/in/the/matrix', {})).toMatchObject({ allowed: false, status: 401 });
  });

  it('closes a route that has no rule, even to admin', () => {
    expect(decide(as('admin'), 'GET', '/secret/:id', { id: 'x' })).toMatchObject({ allowed: false, status: 403, detail: expect.stringContaining('no access rule') });
    expect(decide(as('admin'), 'PUT', '/outages/:id', { id: 'x' })).toMatchObject({ allowed: false, status: 403 });
  });

  it('lets admin call every route in the matrix', () => {
    for (const key of Object.keys(ACCESS_MATRIX)) {
      const [method, path] = key.split(' ') as [string, string];
      expect({ key, decision: decide(as('admin'), method, path, {}) }).toEqual({ key, decision: { allowed: true } });
    }
  });

  it('gives each staff role its own writes and the reads it needs', () => {
    expect(decide(as('ops'), 'POST', '/outages/:id/end', { id: 'o' })).toEqual({ allowed: true });
    expect(decide(as('support'), 'POST', '/outages/:id/end', { id: 'o' })).toMatchObject({ status: 403, detail: expect.stringContaining('open to admin, ops') });
    expect(decide(as('finance'), 'GET', '/outages/:id', { id: 'o' })).toEqual({ allowed: true });
    expect(decide(as('support'), 'POST', '/customers/:id/failure-reports', { id: 'c' })).toEqual({ allowed: true });
    expect(decide(as('ops'), 'POST', '/customers/:id/failure-reports', { id: 'c' })).toMatchObject({ status: 403 });
    expect(decide(as('finance'), 'POST', '/credits/:customerId/:month/decision', { customerId: 'c', month: '2026-10' })).toEqual({ allowed: true });
    expect(decide(as('ops'), 'GET', '/credits/:month', { month: '2026-10' })).toMatchObject({ status: 403 });
    expect(decide(as('finance'), 'POST', '/plans', {})).toMatchObject({ status: 403 });
    expect(decide(as('ops'), 'POST', '/tokens', {})).toMatchObject({ status: 403 });
  });

  it('lets a customer token read its own figures only', () => {
    const acme = as('customer', 'acme');
    expect(decide(acme, 'GET', '/customers/:id/availability/:month', { id: 'acme', month: '2026-10' })).toEqual({ allowed: true });
    expect(decide(acme, 'GET', '/customers/:id/credits/:month', { id: 'acme', month: '2026-10' })).toEqual({ allowed: true });
    expect(decide(acme, 'HEAD', '/customers/:id/credits/:month', { id: 'acme', month: '2026-10' })).toEqual({ allowed: true });
    expect(decide(acme, 'GET', '/customers/:id/availability/:month', { id: 'globex', month: '2026-10' })).toMatchObject({ status: 403 });
    expect(decide(acme, 'GET', '/customers/:id', { id: 'acme' })).toMatchObject({ status: 403 });
    expect(decide(acme, 'GET', '/outages', {})).toMatchObject({ status: 403 });
    expect(decide(acme, 'POST', '/customers/:id/failure-reports', { id: 'acme' })).toMatchObject({ status: 403 });
    expect(decide(as('customer', null), 'GET', '/customers/:id/timeline', { id: 'acme' })).toMatchObject({ status: 403 });
  });

  it('finds the customer in whatever the route calls its parameter', () => {
    expect(customerParam('/customers/:customerId/credits/:month')).toBe('customerId');
    expect(customerParam('/customers/:id')).toBeNull();
    expect(customerParam('/credits/:customerId/:month/decision')).toBeNull();
    const acme = as('customer', 'acme');
    expect(decide(acme, 'GET', '/customers/:customerId/credits/:month', { customerId: 'acme', month: '2026-10' })).toEqual({ allowed: true });
  });

  it('keeps every rule well formed: customer rules are reads under /customers/:id/, keys unique by position', () => {
    const keys = Object.keys(ACCESS_MATRIX);
    for (const key of keys) {
      expect(key).toMatch(/^(GET|POST|DELETE|PUT|PATCH) \/[a-z0-9/:{}-]*$/i);
      const [method, path] = key.split(' ') as [string, string];
      if (ACCESS_MATRIX[key]!.own) expect({ key, method, customer: customerParam(path) }).toEqual({ key, method: 'GET', customer: expect.any(String) });
    }
    expect(new Set(keys.map((key) => routeKey(...(key.split(' ') as [string, string])))).size).toBe(keys.length);
  });
});
