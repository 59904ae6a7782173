import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RequestMessage, ResponseMessage, describeIssue, isEventName, isMethodName } from '../../electron/core/contract';

describe('describeIssue', () => {
  const schema = z.strictObject({ outer: z.strictObject({ list: z.array(z.number()) }) });

  it('names the first failing field as a dotted path below the root', () => {
    const parsed = schema.safeParse({ outer: { list: [1, 'two'] } });
    expect(parsed.success).toBe(false);
    const described = describeIssue(parsed.error as z.ZodError, 'params');
    expect(described.field).toBe('params.outer.list.1');
    expect(described.message.startsWith('params.outer.list.1: ')).toBe(true);
    expect(described.message.length).toBeGreaterThan('params.outer.list.1: '.length);
  });

  it('uses the root alone when the problem is at the top level', () => {
    const parsed = z.strictObject({}).safeParse({ extra: 1 });
    expect(parsed.success).toBe(false);
    const described = describeIssue(parsed.error as z.ZodError, 'message');
    expect(described.field).toBe('message');
    expect(described.message).toMatch(/^message: .*extra/);
  });

  it('falls back to a generic message when there is no issue', () => {
    expect(describeIssue(new z.ZodError([]), 'result')).toEqual({ field: 'result', message: 'result: invalid value' });
  });
});

describe('isMethodName and isEventName', () => {
  it('accept the names of the contract', () => {
    for (const name of ['app.info', 'app.health', 'settings.get', 'settings.update']) expect(isMethodName(name)).toBe(true);
    expect(isEventName('settings.changed')).toBe(true);
  });

  it('reject unknown names and names inherited from Object.prototype', () => {
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf', 'settings.changed', 'app', '']) {
      expect(isMethodName(name), name).toBe(false);
    }
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'app.info', '']) {
      expect(isEventName(name), name).toBe(false);
    }
  });
});

describe('RequestMessage', () => {
  it('accepts numeric and string ids with or without params', () => {
    expect(RequestMessage.safeParse({ id: 0, method: 'app.info' }).success).toBe(true);
    expect(RequestMessage.safeParse({ id: 'req-1', method: 'settings.update', params: { theme: 'dark' } }).success).toBe(true);
    expect(RequestMessage.safeParse({ id: 'x'.repeat(64), method: 'm' }).success).toBe(true);
  });

  it('rejects bad ids, bad methods and extra keys', () => {
    const bad: unknown[] = [
      { id: -1, method: 'app.info' },
      { id: 1.5, method: 'app.info' },
      { id: '', method: 'app.info' },
      { id: 'x'.repeat(65), method: 'app.info' },
      { id: null, method: 'app.info' },
      { id: 1, method: '' },
      { id: 1, method: 'm'.repeat(129) },
      { id: 1 },
      { id: 1, method: 'app.info', extra: true },
      'app.info',
      null,
    ];
    for (const message of bad) expect(RequestMessage.safeParse(message).success, JSON.stringify(message)).toBe(false);
  });
});

describe('ResponseMessage', () => {
  it('accepts successes and failures with a null id', () => {
    expect(ResponseMessage.safeParse({ id: 3, ok: true, result: { anything: 1 } }).success).toBe(true);
    expect(ResponseMessage.safeParse({ id: null, ok: false, error: { code: 'bad_message', message: 'no' } }).success).toBe(true);
    expect(ResponseMessage.safeParse({ id: 'a', ok: false, error: { code: 'invalid_params', message: 'no', field: 'params.theme' } }).success).toBe(true);
  });

  it('rejects unknown error codes, mixed shapes and extra keys', () => {
    const bad: unknown[] = [
      { id: 1, ok: false, error: { code: 'oops', message: 'no' } },
      { id: 1, ok: false, error: { code: 'internal', message: 'no', stack: 'at x' } },
      { id: 1, ok: true, result: 1, error: { code: 'internal', message: 'no' } },
      { id: 1, ok: false },
      { id: -1, ok: true, result: 1 },
      { ok: true, result: 1 },
    ];
    for (const message of bad) expect(ResponseMessage.safeParse(message).success, JSON.stringify(message)).toBe(false);
  });
});
