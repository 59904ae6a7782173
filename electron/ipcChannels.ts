export const INVOKE_CHANNEL = 'apc:invoke';
export const EVENT_CHANNEL = 'apc:event';

/** The custom scheme the packaged renderer is served from. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
