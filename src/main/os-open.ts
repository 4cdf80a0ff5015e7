/** Project files handed to us by the operating system (command line, second instance, macOS open-file). */
import path from 'node:path';

export const PROJECT_EXTENSION = '.bprop';

/** The .bprop paths on a command line (argv[0] is the executable; flags are skipped), made absolute. */
export function projectPathsFromArgv(argv: readonly string[], cwd: string): string[] {
  return argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-') && path.extname(arg).toLowerCase() === PROJECT_EXTENSION)
    .map((arg) => path.resolve(cwd, arg));
}
