import type { z } from "zod";
import { CredentialLoginError } from "../credential-errors";
import type { CredentialRegion } from "../credential-types";
import type { GarthTokens } from "./oauth-exchange";
import { oauth1TokenSchema, oauth2TokenSchema } from "./schemas";

// The files garth (and python-garminconnect before 0.3) saved after a sign-in on the person's own
// computer: ~/.garth/oauth1_token.json and oauth2_token.json. Importing them links an account
// without a sign-in from this server, which Garmin blocks from many (2026).

export const GARTH_TOKEN_FILES = ["oauth1_token.json", "oauth2_token.json"] as const;

/** The uploaded file whose name says it is this one (browsers may prefix a path). */
function fileNamed(files: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(files).find((candidate) => candidate === name || candidate.endsWith(`/${name}`));
  return key === undefined ? undefined : files[key];
}

function parseFile<T>(files: Record<string, unknown>, name: string, schema: z.ZodType<T>): T {
  const content = fileNamed(files, name);
  if (content === undefined) throw new CredentialLoginError("rejected_tokens", `files: ${name} is missing.`);
  const parsed = schema.safeParse(content);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new CredentialLoginError(
    "rejected_tokens",
    `files.${name}: ${issue.path.join(".") || "(file)"}: ${issue.message} (is this garth's ${name}?)`,
  );
}

export function readGarthFiles(files: Record<string, unknown>): GarthTokens {
  const oauth1 = parseFile(files, "oauth1_token.json", oauth1TokenSchema);
  const oauth2 = parseFile(files, "oauth2_token.json", oauth2TokenSchema);
  return {
    oauth1: { key: oauth1.oauth_token, secret: oauth1.oauth_token_secret, mfaToken: oauth1.mfa_token ?? undefined },
    oauth2,
  };
}

/** garth writes the domain it signed in to into oauth1_token.json. */
export function garthFilesRegion(files: Record<string, unknown>): CredentialRegion | undefined {
  const parsed = oauth1TokenSchema.safeParse(fileNamed(files, "oauth1_token.json"));
  if (!parsed.success || !parsed.data.domain) return undefined;
  return parsed.data.domain === "garmin.cn" ? "cn" : "global";
}
