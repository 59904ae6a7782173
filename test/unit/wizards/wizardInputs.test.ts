import { describe, expect, it } from 'vitest';
import { input, missingSecrets, validateInputs, withDefaults } from '../../../electron/core/wizards/wizardInputs';
import type { PlanContext, WizardDefinition } from '../../../electron/core/wizards/wizardTypes';

const def = {
  title: 'Test',
  inputs: [
    input('mode', 'the mode', 'choice', { options: [{ value: 'allow', label: 'Allow' }, { value: 'restore', label: 'Restore' }], defaultValue: 'allow' }),
    input('backup', 'I have a backup', 'attest'),
    input('password', 'the password', 'secret'),
    input('note', 'a note', 'text', { required: false }),
  ],
} as unknown as WizardDefinition;
const ctx = (inputs: Record<string, string>, secrets: Record<string, string> = { password: 'pw' }) => ({ inputs, secrets }) as unknown as PlanContext;

describe('wizard inputs', () => {
  it('fills defaults for inputs left out or empty, never for secrets', () => {
    expect(withDefaults(def, {})).toEqual({ mode: 'allow' });
    expect(withDefaults(def, { mode: ' ' })).toEqual({ mode: 'allow' });
    expect(withDefaults(def, { mode: 'restore' })).toEqual({ mode: 'restore' });
  });

  it('names the first problem and its field', () => {
    expect(validateInputs(def, ctx({ mode: 'allow', backup: 'yes' }))).toBeNull();
    expect(validateInputs(def, ctx({ mode: 'allow' }))).toEqual({ field: 'params.inputs.backup', message: 'Confirm: I have a backup.' });
    expect(validateInputs(def, ctx({ mode: 'allow', backup: 'sure' }))?.message).toBe('Confirm: I have a backup (answer "yes").');
    expect(validateInputs(def, ctx({ mode: 'maybe', backup: 'yes' }))?.message).toBe('the mode must be one of: Allow, Restore.');
    expect(validateInputs(def, ctx({ mode: 'allow', backup: 'yes', other: 'x' }))?.field).toBe('params.inputs.other');
    expect(validateInputs(def, ctx({ mode: 'allow', backup: 'yes' }, {}))).toEqual({ field: 'params.secrets.password', message: 'Enter the password.' });
    expect(missingSecrets(def, {})).toEqual(['the password']);
  });
});
