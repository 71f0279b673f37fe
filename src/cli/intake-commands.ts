// `psrt intake …`: the security@ triage queue on the command line (admins):
// list and read threads, and decide on one, as the Intake page does.
import type { Command } from 'commander';
import type { TriageDecision } from '../domain/triage.ts';
import * as routes from '../web/api/routes/intake.ts';
import { withApi } from './api.ts';
import { parseWholeNumber } from './arguments.ts';
import { CliError, globalOptions, print, table } from './runtime.ts';
import { terminalText } from './terminal.ts';

const day = (at: Date | null): string => (at ? at.toISOString().slice(0, 16).replace('T', ' ') : '');
const threadArg = (value: string) => parseWholeNumber(value, 'thread id', 1, Number.MAX_SAFE_INTEGER);

export function registerIntakeCommands(program: Command): void {
  const intake = program
    .command('intake')
    .description('the security@ triage queue: list and read threads, decide on them (admins)');

  intake
    .command('list')
    .description('threads awaiting triage, oldest first (or --all, newest first)')
    .option('--all', 'every thread, decided ones too')
    .option(
      '--status <status>',
      'only threads in one status (new, needs-information, spam, not-a-vulnerability, forwarded, redirected, reported), or decided (all but the first two)',
    )
    .option('--limit <n>', 'at most N threads (default 50)', (v) => parseWholeNumber(v, '--limit', 1, 500))
    .action(function (this: Command, opts: { all?: boolean; status?: string; limit?: number }) {
      const options = globalOptions(this);
      if (opts.all && opts.status) throw new CliError('Choose --all or --status, not both.', 2);
      const status = (opts.status ?? (opts.all ? 'all' : 'queue')) as 'queue';
      return withApi(options, 'person', async (api) => {
        const page = await api.call(routes.listIntake, {
          query: { status, limit: opts.limit ?? 50, offset: 0 },
        });
        print(options, page, () => {
          const rows = page.threads.map((t) => [
            String(t.id),
            day(t.receivedAt),
            t.status,
            terminalText(t.fromAddress ?? ''),
            terminalText(t.subject).slice(0, 60),
          ]);
          const lines = [
            rows.length > 0 ? table(['id', 'received', 'status', 'from', 'subject'], rows) : 'No threads.',
          ];
          lines.push(
            `${page.threads.length} of ${page.total}${page.unread > 0 ? `; ${page.unread} message(s) still being read` : ''}`,
          );
          return lines.join('\n');
        });
      });
    });

  intake
    .command('show <thread>')
    .description("a thread's messages as text, with the sender's earlier threads")
    .action(function (this: Command, id: string) {
      const options = globalOptions(this);
      const threadId = threadArg(id);
      return withApi(options, 'person', async (api) => {
        const view = await api.call(routes.showThread, { params: { threadId } });
        print(options, view, () => {
          const { thread } = view;
          const lines = [
            `Thread ${thread.id}: ${terminalText(thread.subject)}`,
            `From ${terminalText(thread.fromName ? `${thread.fromName} <${thread.fromAddress}>` : (thread.fromAddress ?? 'unknown'))}, received ${day(thread.receivedAt)} UTC`,
            `Status: ${thread.status}${thread.triageDetail ? ` (${terminalText(thread.triageDetail)})` : ''}${thread.reportId ? `, report ${thread.reportId}` : ''}`,
          ];
          if (thread.nextUpdateBy) lines.push(`Next update promised by ${day(thread.nextUpdateBy)} UTC`);
          for (const m of view.messages) {
            lines.push(
              '',
              `--- message ${m.id}, ${day(m.receivedAt)} UTC, from ${terminalText(m.fromAddress ?? 'unknown')}`,
            );
            if (m.encryption === 'decrypted') lines.push('(encrypted to the team key; decrypted)');
            if (m.problem) lines.push(`(problem: ${terminalText(m.problem)})`);
            lines.push(terminalText(m.text ?? '', { multiline: true }));
            for (const a of m.attachments)
              lines.push(`[attachment ${terminalText(a.filename)}, ${a.contentType}, ${a.size} bytes]`);
          }
          lines.push('', 'Policy check (devguide security policy):');
          for (const item of view.policy.items)
            lines.push(
              `  ${item.met === true ? '[x]' : item.met === false ? '[ ]' : '[?]'} ${item.rule} ${terminalText(item.detail)}`,
            );
          if (view.notice.isNotice)
            lines.push(
              `A manufacturer's notice under CRA Art. 13(6): ${terminalText(view.notice.evidence.join('; '))}`,
            );
          if (view.similar.length > 0) {
            lines.push('', 'May duplicate:');
            for (const s of view.similar)
              lines.push(
                `  ${s.kind === 'report' ? s.id : `thread ${s.id}`}  ${Math.round(s.score * 100)}%  ${terminalText(s.reasons.join('; '))}`,
              );
          }
          if (view.history.length > 0) {
            lines.push('', 'Earlier threads from this sender:');
            for (const h of view.history)
              lines.push(
                `  ${h.id}  ${day(h.receivedAt)}  ${h.status}  ${terminalText(h.subject).slice(0, 60)}`,
              );
          }
          return lines.join('\n');
        });
      });
    });

  const run = (command: Command, threadValue: string, decision: TriageDecision) => {
    const options = globalOptions(command);
    const threadId = threadArg(threadValue);
    return withApi(options, 'person', async (api) => {
      const result = await api.call(routes.triageThread, { params: { threadId }, body: decision });
      print(
        options,
        result,
        () => `thread ${threadId}: ${result.thread.status}${result.reportId ? ` (${result.reportId})` : ''}`,
      );
    });
  };

  intake
    .command('spam <thread>')
    .description('discard as spam: no reply (the security policy)')
    .action(function (this: Command, id: string) {
      return run(this, id, { action: 'spam' });
    });
  intake
    .command('reject <thread>')
    .description("not a vulnerability: the devguide's reply goes to the reporter")
    .action(function (this: Command, id: string) {
      return run(this, id, { action: 'not-a-vulnerability' });
    });
  intake
    .command('forward <thread>')
    .description(
      'another project or venue: forward the thread to a configured destination (intake.forwardTo)',
    )
    .requiredOption('--to <destination>', 'the destination, by its name in intake.forwardTo')
    .action(function (this: Command, id: string, opts: { to: string }) {
      return run(this, id, { action: 'forward', destination: opts.to });
    });
  intake
    .command('ask <thread>')
    .description('needs more information: the reporter is asked for what is missing')
    .requiredOption('--missing <what...>', 'what the report lacks, one argument each')
    .action(function (this: Command, id: string, opts: { missing: string[] }) {
      return run(this, id, { action: 'needs-information', missing: opts.missing });
    });
  intake
    .command('redirect <thread>')
    .description(
      "plausible: ask the reporter to submit it through the repository's GHSA form (the devguide reply)",
    )
    .requiredOption('--repository <owner/name>', 'the repository whose form to link, e.g. python/cpython')
    .action(function (this: Command, id: string, opts: { repository: string }) {
      return run(this, id, { action: 'redirect', repository: opts.repository });
    });
  intake
    .command('file <thread>')
    .description("plausible: file it as a report on the reporter's behalf, received when the email was")
    .requiredOption('--repository <owner/name>', 'the repository it concerns')
    .requiredOption('--title <title>', "the report's title")
    .option('--reporter <login>', "the reporter's GitHub login, to credit them on the GHSA")
    .action(function (
      this: Command,
      id: string,
      opts: { repository: string; title: string; reporter?: string },
    ) {
      return run(this, id, {
        action: 'file',
        repository: opts.repository,
        title: opts.title,
        ...(opts.reporter ? { reporterLogin: opts.reporter } : {}),
      });
    });
  intake
    .command('link <thread> <report>')
    .description(
      'the thread belongs to a report psrt has: join it (the report keeps the earlier received time)',
    )
    .action(function (this: Command, id: string, reportId: string) {
      return run(this, id, { action: 'link', reportId });
    });
}
