/**
 * What runs inside the page, installed before the page's own scripts. It speaks only to the DOM: the first
 * platform row with its status, the grid's aria-rowcount (header row + rows) and the row at index 0. Plain JavaScript text, so that no helper the
 * TypeScript loader adds to functions has to exist in the page.
 */

export interface KeyTiming {
  expectedRows: number;
  firstId: string | null;
  /** keydown's timeStamp (ms since navigation start). */
  start: number | null;
  /** The grid's DOM shows the expected rows. */
  end: number | null;
  /** The next frame after that has been produced. */
  painted: number | null;
}

export interface FleetBenchProbe {
  firstRowAt: number | null;
  arm(expectedRows: number, firstId: string | null): void;
  timing(): KeyTiming | null;
  shows(expectedRows: number, firstId: string | null): boolean;
}

declare global {
  interface Window {
    fleetBench?: FleetBenchProbe;
  }
}

export const PROBE_SCRIPT = `(() => {
  // A platform row whose status cell shows its last known state (every platform of the benchmark fleet has one).
  const SHOWN_STATUS = '[role="row"][data-id]:not([data-id^="site:"]) .fc-status:not(.fc-status--unknown)';
  let pending = null;
  function shows(expectedRows, firstId) {
    const grid = document.querySelector('[role="grid"]');
    if (!grid || grid.getAttribute('aria-rowcount') !== String(expectedRows + 1)) return false;
    const first = grid.querySelector('[role="row"][data-rowindex="0"]');
    return firstId === null ? first === null : !!first && first.getAttribute('data-id') === firstId;
  }
  function check() {
    const bench = window.fleetBench;
    if (bench.firstRowAt === null && document.querySelector(SHOWN_STATUS)) bench.firstRowAt = performance.now();
    if (pending && pending.start !== null && pending.end === null && shows(pending.expectedRows, pending.firstId)) {
      const timing = pending;
      timing.end = performance.now();
      requestAnimationFrame(function () { setTimeout(function () { timing.painted = performance.now(); }, 0); });
    }
  }
  window.fleetBench = {
    firstRowAt: null,
    arm: function (expectedRows, firstId) { pending = { expectedRows, firstId, start: null, end: null, painted: null }; },
    timing: function () { return pending; },
    shows,
  };
  window.addEventListener('keydown', function (event) { if (pending && pending.start === null) pending.start = event.timeStamp; }, true);
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-rowcount', 'data-id'] });
})();`;
