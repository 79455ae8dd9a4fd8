/** Where a command writes: stdout for results, stderr for problems. Passed in so tests can capture both. */
export interface CommandOutput {
  print(line: string): void;
  error(line: string): void;
}

export const processOutput: CommandOutput = {
  print: (line) => process.stdout.write(line + '\n'),
  error: (line) => process.stderr.write(line + '\n'),
};
