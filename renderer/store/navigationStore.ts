import { create } from 'zustand';

export const VIEWS = ['fleet', 'alarms', 'wizards', 'logs', 'settings'] as const;
export type ViewId = (typeof VIEWS)[number];

export const PLATFORM_TABS = ['overview', 'instances', 'disk', 'replication', 'logs', 'terminal'] as const;
export type PlatformTab = (typeof PLATFORM_TABS)[number];

/** Where the user is: a main view, or one platform's detail with a tab. */
export type Route = { view: ViewId } | { view: 'platform'; platformId: string; tab: PlatformTab };

export function routeFromHash(hash: string): Route {
  const [name, id, tab] = hash.replace(/^#\/?/, '').split('/');
  if (name === 'platform' && id) {
    const platformTab = (PLATFORM_TABS as readonly string[]).includes(tab ?? '') ? (tab as PlatformTab) : 'overview';
    return { view: 'platform', platformId: decodeURIComponent(id), tab: platformTab };
  }
  return { view: (VIEWS as readonly string[]).includes(name ?? '') ? (name as ViewId) : 'fleet' };
}

export function hashOf(route: Route): string {
  return route.view === 'platform' ? `#/platform/${encodeURIComponent(route.platformId)}/${route.tab}` : `#/${route.view}`;
}

interface NavigationState {
  route: Route;
  /** The main view, or the one a platform's detail belongs to (Fleet). */
  view: ViewId | 'platform';
  go(view: ViewId): void;
  openPlatform(platformId: string, tab?: PlatformTab): void;
}

const stateOf = (route: Route) => ({ route, view: route.view });

/** The current place lives in the URL hash, so reload and back/forward keep it. */
export const useNavigation = create<NavigationState>((set) => {
  window.addEventListener('hashchange', () => set(stateOf(routeFromHash(window.location.hash))));
  const goTo = (route: Route) => {
    window.location.hash = hashOf(route);
    set(stateOf(route));
  };
  return {
    ...stateOf(routeFromHash(window.location.hash)),
    go: (view) => goTo({ view }),
    openPlatform: (platformId, tab = 'overview') => goTo({ view: 'platform', platformId, tab }),
  };
});
