import { getEnv } from "@/env";

/** The app's configured public URL (APP_URL, else NEXTAUTH_URL) as an origin, if there is one. */
export function configuredOrigin(): string | undefined {
  const env = getEnv();
  const configured = env.APP_URL ?? env.NEXTAUTH_URL;
  return configured ? new URL(configured).origin : undefined;
}

const firstValue = (value: string | null) => value?.split(",")[0]?.trim() || undefined;

/**
 * The origin the browser used to reach us. OAuth redirect URIs, token requests to the sandbox
 * and webhook URLs are built from it, so a header an attacker can write must not decide it:
 * the configured URL always wins, and X-Forwarded-Host/-Proto count only when the operator
 * says their own proxy sets them (QT_TRUST_PROXY=1). Otherwise the Host header, over plain
 * HTTP, which is what Next itself serves.
 */
export function originFromHeaders(headers: Headers): string {
  const configured = configuredOrigin();
  if (configured) return configured;
  const isProxyTrusted = getEnv().QT_TRUST_PROXY;
  const host =
    (isProxyTrusted ? firstValue(headers.get("x-forwarded-host")) : undefined) ??
    headers.get("host") ??
    "localhost:3000";
  const protocol = (isProxyTrusted ? firstValue(headers.get("x-forwarded-proto")) : undefined) ?? "http";
  return `${protocol}://${host}`;
}

export function requestOrigin(request: Request): string {
  return originFromHeaders(request.headers);
}
