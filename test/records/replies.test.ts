// The reply a reporter gets when the PSRT rejects their report: the devguide's
// template responses, checked word for word against the devguide's own page
// (vendor/python-devguide/security/psrt.rst), and none at all for spam.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { vendored } from '../../sim/conformance/vendored.ts';
import { getsReply, type Rejection, rejectionReasons } from '../../src/domain/report.ts';
import { renderReply } from '../../src/records/replies.ts';

const page = readFileSync(vendored.devguideProcess, 'utf8');

/** The literal block (`::`) under a section heading of psrt.rst, dedented. */
function devguideTemplate(heading: string): string {
  const lines = page.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`psrt.rst has no section "${heading}"`);
  const colons = lines.indexOf('::', start);
  const block: string[] = [];
  for (const line of lines.slice(colons + 1)) {
    if (line !== '' && !line.startsWith('   ')) break;
    block.push(line.slice(3));
  }
  return `${block.join('\n').trim()}\n`;
}

const rejectedAs = (reason: Rejection['reason'], detail: string | null = null) =>
  renderReply({ reason, detail });

describe('the reply to a rejected report', () => {
  it('a report that is not a vulnerability gets the devguide\'s "Rejecting a vulnerability report" reply, word for word', () => {
    expect(rejectedAs('not-a-vulnerability')?.body).toBe(
      devguideTemplate('Rejecting a vulnerability report'),
    );
  });

  it('a duplicate gets the devguide\'s "Rejecting a duplicate report" reply, which does not name the report it duplicates', () => {
    const reply = rejectedAs('duplicate', 'CVE-2026-40101');
    expect(reply?.body).toBe(devguideTemplate('Rejecting a duplicate report'));
    // The original may still be embargoed: the reporter learns only that it is "tracked internally".
    expect(reply?.body).not.toContain('CVE-2026-40101');
    expect(rejectedAs('duplicate', 'PSRT-2026-0007')?.body).not.toContain('PSRT-2026-0007');
  });

  it('a report out of scope gets the "not a vulnerability" reply and where the security policy says what is in scope', () => {
    const body = rejectedAs('out-of-scope')?.body ?? '';
    expect(body.startsWith(devguideTemplate('Rejecting a vulnerability report'))).toBe(true);
    expect(body).toContain('https://devguide.python.org/security/policy/');
    // The address is the one the devguide's own "Submit using GitHub Security Advisories" reply gives.
    expect(devguideTemplate('Submit using GitHub Security Advisories')).toContain(
      'https://devguide.python.org/security/policy/',
    );
  });

  it('a report moved to a public issue gets the reply with a link to the issue the PSRT opened', () => {
    const issue = 'https://github.com/python/cpython/issues/140390';
    const body = rejectedAs('public-issue', issue)?.body ?? '';
    const [first, second] = devguideTemplate('Rejecting a vulnerability report').split('\n');
    expect(body.startsWith(`${first}\n${second}\n`)).toBe(true);
    expect(body).toContain(issue);
    // The PSRT opened it, so the reporter is not invited to open one.
    expect(body).not.toContain('you can optionally open');
  });

  it('spam is discarded without a reply', () => {
    expect(rejectedAs('spam')).toBeNull();
  });

  it('every other reason has its reply, the same ones the domain says get a reply', () => {
    for (const reason of rejectionReasons) {
      const detail = reason === 'public-issue' ? 'https://github.com/python/cpython/issues/1' : null;
      expect(rejectedAs(reason, detail) !== null, reason).toBe(getsReply(reason));
    }
  });

  it('the subject is the same for every reply, so it never carries report text', () => {
    const subjects = new Set(
      rejectionReasons
        .filter(getsReply)
        .map((reason) => rejectedAs(reason, 'https://example.org/1')?.subject),
    );
    expect([...subjects]).toEqual(['Your report to the Python Security Response Team']);
  });
});
