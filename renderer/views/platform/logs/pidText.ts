/** A pid as typed: a whole number from 2 up, or why not. */
export function pidOf(text: string): { pid: number } | { problem: string } {
  const trimmed = text.trim();
  if (!trimmed) return { problem: 'Type the process id (pid), for example from ps in the Terminal tab.' };
  if (!/^\d+$/.test(trimmed)) return { problem: 'A process id is a whole number, such as 1234.' };
  const pid = Number(trimmed);
  if (pid < 2 || pid > 4_194_304) return { problem: 'A process id lies between 2 and 4194304.' };
  return { pid };
}
