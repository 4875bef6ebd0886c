export function ProviderBadge({ name, color }: { name: string; color: string }) {
  const initials = name
    .replace(/\(.*\)/, "")
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <span
      aria-hidden
      className="grid size-10 shrink-0 place-items-center rounded-xl text-sm font-bold text-white"
      style={{ backgroundColor: color }}
    >
      {initials}
    </span>
  );
}
