export function Logo({ className = "" }: { className?: string }) {
  return (
    <span className={`font-semibold tracking-tight ${className}`}>
      QT<span className="text-brand-600">.run</span>
    </span>
  );
}
