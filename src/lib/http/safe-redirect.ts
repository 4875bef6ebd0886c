export const DEFAULT_AFTER_SIGN_IN = "/dashboard";

/**
 * Where to send someone after signing in: a path on our own origin, or the dashboard.
 * The value is resolved the way a browser would (`/\evil.example` and `/<tab>/evil.example`
 * both mean `//evil.example`), and only a result on `origin` counts.
 */
export function safeRedirectPath(value: unknown, origin: string): string {
  if (typeof value !== "string" || value.trim() === "") return DEFAULT_AFTER_SIGN_IN;
  let target: URL;
  try {
    target = new URL(value, origin);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (target.origin !== new URL(origin).origin) return DEFAULT_AFTER_SIGN_IN;
  // A same-origin URL can still normalise to a path like "//evil.example" (e.g. "/.//evil.example"),
  // which a browser reads as another host once it is used as a relative URL.
  if (target.pathname.startsWith("//")) return DEFAULT_AFTER_SIGN_IN;
  return `${target.pathname}${target.search}${target.hash}`;
}
