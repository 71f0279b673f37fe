// The one redaction layer every log line passes through, and the request context on lines.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED, withLogContext } from '../../src/config/logger.ts';

function capture(secrets: string[] = []) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { log: createLogger('debug', sink, secrets), lines };
}

const webhookSecret = 'whsec-0123456789abcdef';
const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----';

describe('the log', () => {
  it('never carries a configured secret, wherever a caller put it: message, field, nested, in an error', () => {
    const { log, lines } = capture([webhookSecret, 'short']);
    log.info(`verifying with ${webhookSecret}`);
    log.warn({ headers: { note: `sig=${webhookSecret}` }, list: [webhookSecret] }, 'delivery');
    log.error({ err: new Error(`bad secret ${webhookSecret}`) }, 'failed');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).not.toContain(webhookSecret);
    expect(lines.join('\n')).toContain(REDACTED);
    // An error keeps what helps: its kind, and its message with the secret cut out.
    expect(JSON.parse(lines[2] ?? '{}').err).toMatchObject({
      type: 'Error',
      message: `bad secret ${REDACTED}`,
    });
  });

  it('cuts out PEM keys, psrt and GitHub tokens and bearer credentials by their shape', () => {
    const { log, lines } = capture();
    log.info(
      {
        note: `key ${pem}`,
        header: 'Bearer abcdefghijklmnop',
        tokens: 'psrt_AbCdEf0123456789 ghs_16charactersormore12 github_pat_11ABCDEFG0123456789_x',
      },
      'credentials',
    );
    const line = lines[0] ?? '';
    for (const leaked of ['MIIEowIBAAKCAQEA7', 'abcdefghijklmnop', 'psrt_AbCdEf', 'ghs_16', 'github_pat_11'])
      expect(line).not.toContain(leaked);
  });

  it('drops fields that hold report text, mail or credentials at any depth, keeping ids and counts', () => {
    const { log, lines } = capture();
    log.info(
      {
        reportId: 'PSRT-2026-0007',
        report: { title: 'RCE in zipfile', description: 'embargoed details', state: 'triage' },
        mail: { subject: 'Vuln in ssl', text: 'the body', html: '<p>the body</p>', attachments: ['x'] },
        token: 'anything',
        privateKey: 'anything',
        password: 'hunter2hunter2',
        payload: { advisory: 'secret' },
        reports: 3,
      },
      'acted',
    );
    const line = JSON.parse(lines[0] ?? '{}');
    expect(line.reportId).toBe('PSRT-2026-0007');
    expect(line.reports).toBe(3);
    expect(line.report).toEqual({ title: REDACTED, description: REDACTED, state: 'triage' });
    expect(line.mail).toEqual({ subject: REDACTED, text: REDACTED, html: REDACTED, attachments: REDACTED });
    for (const field of ['token', 'privateKey', 'password', 'payload']) expect(line[field]).toBe(REDACTED);
    for (const leaked of ['RCE in zipfile', 'embargoed', 'Vuln in ssl', 'the body', 'hunter2', 'secret'])
      expect(lines[0]).not.toContain(leaked);
  });

  it('puts the request id on every line logged while the request is handled, and only then', async () => {
    const { log, lines } = capture();
    await withLogContext({ requestId: 'req-1' }, async () => {
      log.info('before await');
      await new Promise((resolve) => setTimeout(resolve, 1));
      log.info({ step: 2 }, 'after await');
    });
    log.info('outside');
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed.map((l) => l.requestId)).toEqual(['req-1', 'req-1', undefined]);
  });
});
