/** The highest resident set size of this process while sampling, read every 100 ms (and at start and stop). */
export interface RssSampler {
  stop(): number;
}

export function sampleRss(intervalMs = 100): RssSampler {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return peak;
    },
  };
}

/** The process's highest resident set size since it started, as the kernel counts it (bytes). */
export const lifetimeMaxRssBytes = () => process.resourceUsage().maxRSS * 1024;
