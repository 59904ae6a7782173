import { MASK } from './remoteCommand';
import type { PlanContext, WizardDefinition } from './wizardTypes';
import type { WizardInputSpec } from './wizardWire';

type InputOptions = Partial<Pick<WizardInputSpec, 'required' | 'help' | 'options' | 'defaultValue'>>;

/** One input a wizard asks for. */
export function input(key: string, label: string, kind: WizardInputSpec['kind'], opts: InputOptions = {}): WizardInputSpec {
  return { key, label, kind, required: opts.required ?? true, help: opts.help ?? null, options: opts.options ?? null, defaultValue: opts.defaultValue ?? null };
}

/** The inputs as given, with each input left out or empty taking its default (secrets never have one). */
export function withDefaults(def: WizardDefinition, inputs: Readonly<Record<string, string>>): Record<string, string> {
  const out = { ...inputs };
  for (const spec of def.inputs) if (spec.kind !== 'secret' && spec.defaultValue !== null && !out[spec.key]?.trim()) out[spec.key] = spec.defaultValue;
  return out;
}

/** The secret inputs the run needs and does not hold. */
export function missingSecrets(def: WizardDefinition, held: Readonly<Record<string, string>>): string[] {
  return def.inputs.filter((i) => i.kind === 'secret' && i.required && !held[i.key]).map((i) => i.label);
}

/** The first problem with a wizard's inputs, naming the field. */
export function validateInputs(def: WizardDefinition, p: PlanContext): { field: string; message: string } | null {
  const known = new Set(def.inputs.map((i) => i.key));
  for (const key of Object.keys(p.inputs)) {
    if (!known.has(key)) return { field: `params.inputs.${key}`, message: `"${def.title}" has no input "${key}".` };
  }
  for (const spec of def.inputs) {
    const field = `params.${spec.kind === 'secret' ? 'secrets' : 'inputs'}.${spec.key}`;
    if (spec.kind === 'secret') {
      if (p.inputs[spec.key] !== undefined) return { field: `params.inputs.${spec.key}`, message: `${spec.label} is a secret: pass it with the secrets, never with the inputs.` };
      if (spec.required && !p.secrets[spec.key]) return { field, message: `Enter ${spec.label}.` };
      continue;
    }
    const value = p.inputs[spec.key]?.trim() ?? '';
    if (!value) {
      if (spec.required) return { field, message: spec.kind === 'attest' ? `Confirm: ${spec.label}.` : `Enter ${spec.label}.` };
      continue;
    }
    if (spec.kind === 'attest' && value !== 'yes') return { field, message: `Confirm: ${spec.label} (answer "yes").` };
    if (spec.kind === 'choice' && spec.options && !spec.options.some((o) => o.value === value)) {
      return { field, message: `${spec.label} must be one of: ${spec.options.map((o) => o.label).join(', ')}.` };
    }
  }
  const problem = def.checkInputs?.(p);
  return problem ? { field: 'params.inputs', message: problem } : null;
}

/** The text with every secret value replaced by the mask. */
export function maskSecrets(text: string, secrets: Readonly<Record<string, string>>): string {
  let out = text;
  for (const value of Object.values(secrets)) if (value.length >= 3) out = out.split(value).join(MASK);
  return out;
}
