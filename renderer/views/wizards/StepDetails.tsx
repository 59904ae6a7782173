import { Box, Chip, Stack, Typography } from '@mui/material';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import type { WizardStepView } from './wizardTypes';
import { CopyButton } from './CopyButton';

export const MONO = '"DejaVu Sans Mono", "Cascadia Mono", Consolas, Menlo, "Liberation Mono", monospace';

export function DestructiveBadge() {
  return (
    <Chip
      size="small"
      color="warning"
      variant="outlined"
      icon={<WarningAmberIcon />}
      label="Changes the platform"
      sx={(t) => (t.palette.mode === 'light' ? { color: t.palette.warning.dark, borderColor: t.palette.warning.dark, '& .MuiChip-icon': { color: t.palette.warning.dark } } : {})}
    />
  );
}

export function KindBadge({ kind }: { kind: WizardStepView['kind'] }) {
  if (kind === 'command') return null;
  return <Chip size="small" variant="outlined" label={kind === 'manual' ? 'You do this' : 'Only reads'} />;
}

/** The exact commands, as the platform runs them (secrets masked), each copyable. */
export function CommandList({ step, showPlatform }: { step: WizardStepView; showPlatform: boolean }) {
  if (step.commands.length === 0) return null;
  return (
    <Box component="ol" aria-label={`Commands of ${step.title}`} sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 0.5 }}>
      {step.commands.map((command, i) => (
        <Box
          component="li"
          key={i}
          sx={{ display: 'flex', alignItems: 'flex-start', gap: 0.5, bgcolor: 'action.hover', borderRadius: 1, px: 1, py: 0.5 }}
        >
          <Box sx={{ flex: 1, minWidth: 0 }}>
            {showPlatform && (
              <Typography variant="caption" color="text.secondary" component="div">
                on {command.platformName}
              </Typography>
            )}
            <Typography component="code" sx={{ fontFamily: MONO, fontSize: '0.82rem', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', display: 'block' }}>
              {command.text}
            </Typography>
          </Box>
          <CopyButton text={command.text} label={`Copy the command ${i + 1} of ${step.title}`} />
        </Box>
      ))}
    </Box>
  );
}

/** What a manual step asks: the instructions and the exact values, each copyable. */
export function ManualValues({ step }: { step: WizardStepView }) {
  if (!step.manual) return null;
  return (
    <Stack spacing={1}>
      {step.manual.instructions.length > 0 && (
        <Box component="ol" sx={{ m: 0, pl: 3 }}>
          {step.manual.instructions.map((line, i) => (
            <Typography component="li" key={i} variant="body2">
              {line}
            </Typography>
          ))}
        </Box>
      )}
      {step.manual.values.length > 0 && (
        <Box component="dl" aria-label={`Values for ${step.title}`} sx={{ m: 0, display: 'grid', gridTemplateColumns: 'minmax(120px, max-content) 1fr', columnGap: 2, rowGap: 0.5, alignItems: 'center' }}>
          {step.manual.values.map((v) => (
            <Box key={v.label} sx={{ display: 'contents' }}>
              <Typography component="dt" variant="body2" color="text.secondary">
                {v.label}
              </Typography>
              <Box component="dd" sx={{ m: 0, display: 'flex', alignItems: 'center', gap: 0.5, minWidth: 0 }}>
                <Typography component="code" sx={{ fontFamily: MONO, fontSize: '0.85rem', overflowWrap: 'anywhere' }}>
                  {v.value}
                </Typography>
                <CopyButton text={v.value} label={`Copy ${v.label}`} />
              </Box>
            </Box>
          ))}
        </Box>
      )}
    </Stack>
  );
}

/** A step's explanation, commands and manual values, as the plan and the run page show them. */
export function StepBody({ step, showPlatform }: { step: WizardStepView; showPlatform: boolean }) {
  return (
    <Stack spacing={1}>
      <Typography variant="body2">{step.explanation}</Typography>
      <ManualValues step={step} />
      <CommandList step={step} showPlatform={showPlatform} />
    </Stack>
  );
}
