"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const SECTIONS = [
  { heading: null, links: [
    { href: "/dashboard", label: "Overview" },
    { href: "/dashboard/activities", label: "Activities" },
    { href: "/dashboard/health", label: "Health" },
  ] },
  { heading: "Settings", links: [
    { href: "/dashboard/settings", label: "Connected sources" },
    { href: "/dashboard/settings/api-keys", label: "API keys" },
    { href: "/dashboard/settings/preferences", label: "Preferences" },
  ] },
];

export function DashboardNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Dashboard" className="flex gap-1 overflow-x-auto md:flex-col md:gap-4">
      {SECTIONS.map((section) => (
        <div key={section.heading ?? "main"} className="flex gap-1 md:flex-col">
          {section.heading ? (
            <p className="hidden px-3 pb-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase md:block">{section.heading}</p>
          ) : null}
          {section.links.map((link) => {
            const isActive = pathname === link.href;
            return (
              <Link
                key={link.href}
                href={link.href}
                aria-current={isActive ? "page" : undefined}
                className="rounded-lg px-3 py-2 text-sm font-medium whitespace-nowrap text-zinc-700 hover:bg-zinc-200/60 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-700 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-zinc-800 dark:aria-[current=page]:text-brand-500"
              >
                {link.label}
              </Link>
            );
          })}
        </div>
      ))}
    </nav>
  );
}
