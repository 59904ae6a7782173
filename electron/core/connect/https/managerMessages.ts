import { z } from 'zod';
import type { AppLoginFields } from '../appWebsocketDigest';

/** The AP Manager's admin login (reference/appwebsocket.md): fixed identity, no info, the manager password. */
export const MANAGER_LOGIN: Readonly<AppLoginFields> = Object.freeze({
  app: 'manager',
  domain: '',
  sip: 'manager',
  guid: '00000000000000000000000000000000',
  dn: 'Admin',
});

export const MANAGER_PATH = '/manager';

/** Every AppWebsocket message: an `mt`, maybe an `api`, and the `src` of the request it answers. */
export const AppMessage = z.looseObject({
  mt: z.string().min(1),
  api: z.string().optional(),
  src: z.string().optional(),
});
export type AppMessage = z.infer<typeof AppMessage>;

export const AppChallengeResult = z.looseObject({
  mt: z.literal('AppChallengeResult'),
  challenge: z.string().min(1).max(256),
});

export const AppLoginResult = z.looseObject({
  mt: z.literal('AppLoginResult'),
  ok: z.boolean().optional(),
});

export const AppPlatformInfoResult = z.looseObject({
  mt: z.literal('AppPlatformInfoResult'),
  version: z.string().min(1),
});

/** Reads one frame; null when it is not an AppWebsocket JSON message. */
export function parseAppMessage(text: string): AppMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = AppMessage.safeParse(value);
  return parsed.success ? parsed.data : null;
}
