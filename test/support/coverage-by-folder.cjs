// An istanbul coverage reporter (vitest loads it by path: vitest.config.ts) that prints line and
// branch coverage per folder, then the least-covered files, so a test run shows what no test
// runs. It reports; it gates nothing. CommonJS because istanbul `require`s its reporters.
'use strict';

const path = require('node:path');

/** Of a set of files, how many lines and branches ran. */
function tally() {
  return { files: 0, lines: { covered: 0, total: 0 }, branches: { covered: 0, total: 0 } };
}

function add(into, summary) {
  into.files += 1;
  for (const key of ['lines', 'branches']) {
    into[key].covered += summary[key].covered;
    into[key].total += summary[key].total;
  }
}

const percent = ({ covered, total }) =>
  total === 0 ? '   -  ' : `${((100 * covered) / total).toFixed(1)}%`.padStart(6);

class CoverageByFolder {
  constructor(options = {}) {
    /** How many of the least-covered files to name (those with at least `minLines` lines). */
    this.least = options.least ?? 15;
    this.minLines = options.minLines ?? 20;
  }

  execute(context) {
    const folders = new Map();
    const files = [];
    const all = tally();
    context.getTree('flat').visit(
      {
        onDetail(node) {
          const summary = node.getCoverageSummary();
          const name = node.getQualifiedName();
          const folder = path.posix.dirname(name);
          if (!folders.has(folder)) folders.set(folder, tally());
          add(folders.get(folder), summary);
          add(all, summary);
          files.push({ name, lines: summary.lines, branches: summary.branches });
        },
      },
      context,
    );
    const out = context.writer.writeFile(null);
    const width = Math.max(...[...folders.keys()].map((f) => f.length), 'folder'.length);
    const row = (name, t) =>
      `${name.padEnd(width)}  ${percent(t.lines)}  ${percent(t.branches)}  ${String(t.files).padStart(5)}`;
    out.println('');
    out.println(`${'Coverage by folder'.padEnd(width)}   lines  branch  files`);
    for (const folder of [...folders.keys()].sort()) {
      out.println(row(folder, folders.get(folder)));
    }
    out.println(row('all', all));
    const least = files
      .filter((f) => f.lines.total >= this.minLines)
      .sort((a, b) => a.lines.covered / a.lines.total - b.lines.covered / b.lines.total)
      .slice(0, this.least);
    out.println('');
    out.println(`Least-covered files (of ${this.minLines} lines or more): lines, branches, lines run/all`);
    for (const f of least) {
      out.println(
        `  ${percent(f.lines)}  ${percent(f.branches)}  ${f.lines.covered}/${f.lines.total}  ${f.name}`,
      );
    }
    out.close();
  }
}

module.exports = CoverageByFolder;
