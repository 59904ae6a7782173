export interface BundleProgressReport {
  bytesDone: number;
  bytesTotal: number | null;
  message: string;
}

export interface BundleProgress {
  /** A new stage: reported at once. */
  stage(message: string): void;
  setTotal(total: number | null): void;
  /** A file of the log tree begins. */
  entry(path: string): void;
  /** File bytes that passed. */
  add(bytes: number): void;
  done(message: string): void;
}

const EVERY_MS = 250;

/** Progress of one bundle, reported at most every quarter second while bytes pass. */
export function createProgress(report: (p: BundleProgressReport) => void, now: () => number = () => performance.now()): BundleProgress {
  let bytesDone = 0;
  let bytesTotal: number | null = null;
  let message = '';
  let stageMessage = '';
  let last = -Infinity;
  const send = (force: boolean) => {
    const at = now();
    if (!force && at - last < EVERY_MS) return;
    last = at;
    report({ bytesDone, bytesTotal, message });
  };
  return {
    stage(text) {
      stageMessage = text;
      message = text;
      send(true);
    },
    setTotal(total) {
      bytesTotal = total;
    },
    entry(path) {
      message = `${stageMessage}: /${path}`;
      send(false);
    },
    add(bytes) {
      bytesDone += bytes;
      send(false);
    },
    done(text) {
      message = text;
      if (bytesTotal !== null && bytesDone > bytesTotal) bytesTotal = bytesDone;
      send(true);
    },
  };
}
