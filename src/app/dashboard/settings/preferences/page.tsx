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
        description="How QT.run shows your numbers, where your days and weeks begin, and the height BMI is computed from."
      />
      <PreferencesForm
        unitSystem={user.unitSystem}
        timeZone={user.timeZone}
        heightM={user.heightM}
        zoneGroups={groupTimeZones(listTimeZones())}
      />
    </>
  );
}
