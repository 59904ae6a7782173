import { Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { Platform } from '../../../electron/core/contract';
import type { CredentialScope, StoredState } from './credentialRefs';
import { SECRET_FIELDS, storedCount, storedState } from './credentialRefs';

const STATE_CHIP: Record<StoredState, { label: string; color: 'success' | 'default' | 'warning' }> = {
  stored: { label: 'Stored', color: 'success' },
  'not stored': { label: 'Not stored', color: 'default' },
  missing: { label: 'Missing from the vault', color: 'warning' },
};

interface CredentialStatusTableProps {
  scope: CredentialScope;
  platforms: readonly Platform[];
  vaultRefs: ReadonlySet<string>;
}

/** Which secrets are stored, from the platforms' refs and the vault's list; never the secrets themselves. */
export function CredentialStatusTable({ scope, platforms, vaultRefs }: CredentialStatusTableProps) {
  const single = scope.kind === 'platform' ? platforms[0] : undefined;
  const users = [...new Set(platforms.map((p) => p.credentials.databaseUser).filter((u): u is string => u !== null))];
  return (
    <Table size="small" aria-label="Stored credentials" sx={{ maxWidth: 620 }}>
      <TableHead>
        <TableRow>
          <TableCell>Credential</TableCell>
          <TableCell>{single ? 'State' : `State on the ${platforms.length} platforms`}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {SECRET_FIELDS.map((field) => {
          let cell;
          if (single) {
            const chip = STATE_CHIP[storedState(single.credentials, field.id, vaultRefs)];
            cell = <Chip size="small" label={chip.label} color={chip.color} variant="outlined" />;
          } else {
            const count = storedCount(platforms, field.id, vaultRefs);
            cell = <Chip size="small" label={`Stored for ${count} of ${platforms.length}`} color={count === platforms.length ? 'success' : 'default'} variant="outlined" />;
          }
          return (
            <TableRow key={field.id}>
              <TableCell>
                {field.label}
                {field.optional ? ' (optional)' : ''}
              </TableCell>
              <TableCell>{cell}</TableCell>
            </TableRow>
          );
        })}
        <TableRow>
          <TableCell>Database user (optional)</TableCell>
          <TableCell>{users.length === 0 ? 'None set' : users.join(', ')}</TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}
