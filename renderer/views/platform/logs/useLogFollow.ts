import { useEffect, useRef, useState } from 'react';
import { api } from '../../../api/api';
import { describeError } from '../../../store/describeError';
import { EMPTY_FOLLOW_BUFFER, appendLines } from './followBuffer';
import type { FollowBuffer } from './followBuffer';

export type FollowPhase = 'starting' | 'following' | 'ended';

export interface LogFollow {
  phase: FollowPhase;
  buffer: FollowBuffer;
  /** Lines that came while paused, shown on resume. */
  held: number;
  /** Why the follow ended or could not start, as a sentence. */
  message: string | null;
}

const FLUSH_MS = 100;

/** Follows a log on the platform while mounted; stops it on the engine when it goes. Mount it afresh (a key) to follow another file or to follow again. */
export function useLogFollow(platformId: string, path: string, paused: boolean): LogFollow {
  const [phase, setPhase] = useState<FollowPhase>('starting');
  const [buffer, setBuffer] = useState<FollowBuffer>(EMPTY_FOLLOW_BUFFER);
  const [held, setHeld] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const pausedRef = useRef(paused);
  const pending = useRef<string[]>([]);
  const flushRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    pausedRef.current = paused;
    if (!paused) flushRef.current();
  }, [paused]);

  useEffect(() => {
    let followId: string | null = null;
    let gone = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    /** Events may come before logs.follow answers with the id: keep them by id until then. */
    const early = new Map<string, string[]>();
    const earlyEnd = new Map<string, string>();
    pending.current = [];

    const flush = () => {
      timer = null;
      if (gone) return;
      if (pausedRef.current) {
        setHeld(pending.current.length);
        return;
      }
      const lines = pending.current;
      pending.current = [];
      setHeld(0);
      if (lines.length) setBuffer((before) => appendLines(before, lines));
    };
    flushRef.current = flush;
    const take = (lines: readonly string[]) => {
      pending.current.push(...lines);
      // Held lines are capped as the shown ones are.
      if (pending.current.length > 20_000) pending.current.splice(0, pending.current.length - 20_000);
      timer ??= setTimeout(flush, FLUSH_MS);
    };
    const end = (text: string) => {
      flush();
      setPhase('ended');
      setMessage(text);
    };
    const offLines = api.on('logs.lines', (event) => {
      if (followId === null) early.set(event.followId, [...(early.get(event.followId) ?? []), ...event.lines]);
      else if (event.followId === followId) take(event.lines);
    });
    const offEnd = api.on('logs.followEnd', (event) => {
      if (followId === null) earlyEnd.set(event.followId, event.message);
      else if (event.followId === followId) end(event.message);
    });

    api
      .call('logs.follow', { platformId, path, lines: 200 })
      .then((answer) => {
        if (gone) {
          void api.call('logs.stopFollow', { followId: answer.followId }).catch(() => undefined);
          return;
        }
        followId = answer.followId;
        setPhase('following');
        take(early.get(followId) ?? []);
        early.clear();
        const ended = earlyEnd.get(followId);
        if (ended !== undefined) end(ended);
      })
      .catch((error: unknown) => {
        if (gone) return;
        setPhase('ended');
        setMessage(describeError(error, `follow ${path}`));
      });

    return () => {
      gone = true;
      offLines();
      offEnd();
      if (timer) clearTimeout(timer);
      if (followId) void api.call('logs.stopFollow', { followId }).catch(() => undefined);
    };
  }, [platformId, path]);

  return { phase, buffer, held, message };
}
