// The `qt` command line: `npm run cli -- <command>` or the `qt` bin. Thin over src/lib, like
// trigger/, against the same database as the app (PGlite in .data/, or DATABASE_URL).
import { parseArgs } from "node:util";
import { closeDatabase, getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { cacheDirOf } from "./cache";
import type { Command, OptionValues, OptionsConfig } from "./command";
import { authCommand } from "./commands/auth";
import { clearCacheCommand } from "./commands/clear-cache";
import { downloadCommand } from "./commands/download";
import { listCommand } from "./commands/list";
import { syncCommand } from "./commands/sync";
import { loadConfig } from "./config";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, CommandFailed, UsageError } from "./errors";
import { createOutput, type Output } from "./output";

const COMMANDS: readonly Command[] = [authCommand, listCommand, downloadCommand, syncCommand, clearCacheCommand];

const GLOBAL_OPTIONS: OptionsConfig = {
  config: { type: "string" },
  json: { type: "boolean" },
  verbose: { type: "boolean", short: "v" },
  help: { type: "boolean", short: "h" },
};

const usage = () =>
  [
    "usage: qt <command> [options]",
    "",
    "commands:",
    ...COMMANDS.map((command) => `  ${command.name.padEnd(12)} ${command.summary}`),
    "",
    "options for every command:",
    "  --config PATH   the config file (default ~/.qt/config.json; must not be readable by others)",
    "  --json          print the result as JSON",
    "  -v, --verbose   say more on stderr",
    "  -h, --help      this help, or a command's: qt <command> --help",
    "",
    "exit codes: 0 done, 1 failed, 2 bad usage (options or config)",
  ].join("\n");

export async function runCli(argv: string[], cwd: string): Promise<number> {
  // The command is the first word; its own options are known only once it is.
  const first = parseArgs({ args: argv, options: GLOBAL_OPTIONS, strict: false, allowPositionals: true });
  const name = first.positionals[0];
  const isVerbose = first.values.verbose === true;
  const output = createOutput({ isVerbose });
  if (!name || name === "help") {
    const wanted = COMMANDS.find((command) => command.name === first.positionals[1]);
    if (name === "help" || first.values.help) {
      output.result(wanted ? `usage: ${wanted.help}` : usage());
      return EXIT_OK;
    }
    output.info(usage());
    return EXIT_USAGE;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    output.error(`unknown command "${name}".\n${usage()}`);
    return EXIT_USAGE;
  }
  try {
    const { values, positionals } = parseOrThrow(argv, command);
    if (values.help) {
      output.result(`usage: ${command.help}`);
      return EXIT_OK;
    }
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}".`);
    const { config, path } = await loadConfig({ path: values.config as string | undefined, cwd });
    output.verbose(`config: ${path}`);
    return await command.run({
      values,
      config,
      cacheDir: cacheDirOf(config, cwd),
      cwd,
      output,
      isJson: values.json === true,
      isInteractive: Boolean(process.stdin.isTTY),
      db: getDb,
    });
  } catch (error) {
    return report(output, error, isVerbose, command.name);
  }
}

function parseOrThrow(argv: string[], command: Command) {
  try {
    const parsed = parseArgs({
      args: argv,
      options: { ...GLOBAL_OPTIONS, ...command.options },
      strict: true,
      allowPositionals: true,
    });
    // No option is declared `multiple`, so every value is a string or a boolean.
    return { values: parsed.values as OptionValues, positionals: parsed.positionals };
  } catch (error) {
    // node's own first sentence ("Unknown option '--x'"), plus where to look.
    throw new UsageError(`${(error as Error).message.split(/\.( |$)/)[0]} (see qt ${command.name} --help).`);
  }
}

function report(output: Output, error: unknown, isVerbose: boolean, commandName: string): number {
  if (error instanceof UsageError) {
    output.error(error.message);
    return EXIT_USAGE;
  }
  if (error instanceof CommandFailed || error instanceof AppError) {
    output.error(error.message);
    return EXIT_FAILED;
  }
  output.error(`${commandName} failed: ${error instanceof Error ? error.message : String(error)}`);
  if (isVerbose && error instanceof Error && error.stack) output.info(error.stack);
  return EXIT_FAILED;
}

/** Closes the database whatever happened: PGlite is one process per data directory. */
async function main() {
  let code = EXIT_FAILED;
  const stop = (signal: NodeJS.Signals, exitCode: number) =>
    process.once(signal, () => {
      void closeDatabase().finally(() => process.exit(exitCode));
    });
  stop("SIGINT", 130);
  stop("SIGTERM", 143);
  try {
    // The `qt` shim and `npm run cli` run from the repository (where .data/ and drizzle/ are);
    // paths the person types are theirs.
    code = await runCli(process.argv.slice(2), process.env.QT_CLI_CWD ?? process.env.INIT_CWD ?? process.cwd());
  } finally {
    await closeDatabase().catch((error: unknown) =>
      process.stderr.write(`qt: closing the database: ${String(error)}\n`),
    );
  }
  process.exitCode = code;
}

await main();
