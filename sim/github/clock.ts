// The simulator's clock: real time by default, frozen or moved by tests and the sandbox, or an
// injected `now`. Token expiry, CVE delays, fork readiness and rate-limit windows all read it.
// Credentials may follow a clock of their own: the sandbox replays its history at past times,
// while the App that calls it signs its JWTs with the real time.

/** Real time, or frozen at a set instant; `advance` moves either. An injected `now` wins. */
export class SimClock {
  private frozenAt: number | null = null;
  private offsetMs = 0;

  constructor(
    private readonly injected?: () => Date,
    private readonly credentials?: () => Date,
  ) {}

  now(): Date {
    if (this.injected) return new Date(this.injected().getTime() + this.offsetMs);
    return new Date((this.frozenAt ?? Date.now()) + this.offsetMs);
  }

  /** The time JWTs and installation tokens are issued and checked at: `now()` unless injected. */
  credentialsNow(): Date {
    return this.credentials ? this.credentials() : this.now();
  }

  set(at: Date): void {
    if (this.injected) throw new Error('the clock was injected (options.now): move that one instead');
    if (Number.isNaN(at.getTime())) throw new Error('not a valid date');
    this.frozenAt = at.getTime();
    this.offsetMs = 0;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** What a restarted simulator needs to tell the same time (persistence.ts keeps it in the state folder). */
  snapshot(): { frozenAt: number | null; offsetMs: number } {
    return { frozenAt: this.frozenAt, offsetMs: this.offsetMs };
  }

  restore(saved: { frozenAt: number | null; offsetMs: number }): void {
    this.frozenAt = this.injected ? null : saved.frozenAt;
    this.offsetMs = saved.offsetMs;
  }
}
