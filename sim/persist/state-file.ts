// A simulator's state kept in a folder: one `state.json`, replaced atomically (written beside it,
// then renamed over it) so a crash leaves the old file or the new one, never half of one. A file
// that is not this simulator's, or that is damaged, stops the start with its path and is left as
// it was. Saves follow each change the simulator acknowledges; `close()` writes the last one.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodecError, decode, encode } from './codec.ts';

const format = 'psrt-simulator-state';
const version = 1;

/** A state file that cannot be used: names the file, what is wrong and what to do. */
export class StateFileError extends Error {
  override name = 'StateFileError';
}

export interface StateFileOptions {
  /** The folder; created on the first save. */
  dir: string;
  /** Which simulator writes it ("GitHub", "CVE Services"): a file of another one is refused. */
  simulator: string;
}

export class StateFile {
  readonly path: string;
  private lastWritten: string | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: StateFileOptions) {
    this.path = join(options.dir, 'state.json');
  }

  /** The saved state (decoded), or null when the folder holds none yet. */
  load(): unknown {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return null;
      throw this.unusable(`cannot be read (${code ?? (error as Error).message})`);
    }
    let envelope: unknown;
    try {
      envelope = JSON.parse(text);
    } catch (error) {
      throw this.unusable(`is damaged: it is not JSON (${(error as Error).message})`);
    }
    const e = envelope as Record<string, unknown> | null;
    if (
      typeof e !== 'object' ||
      e === null ||
      e.format !== format ||
      e.simulator !== this.options.simulator
    ) {
      throw this.unusable(`is not a ${this.options.simulator} simulator state file`);
    }
    if (e.version !== version) {
      throw this.unusable(`has format version ${String(e.version)}; this simulator reads version ${version}`);
    }
    try {
      const state = decode(e.state);
      this.lastWritten = text;
      return state;
    } catch (error) {
      if (error instanceof CodecError) throw this.unusable(`is damaged: ${error.message}`);
      throw error;
    }
  }

  /** A loaded state whose shape is wrong (a field missing or of the wrong kind). */
  damaged(detail: string): StateFileError {
    return this.unusable(`is damaged: ${detail}`);
  }

  /** Writes `state` now if it differs from what the file holds; throws (naming the file) if it cannot. */
  save(state: unknown): void {
    this.cancelPending();
    const text = `${JSON.stringify({ format, simulator: this.options.simulator, version, savedAt: new Date().toISOString(), state: encode(state) }, null, 1)}\n`;
    // savedAt alone changing is no change worth a write.
    if (this.lastWritten !== null && withoutSavedAt(this.lastWritten) === withoutSavedAt(text)) return;
    const temporary = `${this.path}.${process.pid}.tmp`;
    try {
      mkdirSync(this.options.dir, { recursive: true });
      writeFileSync(temporary, text, { mode: 0o600 });
      renameSync(temporary, this.path);
    } catch (error) {
      try {
        rmSync(temporary, { force: true });
      } catch {
        // Not ours to remove (a folder in the way): the message below names the file to look at.
      }
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new StateFileError(
        `The ${this.options.simulator} simulator could not save its state to ${this.path} (${code}). Free the disk or fix the folder's permissions; the last change is not kept.`,
      );
    }
    this.lastWritten = text;
  }

  /** Saves within `delayMs`, once for a burst of changes (`save` or `flush` does it sooner). */
  saveSoon(state: () => unknown, delayMs = 50): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      try {
        this.save(state());
      } catch (error) {
        console.error(`[simulator] ${(error as Error).message}`);
      }
    }, delayMs);
    // A pending save must not keep a process alive; close() writes it.
    this.timer.unref();
  }

  private cancelPending(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private unusable(what: string): StateFileError {
    return new StateFileError(
      `${this.path} ${what}. Nothing was changed: move the file away to start this simulator afresh, or give it another folder.`,
    );
  }
}

const withoutSavedAt = (text: string): string => text.replace(/"savedAt": "[^"]*"/, '');
