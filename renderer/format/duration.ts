/** A duration in seconds as "45 s", "12 min", "3 h 20 min", "4 days". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}

/** A span in hours, rounded for a glance: "45 min", "3.5 h", "14 h", "6 days", "over a year". */
export function formatHours(hours: number): string {
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 10) return `${Number(hours.toFixed(1))} h`;
  if (hours < 48) return `${Math.round(hours)} h`;
  if (hours < 24 * 366) return `${Math.round(hours / 24)} days`;
  return 'over a year';
}
