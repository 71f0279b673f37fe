// Entry point of the `psrt` command (bin/psrt.js loads this).
import { runCli } from './program.ts';

process.exitCode = await runCli(process.argv);

// Every command closes what it opened, so the process ends by itself here. If
// a stray handle kept it alive (a bug), a psrt that has said its last word
// must still not linger holding a port or a database folder; it says so, so
// the bug is seen.
setTimeout(() => {
  const open = process.getActiveResourcesInfo().filter((kind) => kind !== 'TTYWrap');
  process.stderr.write(`psrt: still running after the command ended (open: ${open.join(', ')}); exiting\n`);
  process.exit();
}, 2_000).unref();
