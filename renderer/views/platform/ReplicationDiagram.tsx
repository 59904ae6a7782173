import { useId } from 'react';
import { useTheme } from '@mui/material/styles';
import type { Theme } from '@mui/material/styles';
import { formatBytes } from '../../format/bytes';
import { lagSecondsText } from './replicationGroup';
import type { GroupLink, GroupMember, ReplicationGroup } from './replicationGroup';

const WIDTH = 960;
const BOX_W = 260;
const BOX_H = 84;
const ROW = 124;
const PAD = 16;
const LABEL_W = 340;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function MemberBox({ member, x, y }: { member: GroupMember; x: number; y: number }) {
  const theme = useTheme();
  const p = theme.palette;
  const role = member.role === 'primary' ? 'Primary' : 'Standby';
  const where = member.address ? `${role} · ${member.address}` : role;
  return (
    <g>
      <title>{`${member.name}: ${where}, ${member.stateText}`}</title>
      <rect x={x} y={y} width={BOX_W} height={BOX_H} rx={8} fill={p.background.paper} stroke={member.current ? p.primary.main : p.divider} strokeWidth={member.current ? 3 : 1.5} />
      <text x={x + 12} y={y + 24} fill={p.text.primary} fontWeight={600} fontSize={15}>
        {clip(member.name, 28)}
        {member.current ? ' (this one)' : ''}
      </text>
      <text x={x + 12} y={y + 46} fill={p.text.secondary} fontSize={13}>
        {clip(where, 36)}
      </text>
      <text x={x + 12} y={y + 68} fill={p.text.secondary} fontSize={13}>
        {clip(member.stateText, 36)}
      </text>
    </g>
  );
}

function linkColour(link: GroupLink, theme: Theme): string {
  if (link.ok === false) return theme.palette.error.main;
  if (link.ok === true) return theme.palette.success.main;
  return theme.palette.text.disabled;
}

function linkLines(link: GroupLink): string[] {
  const lag = link.lagBytes !== null || link.lagSeconds !== null ? `lag ${link.lagBytes !== null ? formatBytes(link.lagBytes) : '?'} · ${lagSecondsText(link.lagSeconds, link.lagBytes)}` : null;
  const slot = link.slot
    ? `slot ${clip(link.slot.name, 20)}${link.slot.active ? '' : ' (inactive)'}${link.slot.retainedWalBytes !== null ? ` · ${formatBytes(link.slot.retainedWalBytes)} WAL` : ''}`
    : null;
  return [link.state, lag, slot].filter((line): line is string => line !== null);
}

/** The replication group as boxes and arrows: the primary left, its standbys right, broken links in the error colour. */
export function ReplicationDiagram({ group, description }: { group: ReplicationGroup; description: string }) {
  const theme = useTheme();
  const id = useId();
  const rows = Math.max(1, group.standbys.length);
  const height = rows * ROW + PAD * 2 - (ROW - BOX_H);
  const primaryY = height / 2 - BOX_H / 2;
  const standbyX = WIDTH - BOX_W - PAD;
  return (
    <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} style={{ maxHeight: 640, fontFamily: theme.typography.fontFamily }}>
      <title id={`${id}-title`}>Replication group of {group.primary.name}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <defs>
        {(['ok', 'bad', 'unknown'] as const).map((kind) => (
          <marker key={kind} id={`${id}-arrow-${kind}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill={kind === 'ok' ? theme.palette.success.main : kind === 'bad' ? theme.palette.error.main : theme.palette.text.disabled} />
          </marker>
        ))}
      </defs>
      <MemberBox member={group.primary} x={PAD} y={primaryY} />
      {group.standbys.map((member, index) => {
        const link = group.links[index];
        const y = PAD + index * ROW;
        const x1 = PAD + BOX_W;
        const y1 = primaryY + BOX_H / 2;
        const x2 = standbyX - 2;
        const y2 = y + BOX_H / 2;
        const colour = link ? linkColour(link, theme) : theme.palette.text.disabled;
        const kind = link?.ok === true ? 'ok' : link?.ok === false ? 'bad' : 'unknown';
        const lines = link ? linkLines(link) : [];
        const lx = x1 + (x2 - x1) * 0.5;
        const ly = y1 + (y2 - y1) * 0.5;
        const blockTop = ly - (lines.length * 16) / 2;
        return (
          <g key={member.key}>
            <line x1={x1} y1={y1} x2={x2} y2={y2} stroke={colour} strokeWidth={2.5} strokeDasharray={link?.ok === false ? '7 5' : undefined} markerEnd={`url(#${id}-arrow-${kind})`} />
            {lines.length > 0 && (
              <g>
                <rect x={lx - LABEL_W / 2} y={blockTop - 4} width={LABEL_W} height={lines.length * 16 + 6} rx={4} fill={theme.palette.background.paper} opacity={0.92} />
                {lines.map((line, i) => (
                  <text key={i} x={lx} y={blockTop + 9 + i * 16} textAnchor="middle" fontSize={12.5} fill={i > 0 ? theme.palette.text.primary : link?.ok === null ? theme.palette.text.secondary : colour} fontWeight={i === 0 ? 600 : 400}>
                    {line}
                  </text>
                ))}
              </g>
            )}
            <MemberBox member={member} x={standbyX} y={y} />
          </g>
        );
      })}
      {group.standbys.length === 0 && (
        <text x={WIDTH - BOX_W / 2 - PAD} y={height / 2} textAnchor="middle" fill={theme.palette.text.secondary} fontSize={14}>
          No standby connected or known
        </text>
      )}
    </svg>
  );
}
