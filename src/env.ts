import { z } from "zod";

// The one place that reads process.env. Everything optional here switches a mode on
// (see ARCHITECTURE.md, "Modes"); nothing set means the embedded, self-contained app.

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const optionalUrl = optionalString.pipe(
  z.url({ protocol: /^https?$/, message: "must be a full http(s) URL, e.g. http://127.0.0.1:4000" }).optional(),
);

const flag = optionalString.transform((value) => value === "1" || value === "true");

// "a@example.com, B@example.com" -> ["a@example.com", "b@example.com"]; emails compare case-blind.
const emailList = optionalString.pipe(
  z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((email) => email.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.email({ message: "must be email addresses separated by commas" })))
    .optional(),
);

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, { message: "must start with postgres:// or postgresql://" })
        .optional(),
    ),
    QT_DATA_DIR: optionalString.default(".data"),
    /** Where original activity files live; `<QT_DATA_DIR>/files` when unset. */
    QT_FILES_DIR: optionalString,
    /** The largest activity file accepted (upload or download), in megabytes. */
    QT_FILE_MAX_MB: z.coerce.number().int().positive().max(2048).default(100),
    QT_ENCRYPTION_KEY: optionalString.pipe(
      z
        .string()
        .regex(/^[0-9a-fA-F]{64}$|^[A-Za-z0-9+/]{43}=$/, {
          message: "must be 32 bytes as 64 hex characters or base64 (openssl rand -hex 32)",
        })
        .optional(),
    ),
    NEXTAUTH_SECRET: optionalString.pipe(z.string().min(32, { message: "must be at least 32 characters" }).optional()),
    NEXTAUTH_URL: optionalUrl,
    /** The app's public URL; server-side calls to the built-in sandbox use it outside a request. */
    APP_URL: optionalUrl,
    PORT: z.coerce.number().int().positive().default(3000),
    TRIGGER_SECRET_KEY: optionalString.pipe(
      z.string().startsWith("tr_", { message: "must be a Trigger.dev secret key (tr_dev_… or tr_prod_…)" }).optional(),
    ),
    TRIGGER_API_URL: optionalUrl,
    PROVIDER_BASE_URL: optionalUrl,
    QT_SANDBOX: flag,
    /** Set when a reverse proxy the operator runs sets X-Forwarded-For/-Host/-Proto; otherwise they are ignored. */
    QT_TRUST_PROXY: flag,
    /** Outbound webhooks may reach private and local addresses (a receiver on the same network). */
    QT_WEBHOOKS_ALLOW_PRIVATE: flag,
    /** Who may set up provider apps (client ids and secrets) in the UI; unset: the first user to sign up. */
    QT_ADMIN_EMAILS: emailList,
    GARMIN_CONSUMER_KEY: optionalString,
    GARMIN_CONSUMER_SECRET: optionalString,
    /** How far back a new Garmin connection asks for history: days, or "all" Garmin allows. */
    GARMIN_HISTORY_DAYS: optionalString
      .pipe(
        z
          .union(
            [
              z.literal("all"),
              z
                .string()
                .regex(/^[1-9]\d*$/)
                .transform(Number),
            ],
            { message: 'must be a number of days or "all"' },
          )
          .optional(),
      )
      .transform((days) => days ?? 90),
    /**
     * Accounts linked with the person's own password (Garmin Connect, COROS Training Hub) have no
     * operator credentials to tell the real provider from the sandbox: "real" sends them to the
     * real hosts, "sandbox" to the simulators. Default: the sandbox where it is allowed, else real.
     */
    QT_CREDENTIAL_PROVIDERS: optionalString.pipe(z.enum(["real", "sandbox"]).optional()),
    /** Password sign-ins per person and linked account per hour (Garmin, COROS). */
    QT_CREDENTIAL_SIGN_INS_PER_HOUR: z.coerce.number().int().positive().default(5),
    /** A password-linked account's activity list, once read, is not read again for this many minutes. */
    QT_CREDENTIAL_LIST_TTL_MINUTES: z.coerce.number().int().min(0).default(10),
    /** Activity-list requests per password-linked account per hour. */
    QT_CREDENTIAL_LIST_FETCHES_PER_HOUR: z.coerce.number().int().positive().default(15),
    /** The first pause after a password-linked provider answers 429, in hours; each 429 in a row doubles it. */
    QT_CREDENTIAL_BACKOFF_HOURS: z.coerce.number().positive().default(2),
    QT_SYNC_REQUESTS_PER_MINUTE: z.coerce.number().int().positive().optional(),
    QT_SYNC_INTERVAL_MINUTES: z.coerce.number().int().positive().default(60),
    // Requests per minute each API key (or signed-in person) may make to /api/v1.
    QT_API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
    INGEST_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(64 * 1024 * 1024),
  })
  // Provider credentials follow one naming rule (<SLUG>_CLIENT_ID, _CLIENT_SECRET,
  // _WEBHOOK_SECRET), so a new provider needs no change here; read them with providerSetting().
  .catchall(optionalString)
  .superRefine((env, ctx) => {
    // Half a credential pair is always a mistake; say which half is missing.
    const values = env as Record<string, unknown>;
    const prefixes = new Set(
      Object.keys(values).flatMap((key) => /^([A-Z0-9]+)_CLIENT_(ID|SECRET)$/.exec(key)?.[1] ?? []),
    );
    const pairs: Array<[string, string]> = [
      ...[...prefixes].map((prefix): [string, string] => [`${prefix}_CLIENT_ID`, `${prefix}_CLIENT_SECRET`]),
      ["GARMIN_CONSUMER_KEY", "GARMIN_CONSUMER_SECRET"],
    ];
    for (const [idKey, secretKey] of pairs) {
      if (Boolean(values[idKey]) !== Boolean(values[secretKey])) {
        const missing = values[idKey] ? secretKey : idKey;
        ctx.addIssue({
          code: "custom",
          path: [missing],
          message: `is required when ${missing === idKey ? secretKey : idKey} is set`,
        });
      }
    }
  });

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

/** A provider's own variable, e.g. providerSetting("oura", "WEBHOOK_SECRET") reads OURA_WEBHOOK_SECRET. */
export function providerSetting(
  slug: string,
  name: "CLIENT_ID" | "CLIENT_SECRET" | "WEBHOOK_SECRET" | "REQUESTS_PER_MINUTE",
): string | undefined {
  const value = (getEnv() as Record<string, unknown>)[`${slug.toUpperCase()}_${name}`];
  return typeof value === "string" ? value : undefined;
}

let parsed: { environment: string; env: Env } | null = null;

// Tests and the CLI may set variables after start-up, so the environment is checked on every
// call; it is parsed again only when it changed (a parse is ~0.3 ms, and a page asks many times).
export function getEnv(): Env {
  const environment = JSON.stringify(process.env);
  if (parsed?.environment !== environment) parsed = { environment, env: parseEnv(process.env) };
  return parsed.env;
}
