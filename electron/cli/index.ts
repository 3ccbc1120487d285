import { runCli } from './main';

declare const __GENESHELF_VERSION__: string;

runCli(process.argv.slice(2), undefined, typeof __GENESHELF_VERSION__ === 'string' ? __GENESHELF_VERSION__ : '0.0.0').then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`geneshelf: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
