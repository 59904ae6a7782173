import { describe, expect, it } from 'vitest';
import type { WizardInputSpec, WizardRun } from '../../renderer/views/wizards/wizardTypes';
import { appendBounded, confirmationMatches, currentStepText, initialValues, missingInputs, nextAction, sortRuns, splitForm } from '../../renderer/views/wizards/wizardHelpers';
import { auditRows } from '../../renderer/views/wizards/auditRows';
import { wizardName } from '../../renderer/views/platform/wizardNames';

const step = (id: string, title: string): WizardRun['steps'][number] => ({
  id,
  title,
  explanation: '',
  kind: 'command',
  destructive: false,
  idempotent: true,
  commands: [],
  manual: null,
  onFailure: '',
  state: 'pending',
  startedAt: null,
  endedAt: null,
  outcome: null,
  exitCodes: [],
  output: '',
});

const run = (runId: string, state: WizardRun['state'], updatedAt: string, current = 0): WizardRun => ({
  runId,
  wizardId: 'disk-full',
  title: 'Recover a full disk',
  platformId: 'p1',
  platformName: 'ap1',
  siteName: 'Site',
  inputs: {},
  missingSecrets: [],
  state,
  current,
  preconditions: [],
  steps: [step('a', 'First'), step('b', 'Second')],
  confirmations: [],
  message: null,
  createdAt: updatedAt,
  updatedAt,
});

const input = (key: string, kind: WizardInputSpec['kind'], required = true, defaultValue: string | null = null): WizardInputSpec => ({ key, label: `Label ${key}`, kind, required, help: null, options: null, defaultValue });

describe('wizard UI helpers', () => {
  it('keeps the live output bounded, cutting at a line', () => {
    expect(appendBounded('abc\n', 'def\n', 100)).toBe('abc\ndef\n');
    const kept = appendBounded('line one\nline two\n', 'line three\n', 20);
    expect(kept.length).toBeLessThanOrEqual(20);
    expect(kept).toBe('line three\n');
    expect(appendBounded('', 'x'.repeat(30), 10)).toBe('x'.repeat(10));
  });

  it('lists active and interrupted runs first, then finished ones, newest first', () => {
    const sorted = sortRuns([
      run('wz-00000001', 'done', '2026-01-01T10:00:00Z'),
      run('wz-00000002', 'ready', '2026-01-01T09:00:00Z'),
      run('wz-00000003', 'interrupted', '2026-01-01T08:00:00Z'),
      run('wz-00000004', 'cancelled', '2026-01-01T11:00:00Z'),
      run('wz-00000005', 'running', '2026-01-01T07:00:00Z'),
    ]);
    expect(sorted.map((r) => r.runId)).toEqual(['wz-00000005', 'wz-00000003', 'wz-00000002', 'wz-00000004', 'wz-00000001']);
  });

  it('says where a run is and what can be done next', () => {
    expect(currentStepText(run('wz-00000001', 'ready', '2026-01-01T10:00:00Z', 1))).toBe('Step 2 of 2: Second');
    expect(currentStepText(run('wz-00000001', 'done', '2026-01-01T10:00:00Z', 2))).toBe('All 2 steps done');
    expect(nextAction(run('wz-00000001', 'ready', '2026-01-01T10:00:00Z'))).toBe('step');
    expect(nextAction(run('wz-00000001', 'ready', '2026-01-01T10:00:00Z', 2))).toBe('none');
    for (const state of ['interrupted', 'failed', 'blocked'] as const) expect(nextAction(run('wz-00000001', state, '2026-01-01T10:00:00Z'))).toBe('resume');
    for (const state of ['done', 'cancelled', 'running'] as const) expect(nextAction(run('wz-00000001', state, '2026-01-01T10:00:00Z'))).toBe('none');
  });

  it('fills the form from defaults, leaves attestations unticked and keeps secrets apart', () => {
    const inputs = [input('mode', 'choice', true, 'yes'), input('ok', 'attest'), input('pw', 'secret'), input('note', 'text', false)];
    const values = initialValues(inputs);
    expect(values).toEqual({ mode: 'yes', ok: '', note: '' });
    expect(missingInputs(inputs, values, {})).toEqual(['Label ok', 'Label pw']);
    const filled = { ...values, ok: 'yes' };
    expect(missingInputs(inputs, filled, { pw: 's3cret' })).toEqual([]);
    expect(splitForm(inputs, filled, { pw: 's3cret' })).toEqual({ inputs: { mode: 'yes', ok: 'yes' }, secrets: { pw: 's3cret' } });
  });

  it('accepts the platform name typed, with surrounding spaces, and nothing else', () => {
    expect(confirmationMatches(' ap1 ', 'ap1')).toBe(true);
    expect(confirmationMatches('AP1', 'ap1')).toBe(false);
    expect(confirmationMatches('', 'ap1')).toBe(false);
  });

  it('names wizards by the catalog title once loaded, by its own words before', () => {
    expect(wizardName('disk-full')).toBe('recover a full disk');
    expect(wizardName('change-address')).toBe('change the address');
    expect(wizardName('disk-full', [{ id: 'disk-full', title: 'Recover a full disk now' }])).toBe('recover a full disk now');
    expect(wizardName('manager-mismatch', [{ id: 'manager-mismatch', title: 'AP Manager does not start' }])).toBe('AP Manager does not start');
  });

  it('gives audit rows the platform names, and ids when the platform is gone', () => {
    const entry = { at: '2026-01-01T10:00:00.000Z', platformId: 'p1', purpose: 'wizard', command: 'df -h', asRoot: true, exitCode: 0, runId: null, confirmation: null };
    const rows = auditRows([entry, { ...entry, platformId: 'gone' }], [{ id: 'p1', name: 'ap1' } as never]);
    expect(rows.map((r) => r.platformName)).toEqual(['ap1', 'gone']);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2);
  });
});
