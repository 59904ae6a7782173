import type { ReplicationRole, ReplicationState } from '../replication/replicationState';
import type { AlarmFinding } from './alarmTypes';

export interface GroupMember {
  platformId: string;
  name: string;
  expectedRole: 'standalone' | 'primary' | 'standby';
  /** For a standby: the platform the inventory says it replicates from. */
  expectedPrimaryId: string | null;
  /** What its database says now; null while unknown (not reached, PostgreSQL down). */
  role: ReplicationRole | null;
}

/** The role a server plays for its group: a standby out of recovery accepts writes like a primary. */
export function groupRole(state: ReplicationState): ReplicationRole {
  return state.role === 'standby' && state.condition === 'not_in_recovery' ? 'primary' : state.role;
}

const roleWord = (role: ReplicationRole) => (role === 'off' ? 'standalone' : role);

/** Platforms linked by expected primaries, as sets of ids. */
function groups(members: readonly GroupMember[]): GroupMember[][] {
  const byId = new Map(members.map((m) => [m.platformId, m]));
  const rootOf = (m: GroupMember): string => {
    const seen = new Set<string>();
    let current = m;
    while (current.expectedPrimaryId && byId.has(current.expectedPrimaryId) && !seen.has(current.platformId)) {
      seen.add(current.platformId);
      current = byId.get(current.expectedPrimaryId) as GroupMember;
    }
    return current.platformId;
  };
  const grouped = new Map<string, GroupMember[]>();
  for (const member of members) grouped.set(rootOf(member), [...(grouped.get(rootOf(member)) ?? []), member]);
  return [...grouped.values()].filter((g) => g.length > 1);
}

/** Alarms that need the whole fleet: two primaries in one group, and roles that differ from the inventory. */
export function replicationGroupAlarms(members: readonly GroupMember[]): Map<string, AlarmFinding[]> {
  const out = new Map<string, AlarmFinding[]>(members.map((m) => [m.platformId, []]));
  for (const group of groups(members)) {
    const primaries = group.filter((m) => m.role === 'primary');
    if (primaries.length < 2) continue;
    const names = primaries.map((m) => m.name).join(' and ');
    for (const member of primaries) {
      out.get(member.platformId)?.push({
        key: 'replication.splitBrain',
        kind: 'replication.splitBrain',
        severity: 'critical',
        cause: `Split brain: ${names} are both primaries of one replication group, and their data now drift apart. Decide which one stays primary and set the other up as a standby again.`,
        // No wizard: which side keeps its data is the partner's decision.
        wizard: null,
      });
    }
  }
  for (const member of members) {
    if (member.role === null || roleWord(member.role) === member.expectedRole) continue;
    out.get(member.platformId)?.push({
      key: 'replication.roleMismatch',
      kind: 'replication.roleMismatch',
      severity: 'warning',
      cause: `${member.name} is ${roleWord(member.role)}, but the inventory expects ${member.expectedRole}. If this was a planned change, update the platform in the inventory.`,
      wizard: member.role === 'off' || member.expectedRole === 'standby' ? 'standby-down' : null,
    });
  }
  return out;
}
