import { z } from "zod";

// The bodies of POST /api/<family>/login, …/login/mfa and …/tokens (and the Settings forms).

export const credentialLoginSchema = z.object({
  username: z.string({ message: "is required" }).trim().min(1, "is required").max(254, "is too long"),
  password: z.string({ message: "is required" }).min(1, "is required").max(256, "is too long"),
  region: z.enum(["global", "eu", "cn"], { message: 'must be "global", "eu" or "cn"' }).default("global"),
  /** "Sign in again automatically when the tokens expire": only then is the password kept (sealed). */
  autoSignIn: z.boolean({ message: "must be true or false" }).default(false),
  label: z.string().trim().max(60, "is too long").optional(),
});
export type CredentialLoginInput = z.infer<typeof credentialLoginSchema>;

export const mfaCodeSchema = z.object({
  challengeId: z.string({ message: "is required" }).min(16, "is not a challenge id").max(128),
  code: z
    .string({ message: "is required" })
    .trim()
    .regex(/^[0-9A-Za-z]{4,12}$/, "must be the code the provider sent (4-12 letters or digits)"),
});
export type MfaCodeInput = z.infer<typeof mfaCodeSchema>;

export const tokenImportSchema = z.object({
  /** Optional: garth's oauth1_token.json names its domain (garmin.com or garmin.cn). */
  region: z.enum(["global", "eu", "cn"], { message: 'must be "global", "eu" or "cn"' }).optional(),
  /** Parsed token files by name, e.g. { "oauth1_token.json": {…}, "oauth2_token.json": {…} }. */
  files: z.record(z.string(), z.unknown(), { message: "must map file names to their JSON" }),
  label: z.string().trim().max(60, "is too long").optional(),
});
export type TokenImportInput = z.infer<typeof tokenImportSchema>;

/** A token file's content: JSON when it is JSON (garth), else the text itself (coros-connect's older bare token). */
export function readTokenFileText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text.trim();
  }
}
