import readline from "node:readline";

/**
 * Asks on the terminal; with `isSecret` nothing typed is echoed (a password). Only ever called
 * when stdin is a terminal: under cron the CLI says what is missing and exits instead.
 */
export function ask(question: string, options: { isSecret?: boolean } = {}): Promise<string> {
  const reader = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  process.stderr.write(question);
  // readline echoes keystrokes through this method; a secret is not shown.
  if (options.isSecret) (reader as unknown as { _writeToOutput(text: string): void })._writeToOutput = () => {};
  return new Promise((resolve) => {
    reader.question("", (answer) => {
      if (options.isSecret) process.stderr.write("\n");
      reader.close();
      resolve(options.isSecret ? answer : answer.trim());
    });
  });
}
