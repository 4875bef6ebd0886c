import { notFound } from "next/navigation";
import { findRequestedActivity } from "./find-activity";

/**
 * Answers a missing or foreign id with a real 404. The page below streams behind loading.tsx,
 * and once a stream has started its status is already 200; a layout runs before that.
 */
export default async function ActivityLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ id: string }>;
}) {
  if (!(await findRequestedActivity((await params).id))) notFound();
  return children;
}
