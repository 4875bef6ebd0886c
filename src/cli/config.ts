import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { CONFLICT_STRATEGIES } from "@/lib/db/schema";
import { UsageError } from "./errors";

// The CLI's config file (`~/.qt/config.json`): which QT.run accounts it acts on, the
// forwarding rules it runs, and where it caches. It may hold passwords, so it must be private.

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date, YYYY-MM-DD");
const accountName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "must be letters, digits, '.', '_' or '-'");

export const configAccountSchema = z.strictObject({
  name: accountName,
  /** The QT.run user's email: the person whose data this is. */
  user: z.email("must be the email of a QT.run user"),
  /** A provider slug (`strava`, `garmin_connect`, `coros_training_hub_eu`, …). */
  provider: z.string().min(1, "is required"),
  /** Which of the person's accounts of that provider, when they have several. */
  connection_id: z.guid("must be a connection id (UUID)").optional(),
  /** The sign-in name at a password-linked provider; the QT.run email when absent. */
  username: z.string().min(1).max(254).optional(),
  /** For `qt auth` of a password-linked account; or name the variable that holds it. */
  password: z.string().min(1).optional(),
  password_env: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/, "must be an environment variable name")
    .optional(),
  /** Keep the password (sealed) so the app signs in again when the tokens run out. */
  auto_sign_in: z.boolean().default(false),
  label: z.string().max(60).optional(),
});
export type ConfigAccount = z.infer<typeof configAccountSchema>;

export const configSyncRuleSchema = z.strictObject({
  source: accountName,
  destination: accountName,
  activity_types: z.array(z.string().min(1)).default([]),
  start_date: isoDate.optional(),
  end_date: isoDate.optional(),
  conflict_strategy: z.enum(CONFLICT_STRATEGIES).default("skip_existing"),
});
export type ConfigSyncRule = z.infer<typeof configSyncRuleSchema>;

export const configSchema = z
  .strictObject({
    accounts: z.array(configAccountSchema).default([]),
    sync_rules: z.array(configSyncRuleSchema).default([]),
    cache: z.strictObject({ dir: z.string().min(1).optional() }).default({}),
  })
  .superRefine((config, ctx) => {
    const names = new Map<string, ConfigAccount>();
    config.accounts.forEach((account, index) => {
      if (names.has(account.name))
        ctx.addIssue({ code: "custom", path: ["accounts", index, "name"], message: `"${account.name}" is used twice` });
      names.set(account.name, account);
    });
    config.sync_rules.forEach((rule, index) => {
      for (const end of ["source", "destination"] as const) {
        if (!names.has(rule[end]))
          ctx.addIssue({
            code: "custom",
            path: ["sync_rules", index, end],
            message: `no account named "${rule[end]}"`,
          });
      }
      const [source, destination] = [names.get(rule.source), names.get(rule.destination)];
      if (source && destination && source.user.toLowerCase() !== destination.user.toLowerCase())
        ctx.addIssue({
          code: "custom",
          path: ["sync_rules", index, "destination"],
          message: "must belong to the same QT.run user as the source",
        });
    });
  });
export type CliConfig = z.infer<typeof configSchema>;

export const defaultConfigPath = () => path.join(os.homedir(), ".qt", "config.json");

/**
 * Reads and checks the config. A missing file is an empty config when it is the default path (so
 * `qt list --help` works on a fresh machine), an error when it was named. A file others can read
 * is refused before it is parsed: it may hold passwords.
 */
export async function loadConfig(params: { path?: string; cwd: string }): Promise<{ config: CliConfig; path: string }> {
  const file = params.path ? path.resolve(params.cwd, params.path) : defaultConfigPath();
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    if (params.path) throw new UsageError(`Config file ${file} does not exist.`);
    return { config: configSchema.parse({}), path: file };
  }
  if (process.platform !== "win32" && (stat.mode & 0o077) !== 0)
    throw new UsageError(
      `Config file ${file} is readable by others (mode ${(stat.mode & 0o777).toString(8)}); it may hold passwords. ` +
        `Run: chmod 600 ${file}`,
    );
  let json: unknown;
  try {
    json = JSON.parse(await fs.readFile(file, "utf8"));
  } catch (error) {
    throw new UsageError(`Config file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".") || "(file)"}: ${issue.message}`);
    throw new UsageError(`Config file ${file} is invalid:\n${lines.join("\n")}`);
  }
  return { config: parsed.data, path: file };
}
