/**
 * Material icon paths drawn as plain SVG: the grid mounts an icon in every visible row on each key of the
 * filter, and the Material icon component (a styled element) costs many times more.
 */
const PATHS = {
  checkCircle: ['M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2m-2 15-5-5 1.41-1.41L10 14.17l7.59-7.59L19 8z'],
  warningAmber: ['M12 5.99 19.53 19H4.47zM12 2 1 21h22z', 'M13 16h-2v2h2zm0-6h-2v5h2z'],
  error: ['M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2m1 15h-2v-2h2zm0-4h-2V7h2z'],
  linkOff: [
    'M17 7h-4v1.9h4c1.71 0 3.1 1.39 3.1 3.1 0 1.43-.98 2.63-2.31 2.98l1.46 1.46C20.88 15.61 22 13.95 22 12c0-2.76-2.24-5-5-5m-1 4h-2.19l2 2H16zM2 4.27l3.11 3.11C3.29 8.12 2 9.91 2 12c0 2.76 2.24 5 5 5h4v-1.9H7c-1.71 0-3.1-1.39-3.1-3.1 0-1.59 1.21-2.9 2.76-3.07L8.73 11H8v2h2.73L13 15.27V17h1.73l4.01 4L20 19.74 3.27 3z',
  ],
  helpOutline: [
    'M11 18h2v-2h-2zm1-16C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2m0 18c-4.41 0-8-3.59-8-8s3.59-8 8-8 8 3.59 8 8-3.59 8-8 8m0-14c-2.21 0-4 1.79-4 4h2c0-1.1.9-2 2-2s2 .9 2 2c0 2-3 1.75-3 5h2c0-2.25 3-2.5 3-5 0-2.21-1.79-4-4-4',
  ],
  chevronRight: ['M10 6 8.59 7.41 13.17 12l-4.58 4.59L10 18l6-6z'],
  expandMore: ['M16.59 8.59 12 13.17 7.41 8.59 6 10l6 6 6-6z'],
  arrowUp: ['m4 12 1.41 1.41L11 7.83V20h2V7.83l5.58 5.59L20 12l-8-8z'],
  arrowDown: ['m20 12-1.41-1.41L13 16.17V4h-2v12.17l-5.58-5.59L4 12l8 8z'],
} as const;

export type RowIconName = keyof typeof PATHS;

/** A small (20 px) icon in the current text color, hidden from screen readers: its meaning is in text beside it. */
export function RowIcon({ name }: { name: RowIconName }) {
  return (
    <svg className="fc-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {PATHS[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
