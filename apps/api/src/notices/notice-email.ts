import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import type { Maintenance, NoticeEmail } from '#domain';

/** What every notice says besides the maintenance itself. */
export interface NoticeEmailSettings {
  from: string;
  /** The From's bare address and display name: the iCalendar organizer. */
  fromAddress: string;
  fromName: string;
  contact: string;
  legalTimeZone: string;
}

export interface ComposedNotice {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  icalEvent: { method: 'REQUEST' | 'CANCEL'; filename: string; content: string };
  headers: Record<string, string>;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function duration(start: DateTime, end: DateTime): string {
  const minutes = Math.round(end.diff(start, 'minutes').minutes);
  const [h, m] = [Math.floor(minutes / 60), minutes % 60];
  return [h > 0 ? `${h} hour${h === 1 ? '' : 's'}` : '', m > 0 ? `${m} minute${m === 1 ? '' : 's'}` : ''].filter(Boolean).join(' ') || '0 minutes';
}

/** "Wednesday 14 October 2026, 03:00 to 05:00 (Europe/Paris, UTC+2)": the whole window in one zone. */
function windowIn(window: { start: string; end: string }, zone: string): string {
  const start = DateTime.fromISO(window.start, { zone });
  const end = DateTime.fromISO(window.end, { zone });
  const day = (t: DateTime) => t.toFormat('cccc d LLLL yyyy', { locale: 'en-GB' });
  const time = (t: DateTime) => t.toFormat('HH:mm');
  const offset = start.offset === end.offset ? start.toFormat("'UTC'ZZ") : `${start.toFormat("'UTC'ZZ")} then ${end.toFormat("'UTC'ZZ")}`;
  const label = zone === 'UTC' ? 'UTC' : `${zone}, ${offset}`;
  return start.hasSame(end, 'day') ? `${day(start)}, ${time(start)} to ${time(end)} (${label})` : `${day(start)} ${time(start)} to ${day(end)} ${time(end)} (${label})`;
}

function scopeText(maintenance: Maintenance, email: NoticeEmail): string {
  switch (maintenance.scope.kind) {
    case 'platform':
      return 'the whole platform';
    case 'customers':
      return 'your account';
    case 'regions': {
      const regions = email.regions && email.regions.length > 0 ? email.regions : maintenance.scope.regions;
      return `your services in region${regions.length === 1 ? '' : 's'} ${regions.join(', ')}`;
    }
  }
}

/**
 * The email of one notice: subject with the title and window, the window in the legal zone, in
 * UTC and in the customer's own zone, what it reaches, whom to contact, and the iCalendar part
 * (REQUEST, or CANCEL with the same UID and a higher SEQUENCE) that puts it in the calendar.
 */
export function composeNotice(maintenance: Maintenance, email: NoticeEmail, settings: NoticeEmailSettings): ComposedNotice {
  const cancel = email.method === 'CANCEL';
  const { window } = email;
  const zones = [settings.legalTimeZone, 'UTC', ...(email.timeZone && email.timeZone !== settings.legalTimeZone && email.timeZone !== 'UTC' ? [email.timeZone] : [])];
  const whenLines = zones.map((zone) => windowIn(window, zone));
  const period = duration(DateTime.fromISO(window.start), DateTime.fromISO(window.end));
  const reaches = scopeText(maintenance, email);
  const shortWhen = windowIn(window, settings.legalTimeZone);
  const subject = cancel ? `Cancelled: scheduled maintenance "${maintenance.title}", ${shortWhen}` : `Scheduled maintenance: "${maintenance.title}", ${shortWhen}`;
  const intro = cancel
    ? `The scheduled maintenance "${maintenance.title}" announced for the window below will not take place. Nothing changes for your services.`
    : `We will carry out a scheduled maintenance on ${reaches}. The platform may be unavailable to you during this window.`;
  const lines = [
    'Hello,',
    '',
    intro,
    '',
    `Maintenance: ${maintenance.title}`,
    'When:',
    ...whenLines.map((l) => `  - ${l}`),
    `Period: ${period}`,
    `Affects: ${reaches}`,
    `Reference: maintenance ${maintenance.id}`,
    '',
    `Questions about this maintenance: ${settings.contact}`,
    '',
    cancel ? 'The calendar entry attached to the earlier notice is withdrawn by this message.' : 'The attached invitation adds the window to your calendar.',
  ];
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif; line-height: 1.4">',
    '<p>Hello,</p>',
    `<p>${escapeHtml(intro)}</p>`,
    '<table cellpadding="4" style="border-collapse: collapse">',
    `<tr><th align="left">Maintenance</th><td>${escapeHtml(maintenance.title)}</td></tr>`,
    `<tr><th align="left" valign="top">When</th><td>${whenLines.map(escapeHtml).join('<br>')}</td></tr>`,
    `<tr><th align="left">Period</th><td>${escapeHtml(period)}</td></tr>`,
    `<tr><th align="left">Affects</th><td>${escapeHtml(reaches)}</td></tr>`,
    `<tr><th align="left">Reference</th><td>maintenance ${escapeHtml(maintenance.id)}</td></tr>`,
    '</table>',
    `<p>Questions about this maintenance: ${escapeHtml(settings.contact)}</p>`,
    '</body></html>',
  ].join('\n');

  const calendar = ical({ prodId: { company: 'SLA Ledger', product: 'maintenance-notices', language: 'EN' }, method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST });
  calendar.createEvent({
    id: `maintenance-${maintenance.id}@${settings.fromAddress.split('@')[1]}`,
    sequence: email.sequence,
    start: new Date(window.start),
    end: new Date(window.end),
    stamp: new Date(email.plannedAt),
    summary: `Scheduled maintenance: ${maintenance.title}`,
    description: lines.join('\n'),
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: settings.fromName, email: settings.fromAddress },
    attendees: [{ email: email.email, role: ICalAttendeeRole.OPT, status: ICalAttendeeStatus.NEEDSACTION, rsvp: false }],
  });

  return {
    from: settings.from,
    to: email.email,
    subject,
    text: lines.join('\n'),
    html,
    messageId: email.messageId,
    icalEvent: { method: cancel ? 'CANCEL' : 'REQUEST', filename: cancel ? 'cancel.ics' : 'invite.ics', content: calendar.toString() },
    headers: { 'X-SLA-Maintenance': maintenance.id, 'X-SLA-Customer': email.customerId },
  };
}
