import { Box, Chip, Stack, Typography } from '@mui/material';
import type { WizardPlan } from './wizardTypes';
import { PreconditionList } from './PreconditionList';
import { DestructiveBadge, KindBadge, StepBody } from './StepDetails';

/** The dry run: every step with its explanation and exact commands; nothing of it has run. */
export function PlanView({ plan }: { plan: WizardPlan }) {
  const destructive = plan.steps.filter((s) => s.destructive).length;
  const showPlatform = plan.steps.some((s) => s.commands.some((c) => c.platformId !== plan.platformId));
  return (
    <Box component="section" aria-label={`Plan of ${plan.title} on ${plan.platformName}`}>
      <Typography variant="h3" component="h3" sx={{ fontSize: '1.05rem', fontWeight: 600, mb: 0.5 }}>
        Plan for {plan.platformName}: {plan.steps.length} steps{destructive ? `, ${destructive} that change the platform and ask for its name first` : ''}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        Nothing has run: this is what the wizard would do, with the commands as they would run now. The preconditions are checked when it starts.
      </Typography>
      <PreconditionList preconditions={plan.preconditions} label="Preconditions" />
      <Stack component="ol" spacing={1.5} sx={{ listStyle: 'none', p: 0, mt: 2, mb: 0 }} aria-label="Steps">
        {plan.steps.map((step, i) => (
          <Box component="li" key={step.id} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5 }}>
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 0.75 }}>
              <Chip size="small" label={i + 1} aria-hidden />
              <Typography sx={{ fontWeight: 600 }}>{step.title}</Typography>
              {step.destructive && <DestructiveBadge />}
              <KindBadge kind={step.kind} />
            </Box>
            <StepBody step={step} showPlatform={showPlatform} />
          </Box>
        ))}
      </Stack>
    </Box>
  );
}
