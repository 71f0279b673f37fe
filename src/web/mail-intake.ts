// security@ mail coming into `psrt serve`: psrt's own SMTP server (when
// configured; the sandbox always starts one), and the reader that turns each
// stored message into its thread. A stored message nudges the reader; a pass
// every half minute also catches what a crash left unread.

import { readFile } from 'node:fs/promises';
import type { AppContext } from '../app/context.ts';
import { type IntakeSettings, readPendingMail, receiveMail } from '../app/intake.ts';
import { type Config, ConfigError } from '../config/config.ts';
import { startImapPolling } from '../mail/imap-intake.ts';
import { startSmtpIntake } from '../mail/smtp-intake.ts';
import { loadTeamKey, type TeamKey, TeamKeyError } from '../mail/team-key.ts';
import { type BackgroundLoop, periodicLoop } from './background.ts';

export interface MailIntake {
  /** The SMTP intake's address (`smtp://127.0.0.1:PORT`), or null when psrt runs none. */
  smtpUrl: string | null;
  loops: BackgroundLoop[];
}

export async function startMailIntake(
  ctx: AppContext,
  config: Config,
  options: { afterRead: () => void },
): Promise<MailIntake> {
  const settings: IntakeSettings = {
    teamKey: await teamKeyOf(config),
    acknowledgeDays: config.intake.acknowledgeDays,
    ownAddresses: ownAddresses(config),
  };
  let reading: Promise<void> | null = null;
  let again = false;
  const read = (): Promise<void> => {
    if (reading) {
      again = true;
      return reading;
    }
    reading = (async () => {
      do {
        again = false;
        if ((await readPendingMail(ctx, settings)) > 0) options.afterRead();
      } while (again);
    })().finally(() => {
      reading = null;
    });
    return reading;
  };
  const nudge = () => {
    read().catch((error: unknown) =>
      ctx.log.error({ err: error instanceof Error ? error.message : 'error' }, 'reading stored mail failed'),
    );
  };
  const loops: BackgroundLoop[] = [periodicLoop('mail reader', ctx.log, 30_000, read, 0)];
  const { imap, maxMessageBytes } = config.intake;
  if (imap) {
    const controller = new AbortController();
    const polling = startImapPolling(
      { url: imap.url, password: config.secrets.imapPassword ?? '', mailbox: imap.mailbox },
      async (raw) => {
        // Left unseen in the mailbox, where a person can still read it; the log says why.
        if (raw.byteLength > maxMessageBytes)
          throw new Error(`the message is larger than intake.maxMessageBytes (${maxMessageBytes} bytes)`);
        await receiveMail(ctx, { raw, source: 'imap' });
        nudge();
      },
      { intervalSeconds: imap.pollSeconds, log: ctx.log, signal: controller.signal },
    );
    loops.push({
      name: 'IMAP intake',
      stop: async () => {
        controller.abort();
        await polling.stopped;
      },
    });
  }
  const port = config.intake.smtpPort ?? (config.sandbox ? 0 : undefined);
  if (port === undefined) return { smtpUrl: null, loops };
  const smtp = await startSmtpIntake(
    { host: config.intake.smtpHost, port, maxMessageBytes: config.intake.maxMessageBytes },
    async (mail) => {
      await receiveMail(ctx, {
        raw: mail.raw,
        source: 'smtp',
        envelopeFrom: mail.envelopeFrom,
        envelopeTo: mail.envelopeTo,
      });
      nudge();
    },
    ctx.log,
  );
  loops.unshift({ name: 'SMTP intake', stop: () => smtp.close() });
  return { smtpUrl: smtp.url, loops };
}

/** Addresses psrt sends from or to: mail from them is psrt's own and never acknowledged. */
function ownAddresses(config: Config): string[] {
  const { from, team, admins, stewardStaff, announce } = config.mail;
  return [from, team, admins, stewardStaff, announce]
    .filter((a): a is string => typeof a === 'string')
    .map((a) => /<([^>]+)>/.exec(a)?.[1] ?? a);
}

/** The team's OpenPGP key as configured, or null; a key that cannot be used stops the start, saying why. */
async function teamKeyOf(config: Config): Promise<TeamKey | null> {
  const file = config.intake.openpgpKey;
  if (file === undefined) return null;
  let armoredKey: string;
  try {
    armoredKey = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(`intake.openpgpKey: cannot read ${file} (${code})`);
  }
  try {
    return await loadTeamKey({ armoredKey, passphrase: config.secrets.openpgpPassphrase });
  } catch (error) {
    if (error instanceof TeamKeyError) throw new ConfigError(`intake.openpgpKey (${file}): ${error.message}`);
    throw error;
  }
}
