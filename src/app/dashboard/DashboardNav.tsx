"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

const SECTIONS = [
  {
    heading: null,
    links: [
      { href: "/dashboard", label: "Overview" },
      { href: "/dashboard/activities", label: "Activities" },
      { href: "/dashboard/health", label: "Health" },
      { href: "/dashboard/workouts", label: "Workouts" },
    ],
  },
  {
    heading: "Settings",
    links: [
      { href: "/dashboard/settings", label: "Connected sources" },
      { href: "/dashboard/settings/sources", label: "Source order" },
      { href: "/dashboard/settings/forwarding", label: "Forwarding" },
      { href: "/dashboard/settings/api-keys", label: "API keys" },
      { href: "/dashboard/settings/webhooks", label: "Webhooks" },
      { href: "/dashboard/settings/ai", label: "AI tools" },
      { href: "/dashboard/settings/preferences", label: "Preferences" },
      { href: "/dashboard/settings/security", label: "Sign-in & security" },
    ],
  },
];

// Admins also set up the provider apps everyone connects through (lib/auth/admin.ts).
const ADMIN_LINKS = [{ href: "/dashboard/settings/providers", label: "Provider apps" }];

export function DashboardNav({ isAdmin = false }: { isAdmin?: boolean }) {
  const pathname = usePathname();
  const sections = isAdmin
    ? SECTIONS.map((section) =>
        section.heading === "Settings" ? { ...section, links: [...section.links, ...ADMIN_LINKS] } : section,
      )
    : SECTIONS;
  const navRef = useRef<HTMLElement>(null);
  // On a phone the links scroll sideways; bring the current page's into view so it is never
  // hidden past the edge (a no-op on wider screens, where every link shows).
  useEffect(() => {
    const nav = navRef.current;
    const current = nav?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!nav || !current) return;
    const [box, link] = [nav.getBoundingClientRect(), current.getBoundingClientRect()];
    nav.scrollLeft += link.left + link.width / 2 - (box.left + box.width / 2);
  }, [pathname]);
  return (
    <nav ref={navRef} aria-label="Dashboard" className="flex gap-1 overflow-x-auto md:flex-col md:gap-4">
      {sections.map((section) => (
        <div key={section.heading ?? "main"} className="flex gap-1 md:flex-col">
          {section.heading ? (
            <p className="hidden px-3 pb-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase md:block">
              {section.heading}
            </p>
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
