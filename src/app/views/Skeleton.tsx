/** Placeholder lines while a panel loads; the text (from the catalog) is for screen readers only. */
export function Skeleton({ lines = 3, label }: { lines?: number; label: string }) {
  return (
    <div className="skeleton" data-testid="skeleton">
      <span className="visually-hidden">{label}</span>
      {Array.from({ length: lines }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholder lines
        <span key={i} className="skeleton-line" aria-hidden="true" />
      ))}
    </div>
  );
}
