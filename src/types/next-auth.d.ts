import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user?: DefaultSession["user"] & { id: string };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** users.session_version when the token was issued; an older one is signed out. */
    sessionVersion?: number;
  }
}
