// The order test files start in: longest first (the durations a whole run recorded,
// test/support/durations.json), files not yet recorded before all others, as vitest does with
// its own cache. vitest's cache lives in node_modules and a fresh checkout has none: CI would
// otherwise start the largest files by size, and the long files that mostly wait on child
// processes would start late and run alone at the end (771 s warm against 880 s fresh).
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const durations = JSON.parse(readFileSync(new URL('./durations.json', import.meta.url), 'utf8')) as Record<
  string,
  number
>;

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const seconds = (file: TestSpecification) =>
      durations[relative(root, file.moduleId).split('\\').join('/')] ?? Number.POSITIVE_INFINITY;
    return [...files].sort((a, b) => {
      const [sa, sb] = [seconds(a), seconds(b)];
      return sa === sb ? 0 : sb > sa ? 1 : -1;
    });
  }
}
