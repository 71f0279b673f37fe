// Structured JSON logs (pino). Log lines carry ids and actions, never report
// text: a log is read by operators who may not be on the report.
import { type Logger, pino } from 'pino';

export type { Logger };

export function createLogger(level: string, destination: NodeJS.WritableStream = process.stdout): Logger {
  return pino({ level, base: { app: 'psrt' }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}
