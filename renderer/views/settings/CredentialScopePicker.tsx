import { useMemo } from 'react';
import { Autocomplete, TextField, createFilterOptions } from '@mui/material';
import type { Platform, Site } from '../../../electron/core/contract';
import type { CredentialScope } from './credentialRefs';

interface ScopeOption {
  scope: CredentialScope;
  label: string;
  group: string;
}

const filterOptions = createFilterOptions<ScopeOption>({ limit: 100, stringify: (option) => `${option.label} ${option.group}` });

interface CredentialScopePickerProps {
  sites: ReadonlyMap<string, Site>;
  platforms: readonly Platform[];
  value: CredentialScope | null;
  onChange(scope: CredentialScope | null): void;
}

/** A whole site or one platform; typing narrows the list (large fleets show the first 100 matches). */
export function CredentialScopePicker({ sites, platforms, value, onChange }: CredentialScopePickerProps) {
  const options = useMemo(() => {
    const count = new Map<string, number>();
    for (const p of platforms) count.set(p.siteId, (count.get(p.siteId) ?? 0) + 1);
    const siteOptions: ScopeOption[] = [...sites.values()]
      .filter((site) => (count.get(site.id) ?? 0) > 0)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((site) => ({ scope: { kind: 'site', id: site.id }, label: `${site.name} (${count.get(site.id)} platforms)`, group: 'Whole site' }));
    const platformOptions: ScopeOption[] = [...platforms]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((p) => ({ scope: { kind: 'platform', id: p.id }, label: `${p.name} · ${sites.get(p.siteId)?.name ?? p.siteId}`, group: 'One platform' }));
    return [...siteOptions, ...platformOptions];
  }, [sites, platforms]);
  const selected = value ? (options.find((o) => o.scope.kind === value.kind && o.scope.id === value.id) ?? null) : null;
  return (
    <Autocomplete
      options={options}
      value={selected}
      onChange={(_event, option) => onChange(option?.scope ?? null)}
      groupBy={(option) => option.group}
      getOptionLabel={(option) => option.label}
      isOptionEqualToValue={(a, b) => a.scope.kind === b.scope.kind && a.scope.id === b.scope.id}
      getOptionKey={(option) => `${option.scope.kind}:${option.scope.id}`}
      filterOptions={filterOptions}
      sx={{ maxWidth: 520 }}
      renderInput={(params) => <TextField {...params} label="Credentials for" placeholder="A site or a platform" size="small" />}
    />
  );
}
