// The replies someone who wrote to security@ gets: the devguide's "Submit using
// GitHub Security Advisories" reply word for word (checked against the vendored
// psrt.rst), and the adapted ones asking for missing information or
// acknowledging receipt, none of which carries report text.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { vendored } from '../../sim/conformance/vendored.ts';
import { missingInformation } from '../../src/domain/policy-check.ts';
import {
  acknowledgementReply,
  forwardedReply,
  needsInformationReply,
  submitUsingGhsaReply,
} from '../../src/records/intake-replies.ts';

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

describe('the replies to security@ mail', () => {
  it('a CPython report sent by mail gets the devguide\'s "Submit using GitHub Security Advisories" reply, word for word', () => {
    expect(submitUsingGhsaReply('python/cpython').body).toBe(
      devguideTemplate('Submit using GitHub Security Advisories'),
    );
  });

  it("another repository's report is sent to that repository's advisory form", () => {
    const body = submitUsingGhsaReply('pypa/pip').body;
    expect(body).toContain('https://github.com/pypa/pip/security/advisories/new');
    expect(body).not.toContain('python/cpython');
    expect(body.replace('pypa/pip', 'python/cpython')).toBe(
      devguideTemplate('Submit using GitHub Security Advisories'),
    );
  });

  it('a report missing information gets a reply listing each thing missing and linking the security policy', () => {
    const reply = needsInformationReply([missingInformation.versions, missingInformation.proofOfConcept]);
    expect(reply.body).toContain(
      `* ${missingInformation.versions}\n* ${missingInformation.proofOfConcept}\n`,
    );
    expect(reply.body).toContain('https://devguide.python.org/security/policy/');
    expect(reply.body.startsWith('Thanks for submitting this report.\n')).toBe(true);
  });

  it('the acknowledgement says when the next update comes and asks not to disclose', () => {
    const body = acknowledgementReply(new Date('2026-12-12T09:00:00Z')).body;
    expect(body).toContain('We will send you an update by 2026-12-12.');
    expect(body).toContain(devguideTemplate('Rejecting a duplicate report').split('\n').at(-2));
  });

  it('a report for another project says where it was forwarded and that they reply directly', () => {
    const body = forwardedReply('the Django project').body;
    expect(body).toContain('It concerns the Django project');
    expect(body).toContain('who will reply to you directly');
  });

  it('every reply has the same subject as the rejection replies, so none carries report text', () => {
    const subjects = new Set(
      [
        submitUsingGhsaReply('python/cpython'),
        needsInformationReply(['x']),
        acknowledgementReply(new Date()),
      ].map((r) => r.subject),
    );
    expect([...subjects]).toEqual(['Your report to the Python Security Response Team']);
  });
});
