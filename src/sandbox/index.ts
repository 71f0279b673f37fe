// Sandbox mode (`psrt serve` without GitHub credentials): simulated GitHub, CVE Services and
// outgoing mail in-process, the real PSRT roster and demo reports replayed through the
// use-cases, and the people one can sign in as. Nothing here runs in production.

export type { ReceivedMail as SentMail } from '../../sim/smtp/index.ts';
export type OutgoingMail = import('./services.ts').SandboxServices['outgoingMail'];
export type { PerformEffects, SandboxBot } from './bot.ts';
export type { DemoVisitor } from './people.ts';
export { demoVisitors } from './people.ts';
export type { ReplayOptions } from './replay.ts';
export { sandboxRoster, seedSandbox } from './seed.ts';
export type { SandboxServices } from './services.ts';
export { startSandboxServices } from './services.ts';
export type { ReportStory, StoryStep } from './stories.ts';
