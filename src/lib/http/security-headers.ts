/**
 * Headers every response carries (src/proxy.ts). Scripts run only with this request's nonce,
 * which Next puts on its own scripts when it renders the page; styles may be inline because
 * React writes style attributes (charts) and a nonce cannot cover those.
 * No form-action: connecting a provider is a form whose answer redirects to the provider's
 * own sign-in page, and browsers apply form-action to that redirect too.
 */
export function contentSecurityPolicy(options: { nonce: string; isDev: boolean; isHttps: boolean }): string {
  return [
    "default-src 'self'",
    // In development React evaluates code to rebuild server error stacks in the browser.
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    ...(options.isHttps ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(options: { nonce: string; isDev: boolean; isHttps: boolean }): Record<string, string> {
  return {
    "content-security-policy": contentSecurityPolicy(options),
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    // Only over https: on plain http a browser ignores it, and it must never pin a LAN address.
    ...(options.isHttps ? { "strict-transport-security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
