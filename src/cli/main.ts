// Entry point of the `psrt` command (bin/psrt.js loads this).
import { runCli } from './program.ts';

process.exitCode = await runCli(process.argv);
