import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The prefix lets secret scanners (and people) recognise a leaked token. */
const PREFIX = 'sla_';

export function newTokenSecret(): string {
  return `${PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** Only this digest is stored: a copy of the table does not let anyone call the API. */
export function digestOf(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Digests have one length whatever was sent, so the comparison leaks nothing through its timing. */
export function sameSecret(presented: string, expectedDigest: string): boolean {
  return timingSafeEqual(Buffer.from(digestOf(presented), 'hex'), Buffer.from(expectedDigest, 'hex'));
}
