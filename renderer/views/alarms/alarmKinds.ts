/** Words for the alarm kinds the engine raises; an unknown kind shows as it comes. */
const KIND_LABELS: Readonly<Record<string, string>> = {
  'disk.usage': 'Disk usage',
  'disk.timeToFull': 'Disk filling up',
  'disk.reserveMissing': 'Reserve file missing',
  'disk.logs': 'Logs too large',
  'disk.coreDumps': 'Core dumps',
  'replication.standbyMissing': 'Standby missing',
  'replication.notStreaming': 'Standby not streaming',
  'replication.slotInactive': 'Replication slot inactive',
  'replication.walRetained': 'WAL retained',
  'replication.lag': 'Replication lag',
  'replication.primaryUnreachable': 'Primary unreachable',
  'replication.splitBrain': 'Two primaries',
  'replication.roleMismatch': 'Unexpected role',
  'access.unreachable': 'Unreachable',
  'access.authFailed': 'Login refused',
  'access.hostKeyChanged': 'Host key changed',
  'access.hostKeyUnknown': 'Host key to confirm',
  'access.managerLogin': 'AP Manager login',
  'service.manager': 'AP Manager down',
  'service.webserver': 'Webserver down',
  'service.postgres': 'PostgreSQL down',
  'service.managerHttps': 'AP Manager HTTPS',
  'certificate.expiry': 'Certificate expiry',
  'build.dangerousResize': 'Risky disk resize',
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}
