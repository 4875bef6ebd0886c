import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "QT.run", template: "%s · QT.run" },
  description: "Your fitness data from every device, in one place you own.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
