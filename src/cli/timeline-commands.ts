// `psrt report timeline ID`: what people, psrt and GitHub did with a report, newest first, as its
// page shows it to whoever asks (members see effects with their status and every reason). Each
// entry is one line; what was written with it (a reason, a comment) follows, indented.
import type { Command } from 'commander';
import type { TimelineEntry } from '../app/timeline.ts';
import { effectStatusWords } from '../app/timeline-words.ts';
import { utcMinute } from '../app/wording.ts';
import * as routes from '../web/api/routes/reports.ts';
import { withApi } from './api.ts';
import { globalOptions, print } from './runtime.ts';
import { terminalText } from './terminal.ts';

/** The timeline for a terminal: every piece of report text made safe, a reason's lines kept. */
export function timelineText(reportId: string, entries: readonly TimelineEntry[]): string {
  if (entries.length === 0) return terminalText(`${reportId}: nothing yet`);
  const whoWidth = Math.max(...entries.map((entry) => terminalText(entry.who).length));
  const indent = ' '.repeat(utcMinute(new Date(0)).length + 2 + whoWidth + 2);
  return entries
    .flatMap((entry) => {
      const tag = entry.source === 'effect' || entry.source === 'mail' ? `[${entry.source}] ` : '';
      const status = entry.effect ? ` (${effectStatusWords(entry.effect)})` : '';
      const head = `${utcMinute(entry.at)}  ${terminalText(entry.who).padEnd(whoWidth)}  ${tag}${terminalText(entry.what)}${status}`;
      const failure = entry.effect?.status === 'failed' ? entry.effect.lastError : null;
      const more = [failure, entry.text]
        .filter((text): text is string => Boolean(text))
        .flatMap((text) => terminalText(text, { multiline: true }).split('\n'))
        .map((line) => `${indent}${line}`.trimEnd());
      return [head.trimEnd(), ...more];
    })
    .join('\n');
}

export function registerTimelineCommand(report: Command): void {
  report
    .command('timeline <id>')
    .description(
      'what people, psrt and GitHub did with the report, newest first (members also see effects and reasons)',
    )
    .action(function (this: Command, id: string) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const timeline = await api.call(routes.getReportTimeline, { params: { id } });
        print(options, timeline, () => timelineText(timeline.reportId, timeline.entries));
      });
    });
}
