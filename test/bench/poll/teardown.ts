/** Cleanup steps run once, last added first, on success, failure or an interrupt; a failing step does not stop the others. */
export interface Teardown {
  add(label: string, step: () => void | Promise<void>): void;
  run(): Promise<void>;
  /** Aborted once an interrupt asked the run to stop: running tools and polls watch it. */
  readonly signal: AbortSignal;
  interrupt(): void;
}

export function createTeardown(): Teardown {
  const steps: Array<{ label: string; step: () => void | Promise<void> }> = [];
  const interrupted = new AbortController();
  let running: Promise<void> | undefined;
  return {
    add: (label, step) => void steps.push({ label, step }),
    run() {
      running ??= (async () => {
        for (let next = steps.pop(); next; next = steps.pop()) {
          try {
            await next.step();
          } catch (error) {
            console.error(`Cleanup (${next.label}) failed: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      })().finally(() => {
        running = undefined;
      });
      return running;
    },
    signal: interrupted.signal,
    interrupt: () => interrupted.abort(),
  };
}

/**
 * Ctrl-C or SIGTERM: stop the work, clean up, exit. A launcher that relays the terminal's signal delivers
 * it twice; a repeat within two seconds is that echo, a later one exits at once.
 */
export function cleanUpOnInterrupt(teardown: Teardown): void {
  let firstAt: number | null = null;
  const onSignal = (name: NodeJS.Signals) => {
    if (firstAt !== null) {
      if (performance.now() - firstAt > 2_000) process.exit(130);
      return;
    }
    firstAt = performance.now();
    console.error(`\n${name}: stopping and cleaning up (the lab goes down; another ${name} exits at once)…`);
    teardown.interrupt();
    void teardown.run().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
