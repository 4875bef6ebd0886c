import { z } from "zod";
import { requireAdmin } from "@/lib/auth/admin";
import { encryptSecret } from "@/lib/crypto/encryption";
import type { Database } from "@/lib/db";
import { deleteProviderApp, findProviderApp, saveProviderApp } from "@/lib/db/queries/provider-apps";
import type { User } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { findProvider } from "@/lib/providers";
import { resolveClientCredentials } from "@/lib/providers/client-credentials";

// Client ids and secrets are opaque strings of printable characters; whitespace inside one is
// always a copy-paste slip (a trailing newline, two values pasted together).
const credential = (what: string) =>
  z
    .string({ message: `Enter the ${what}.` })
    .trim()
    .min(1, { message: `Enter the ${what}.` })
    .max(512, { message: `The ${what} is longer than any provider issues (512 characters at most).` })
    .regex(/^\S+$/, { message: `The ${what} has a space or line break inside; paste it again.` });

export const providerAppInputSchema = z.object({
  provider: z.string().refine((slug) => Boolean(findProvider(slug)), { message: "Unknown provider." }),
  clientId: credential("client id"),
  // Empty keeps the saved secret: the form never shows it, so an untouched field arrives empty.
  clientSecret: z
    .string()
    .trim()
    .transform((value) => value || undefined)
    .pipe(credential("client secret").optional())
    .optional(),
});

type Field = keyof z.infer<typeof providerAppInputSchema>;
export type SaveProviderAppResult = { ok: true } | { ok: false; fieldErrors: Partial<Record<Field, string>> };

/** Saves a provider's client (admins only), its secret encrypted. The environment's pair cannot be overridden here. */
export async function saveProviderAppCredentials(
  db: Database,
  params: { actor: Pick<User, "id" | "email">; input: unknown },
): Promise<SaveProviderAppResult> {
  await requireAdmin(db, params.actor);
  const parsed = providerAppInputSchema.safeParse(params.input);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<Field, string>> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path[0] as Field] ??= issue.message;
    return { ok: false, fieldErrors };
  }
  const { provider, clientId, clientSecret } = parsed.data;
  await refuseWhenSetByEnvironment(db, provider);
  if (!clientSecret && !(await findProviderApp(db, { provider })))
    return { ok: false, fieldErrors: { clientSecret: "Enter the client secret." } };
  await saveProviderApp(db, {
    provider,
    clientId,
    encryptedClientSecret: clientSecret ? encryptSecret(clientSecret) : undefined,
    updatedBy: params.actor.id,
  });
  return { ok: true };
}

/** Forgets a saved client (admins only): the provider goes back to the sandbox, or to "not configured". */
export async function removeProviderAppCredentials(
  db: Database,
  params: { actor: Pick<User, "id" | "email">; provider: string },
): Promise<void> {
  await requireAdmin(db, params.actor);
  if (!findProvider(params.provider)) throw new AppError("NOT_FOUND", `Unknown provider "${params.provider}".`);
  await refuseWhenSetByEnvironment(db, params.provider);
  await deleteProviderApp(db, { provider: params.provider });
}

async function refuseWhenSetByEnvironment(db: Database, provider: string) {
  const resolved = await resolveClientCredentials(db, provider).catch(() => undefined);
  if (resolved?.source === "env")
    throw new AppError(
      "CONFLICT",
      `${resolved.envNames.clientId} and ${resolved.envNames.clientSecret} are set in the environment, which wins; change them there.`,
    );
}
