import { existsSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { ImportReport, ImportSource } from '../contract';
import type { VaultStatus } from '../vault/vault';
import { vaultErrors } from '../vault/vaultError';
import { csvDraft } from './csvImport';
import type { Edit } from './inventoryEdits';
import type { ImportDraft } from './importDraft';
import { planImport } from './importPlan';
import type { ImportPlan } from './importPlan';
import type { InventoryStore } from './inventoryStore';
import { labFleetDraft } from './labFleetImport';
import { readSourceText } from './sourceFile';
import { DEFAULT_SSH_CONFIG_SITE, sshConfigDraft } from './sshConfigImport';

/** Who imports: where `~` is, the local user name (OpenSSH's default user), and which key files exist. */
export interface ImportContext {
  homeDir: string;
  username: string;
  exists(path: string): boolean;
}

/** Where imported secrets go: the vault, or anything that stores a secret under a ref. */
export interface SecretSink {
  status(): VaultStatus;
  set(ref: string, secret: string): Promise<void>;
}

/** Reads an import source into a draft; only a lab fleet file brings secrets, and only when asked. */
export async function importDraft(source: ImportSource, withSecrets: boolean, context: ImportContext): Promise<ImportDraft> {
  if (source.kind === 'csv') return noSecrets(csvDraft(source.text), withSecrets);
  if (source.kind === 'labFleet') return labFleetDraft(source.path, { withSecrets, ...(source.secretsPath ? { secretsPath: source.secretsPath } : {}) });
  const path = source.path ?? join(context.homeDir, '.ssh', 'config');
  const text = await readSourceText(path, 'SSH config', 'Pick your OpenSSH config file (usually ~/.ssh/config).');
  const draft = sshConfigDraft(text, { ...context, site: source.site ?? DEFAULT_SSH_CONFIG_SITE, ...(source.hosts ? { hosts: source.hosts } : {}) });
  return noSecrets(draft, withSecrets);
}

function noSecrets(draft: ImportDraft, asked: boolean): ImportDraft {
  if (asked) draft.notes.push('Only lab fleet files bring secrets; this source brings vault refs at most.');
  return draft;
}

function reportOf(plan: ImportPlan, draft: ImportDraft, applied: boolean): ImportReport {
  const items = applied ? plan.items : plan.items.map((item) => (item.action === 'add' ? { ...item, id: null } : item));
  const count = (action: string) => items.filter((item) => item.action === action).length;
  return {
    applied,
    items,
    added: count('add'),
    updated: count('update'),
    skipped: count('skip'),
    notes: draft.notes,
    secrets: { count: plan.secretWrites.length, refs: applied ? plan.secretWrites.map((w) => w.ref) : [] },
  };
}

/** What the import would do to the inventory as it is now; nothing is written. */
export async function previewImport(store: InventoryStore, draft: ImportDraft, withSecrets: boolean): Promise<ImportReport> {
  return reportOf(planImport(await store.read(), draft, { withSecrets }), draft, false);
}

/**
 * Imports a draft in one atomic write of the inventory. With a vault its secrets are stored first (under the
 * refs the new entries carry), so the inventory never names a secret the vault lacks.
 */
export async function applyImport(store: InventoryStore, draft: ImportDraft, vault?: SecretSink): Promise<Edit<ImportReport>> {
  if (vault && vault.status() !== 'unlocked') throw vault.status() === 'uninitialised' ? vaultErrors.uninitialised() : vaultErrors.locked();
  return store.change(async (current) => {
    const plan = planImport(current, draft, { withSecrets: vault !== undefined });
    if (vault) for (const write of plan.secretWrites) await vault.set(write.ref, write.secret.reveal());
    return { inventory: plan.inventory, result: reportOf(plan, draft, true), changedIds: plan.changedIds };
  });
}

/** The person running the console: their home folder, user name and key files. */
export function localImportContext(): ImportContext {
  let username: string;
  try {
    username = userInfo().username;
  } catch {
    username = process.env.USER ?? process.env.USERNAME ?? 'admin';
  }
  return { homeDir: homedir(), username, exists: (path) => existsSync(path) };
}
