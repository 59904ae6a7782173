/** The image build in /mnt/sda1/label: the label itself ("140029") or the first 6-digit number standing alone in a longer label. */
export function buildFromLabel(label: string): number | null {
  const match = /(?<!\d)(\d{6})(?!\d)/.exec(label);
  return match?.[1] ? Number(match[1]) : null;
}
