import type { ParseArgsConfig } from "node:util";
import type { Database } from "@/lib/db";
import type { CliConfig } from "./config";
import type { Output } from "./output";

export type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;
export type OptionValues = Record<string, string | boolean | undefined>;

/** What every command is handed: its parsed options, the config, and the database on demand. */
export interface CommandContext {
  values: OptionValues;
  config: CliConfig;
  cacheDir: string;
  /** Where the person ran `qt` from: relative paths they type resolve against it. */
  cwd: string;
  output: Output;
  isJson: boolean;
  /** Whether someone can answer a prompt (stdin is a terminal); never under cron. */
  isInteractive: boolean;
  db(): Promise<Database>;
}

export interface Command {
  name: string;
  summary: string;
  /** The usage lines after `qt <name>`, and what each option does. */
  help: string;
  options: OptionsConfig;
  /** Returns the exit code; throws UsageError (2) or anything else (1). */
  run(context: CommandContext): Promise<number>;
}

/** A string option's value, or undefined. */
export const stringOption = (values: OptionValues, name: string): string | undefined => {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
};
