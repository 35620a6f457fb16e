// The `vigil` command line: dispatches sub-commands and is the only place that sets the process exit code.
import { runScan } from './scanCommand';
import { runTest } from './testCommand';
import { runPacks } from './packsCommand';
import { UsageError, USAGE } from './options';
import { VERSION } from './version';
import type { CliIO } from './io';

export async function run(argv: string[], io: CliIO): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'scan':
        return await runScan(rest, io);
      case 'test':
        return await runTest(rest, io);
      case 'packs':
        return await runPacks(rest, io);
      case '--version':
      case '-V':
        io.out(VERSION + '\n');
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.out(USAGE + '\n');
        return cmd === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${cmd}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`vigil: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    io.err(`vigil: ${(e as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) {
  const io: CliIO = {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTTY: !!process.stderr.isTTY,
    color: !!process.stdout.isTTY && !process.env.NO_COLOR,
    cwd: process.cwd(),
  };
  run(process.argv.slice(2), io).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`vigil: ${String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
