import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "QT.run", template: "%s · QT.run" },
  description: "Your fitness data from every device, in one place you own.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: its scripts need this request's CSP nonce (src/proxy.ts),
  // and a page prerendered at build time has none, so the browser would refuse to run it.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
