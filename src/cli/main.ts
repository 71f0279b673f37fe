// Entry point of the `psrt` command (bin/psrt.js loads this).
import { runCli } from './program.ts';

process.exitCode = await runCli(process.argv);

// Every command closes what it opened, so the process ends by itself here. If
// a stray handle kept it alive (a bug), a psrt that has said its last word
// must still not linger holding a port or a database folder.
setTimeout(() => {
  if (process.env.PSRT_DEBUG)
    process.stderr.write(
      `psrt: still running after the command ended; open handles: ${process
        .getActiveResourcesInfo()
        .join(', ')}\n`,
    );
  process.exit();
}, 2_000).unref();
