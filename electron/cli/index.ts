import { runCli } from './main';

declare const __GENESHELF_VERSION__: string;

// A reader that stops early (`geneshelf publications IKZF1 | head`) closes the pipe: that is the
// reader's choice, not a failure, so the command ends quietly instead of with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

runCli(process.argv.slice(2), undefined, typeof __GENESHELF_VERSION__ === 'string' ? __GENESHELF_VERSION__ : '0.0.0').then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`geneshelf: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
