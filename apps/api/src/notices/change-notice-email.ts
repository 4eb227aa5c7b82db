import { DateTime } from 'luxon';
import type { ChangeNoticeEmail, SubProcessor, SubProcessorFields } from '#domain';
import type { NoticeEmailSettings } from './notice-email.js';

export interface ComposedChangeNotice {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const LABELS: Record<keyof SubProcessorFields, string> = {
  legalName: 'Legal name',
  type: 'Type',
  purpose: 'Purpose',
  location: 'Location',
  platform: 'Works for the whole platform',
  regions: 'Regions',
  dataCategories: 'Data',
  aliases: 'Also known as',
};

function shown(value: SubProcessorFields[keyof SubProcessorFields]): string {
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return value;
}

/** "Wednesday 2 December 2026, 09:30 (Europe/Paris, UTC+01:00)". */
function instantIn(at: string, zone: string): string {
  const t = DateTime.fromISO(at, { zone });
  return `${t.toFormat('cccc d LLLL yyyy, HH:mm', { locale: 'en-GB' })} (${zone === 'UTC' ? 'UTC' : `${zone}, ${t.toFormat("'UTC'ZZ")}`})`;
}

/**
 * The email of one change notice (R15): which sub-processor, what changes (was → becomes), from
 * when and why, and until when the customer may object, and to whom.
 */
export function composeChangeNotice(entry: SubProcessor, email: ChangeNoticeEmail, settings: NoticeEmailSettings): ComposedChangeNotice {
  const version = entry.history[email.version];
  if (!version) throw new Error(`sub-processor ${entry.id} has no version ${email.version}`);
  const before = entry.history[email.version - 1]?.fields ?? version.fields;
  const changes = version.changed.map((name) => ({ label: LABELS[name], was: shown(before[name]), becomes: shown(version.fields[name]) }));
  const from = instantIn(version.effectiveAt, settings.legalTimeZone);
  const until = instantIn(email.objectionUntil, settings.legalTimeZone);
  const subject = `Sub-processor change: ${version.fields.legalName}, from ${DateTime.fromISO(version.effectiveAt, { zone: settings.legalTimeZone }).toFormat('d LLLL yyyy', { locale: 'en-GB' })}`;
  const intro = `A sub-processor that may process your data changes. You may object to this change until ${until}.`;
  const lines = [
    'Hello,',
    '',
    intro,
    '',
    `Sub-processor: ${version.fields.legalName} (${version.fields.type})`,
    `Purpose: ${version.fields.purpose}`,
    `Location: ${version.fields.location}`,
    'Changes:',
    ...changes.map((c) => `  - ${c.label}: ${c.was} → ${c.becomes}`),
    `In effect from: ${from}`,
    `Reason: ${version.reason ?? 'not given'}`,
    `Objections until: ${until}`,
    `Reference: sub-processor ${entry.id}, version ${email.version}`,
    '',
    `To object, or for questions about this change: ${settings.contact}`,
  ];
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif; line-height: 1.4">',
    '<p>Hello,</p>',
    `<p>${escapeHtml(intro)}</p>`,
    '<table cellpadding="4" style="border-collapse: collapse">',
    `<tr><th align="left">Sub-processor</th><td>${escapeHtml(`${version.fields.legalName} (${version.fields.type})`)}</td></tr>`,
    `<tr><th align="left">Purpose</th><td>${escapeHtml(version.fields.purpose)}</td></tr>`,
    `<tr><th align="left">Location</th><td>${escapeHtml(version.fields.location)}</td></tr>`,
    `<tr><th align="left" valign="top">Changes</th><td>${changes.map((c) => escapeHtml(`${c.label}: ${c.was} → ${c.becomes}`)).join('<br>')}</td></tr>`,
    `<tr><th align="left">In effect from</th><td>${escapeHtml(from)}</td></tr>`,
    `<tr><th align="left">Reason</th><td>${escapeHtml(version.reason ?? 'not given')}</td></tr>`,
    `<tr><th align="left">Objections until</th><td>${escapeHtml(until)}</td></tr>`,
    `<tr><th align="left">Reference</th><td>${escapeHtml(`sub-processor ${entry.id}, version ${email.version}`)}</td></tr>`,
    '</table>',
    `<p>To object, or for questions about this change: ${escapeHtml(settings.contact)}</p>`,
    '</body></html>',
  ].join('\n');
  return {
    from: settings.from,
    to: email.email,
    subject,
    text: lines.join('\n'),
    html,
    messageId: email.messageId,
    headers: { 'X-SLA-Sub-Processor': entry.id, 'X-SLA-Customer': email.customerId, 'X-SLA-Objection-Until': email.objectionUntil },
  };
}
