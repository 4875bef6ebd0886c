import { EmptyState } from "@/components/EmptyState";

// Someone else's activity gets this same page: saying "not yours" would confirm the id exists.
export default function ActivityNotFound() {
  return (
    <EmptyState title="Activity not found" action={{ href: "/dashboard/activities", label: "All activities" }}>
      There is no activity at this address in your account. It may have been deleted, or its source disconnected.
    </EmptyState>
  );
}
