import type { EngineLog } from '../../engineLog';
import type { Handlers } from '../../rpc/handlers';
import { isoOrNull } from './cachedBundle';
import { bundleTimeline } from './viewerTimeline';
import { recentBundles } from './viewerRecent';
import { searchBundle } from './viewerSearch';
import { ViewerSessions, viewerCacheRoot } from './viewerSessions';

type ViewerMethods = 'viewer.recent' | 'viewer.open' | 'viewer.search' | 'viewer.timeline' | 'viewer.read' | 'viewer.close';

/** The offline viewer's methods: open bundles and log archives with no connection, search, merge by time, read lines. */
export function viewerHandlers(deps: { dataDir: string; log: EngineLog }): { handlers: Pick<Handlers, ViewerMethods>; close(): Promise<void> } {
  const sessions = new ViewerSessions(viewerCacheRoot(deps.dataDir), deps.log);
  const handlers: Pick<Handlers, ViewerMethods> = {
    'viewer.recent': async () => ({ bundles: await recentBundles(deps.dataDir) }),
    'viewer.open': async ({ localPath }) => (await sessions.openBundle(localPath)).describe(),
    'viewer.search': async (params) => searchBundle(sessions.get(params.bundleId), params),
    'viewer.timeline': async (params) => bundleTimeline(sessions.get(params.bundleId), params),
    'viewer.read': async ({ bundleId, path, fromLine, count }) => {
      const reader = sessions.get(bundleId).reader(path);
      const lines = await reader.readLines(fromLine - 1, count);
      return { lines: lines.map((l) => ({ file: path, line: l.line, at: isoOrNull(l.at), text: l.text })), totalLines: reader.lines };
    },
    'viewer.close': async ({ bundleId }) => {
      await sessions.closeBundle(bundleId);
      return {};
    },
  };
  return { handlers, close: () => sessions.closeAll() };
}
