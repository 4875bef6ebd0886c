import { NextResponse, type NextRequest } from "next/server";

// A cheap gate: no session cookie, no dashboard. The session itself is verified (and the
// user looked up) by the dashboard layout; nothing here touches the database.
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const signIn = new URL("/sign-in", request.url);
  signIn.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(signIn);
}

export const config = { matcher: ["/dashboard/:path*"] };
