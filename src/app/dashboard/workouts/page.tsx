import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/EmptyState";
import { PageHeader } from "@/components/PageHeader";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listWorkoutDestinations } from "@/lib/workouts/destinations";
import { listPlanViews } from "@/lib/workouts/plans";
import { WorkoutBuilder } from "./WorkoutBuilder";
import { WorkoutCard } from "./WorkoutCard";

export const metadata: Metadata = { title: "Workouts" };

export default async function WorkoutsPage() {
  const user = await requireUser();
  const db = await getDb();
  const [workouts, destinations] = await Promise.all([
    listPlanViews(db, { userId: user.id }),
    listWorkoutDestinations(db, { userId: user.id }),
  ]);
  return (
    <>
      <PageHeader
        title="Workouts"
        description="Plan structured workouts (steps, repeats, pace, heart-rate or power targets) and send them to your Garmin calendar; your watch picks them up at its next sync."
      />
      <div className="flex flex-col gap-8">
        <section className="rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
          <h2 className="mb-4 text-lg font-semibold">New workout</h2>
          <WorkoutBuilder />
        </section>
        <section className="flex flex-col gap-3">
          <h2 className="text-lg font-semibold">Your workouts</h2>
          {destinations.length === 0 ? (
            <p className="rounded-xl bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
              To send workouts to your watch,{" "}
              <Link href="/dashboard/settings" className="font-medium underline">
                connect Garmin
              </Link>{" "}
              and leave workout import switched on, or link your Garmin Connect account with its password.
            </p>
          ) : null}
          {workouts.length ? (
            <ul className="flex flex-col gap-3">
              {workouts.map((workout) => (
                <WorkoutCard key={workout.id} workout={workout} destinations={destinations} />
              ))}
            </ul>
          ) : (
            <EmptyState title="No workouts yet">
              Build one above: a warm-up, a repeat of intervals with a pace or heart-rate range, a cool-down. Or create
              them from a script with <code>POST /api/workouts</code> and an API key.
            </EmptyState>
          )}
        </section>
      </div>
    </>
  );
}
