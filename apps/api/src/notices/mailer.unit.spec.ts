import { describe, expect, it } from '@jest/globals';
import { classifySmtpError } from './mailer.js';
import { retryDelayMs } from './notice-outbox.service.js';

describe('classifySmtpError', () => {
  it('fails a notice for good on a 5xx to its recipient or its content', () => {
    expect(classifySmtpError({ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550, response: '550 no such mailbox' })).toEqual({ kind: 'refused', reason: '550 no such mailbox' });
    expect(classifySmtpError({ code: 'EMESSAGE', command: 'DATA', responseCode: 554, response: '554 rejected as spam' })).toEqual({ kind: 'refused', reason: '554 rejected as spam' });
  });

  it('keeps it pending on a 4xx, on no connection, and on a 5xx to the login or the sender (the configuration, not the notice)', () => {
    expect(classifySmtpError({ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 451, response: '451 try later' })).toEqual({ kind: 'deferred', error: 'EENVELOPE: 451 try later' });
    expect(classifySmtpError({ code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:25' }).kind).toBe('deferred');
    expect(classifySmtpError({ code: 'EAUTH', command: 'AUTH PLAIN', responseCode: 535, response: '535 authentication failed' })).toEqual({ kind: 'deferred', error: 'EAUTH: 535 authentication failed' });
    expect(classifySmtpError({ code: 'EENVELOPE', command: 'MAIL FROM', responseCode: 550, response: '550 sender not allowed' }).kind).toBe('deferred');
  });
});

describe('retryDelayMs', () => {
  it('doubles from one second and never waits longer than the cap (30 s by default)', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((attempt) => retryDelayMs(attempt, 30_000))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    expect(retryDelayMs(3, 50)).toBe(50);
  });
});
