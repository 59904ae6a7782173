import { create } from 'zustand';

export const VIEWS = ['fleet', 'alarms', 'wizards', 'logs', 'settings'] as const;
export type ViewId = (typeof VIEWS)[number];

function viewFromHash(hash: string): ViewId {
  const name = hash.replace(/^#\/?/, '').split('/')[0];
  return (VIEWS as readonly string[]).includes(name ?? '') ? (name as ViewId) : 'fleet';
}

interface NavigationState {
  view: ViewId;
  go(view: ViewId): void;
}

/** The current view lives in the URL hash, so reload and back/forward keep it. */
export const useNavigation = create<NavigationState>((set) => {
  window.addEventListener('hashchange', () => set({ view: viewFromHash(window.location.hash) }));
  return {
    view: viewFromHash(window.location.hash),
    go(view) {
      window.location.hash = `#/${view}`;
      set({ view });
    },
  };
});
