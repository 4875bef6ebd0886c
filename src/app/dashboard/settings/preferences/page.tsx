import type { Metadata } from "next";
import { PageHeader } from "@/components/PageHeader";
import { requireUser } from "@/lib/auth/session";
import { groupTimeZones, listTimeZones } from "@/lib/time-zone";
import { PreferencesForm } from "./PreferencesForm";

export const metadata: Metadata = { title: "Preferences" };

export default async function PreferencesPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader
        title="Preferences"
        description="How QT.run shows your numbers, and where your days and weeks begin."
      />
      <PreferencesForm
        unitSystem={user.unitSystem}
        timeZone={user.timeZone}
        zoneGroups={groupTimeZones(listTimeZones())}
      />
    </>
  );
}
