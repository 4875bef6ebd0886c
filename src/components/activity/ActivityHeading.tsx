import Link from "next/link";
import type { ActivityDetail } from "@/lib/activity/detail";
import { formatLocalDateTime } from "@/lib/format";
import { zoneOffsetSeconds } from "@/lib/time-zone";

const humanize = (type: string) => type.replaceAll("_", " ");

/**
 * Name, when and where it happened, what it was, and where it came from. The time is the wall
 * clock where the activity took place; a source that sent no offset gets the person's own zone.
 */
export function ActivityHeading({ detail, timeZone }: { detail: ActivityDetail; timeZone: string }) {
  const { activity, source } = detail;
  const offsetSeconds = activity.utcOffsetSeconds ?? zoneOffsetSeconds(activity.startAt, timeZone);
  const providerType =
    activity.providerType && activity.providerType.toLowerCase() !== humanize(activity.type)
      ? activity.providerType
      : null;
  return (
    <header className="mb-6">
      <Link
        href="/dashboard/activities"
        className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-500"
      >
        ← All activities
      </Link>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight break-words">{activity.name ?? "Untitled activity"}</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400" data-testid="activity-start">
        <time dateTime={activity.startAt.toISOString()}>{formatLocalDateTime(activity.startAt, offsetSeconds)}</time>
      </p>
      <ul className="mt-3 flex flex-wrap items-center gap-2 text-sm">
        <li
          className="rounded-full bg-brand-50 px-3 py-1 font-medium text-brand-700 capitalize dark:bg-brand-700/20 dark:text-brand-500"
          data-testid="activity-type"
        >
          {humanize(activity.type)}
          {providerType ? (
            <span className="font-normal normal-case text-zinc-600 dark:text-zinc-400"> · {providerType}</span>
          ) : null}
        </li>
        <li
          className="rounded-full bg-zinc-100 px-3 py-1 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
          data-testid="activity-source"
        >
          From {source.name}
        </li>
        {activity.device ? (
          <li
            className="rounded-full bg-zinc-100 px-3 py-1 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
            data-testid="activity-device"
          >
            {activity.device}
          </li>
        ) : null}
        {source.url ? (
          <li>
            <a
              href={source.url}
              target="_blank"
              rel="noopener noreferrer"
              className="font-medium text-brand-700 hover:underline dark:text-brand-500"
            >
              View on {source.name} ↗
            </a>
          </li>
        ) : null}
      </ul>
    </header>
  );
}
