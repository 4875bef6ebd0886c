import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WASM and a data-directory lock; bundling it breaks both.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  poweredByHeader: false,
  typedRoutes: false,
  // Provider APIs have paths that end in "/" (Garmin's POST /training-api/schedule/), and the
  // sandbox must answer them as the provider would, not with a redirect that drops the body.
  // The proxy redirects every other such path itself (src/proxy.ts).
  skipTrailingSlashRedirect: true,
};

export default nextConfig;
