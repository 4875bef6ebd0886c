/** A size or limit as people read it: "100 MB", "512 KB", "300 bytes" (1 MB = 1024 × 1024 bytes, as the limits are set). */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${formatNumber(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${formatNumber(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

// Whole numbers stay whole ("100 MB"); the rest get one decimal ("2.4 MB").
const formatNumber = (value: number) =>
  Number.isInteger(value) || value >= 100 ? String(Math.round(value)) : value.toFixed(1);
