import { useEffect, useState } from 'react';
import { Box, LinearProgress, Tab, Tabs } from '@mui/material';
import { ViewHeader } from '../components/ViewHeader';
import { useWizards } from '../store/wizardStore';
import { AuditTab } from './wizards/AuditTab';
import { CatalogTab } from './wizards/CatalogTab';
import { RunPage } from './wizards/RunPage';
import { RunsTab } from './wizards/RunsTab';
import { StartWizardHost } from './wizards/StartWizardHost';

type WizardTab = 'runs' | 'catalog' | 'audit';

export function WizardsView() {
  const { load, loadCatalog, openRunId } = useWizards();
  useEffect(() => {
    void load();
    void loadCatalog();
  }, [load, loadCatalog]);
  return (
    <>
      {openRunId ? <RunPage runId={openRunId} /> : <Lists />}
      <StartWizardHost />
    </>
  );
}

function Lists() {
  const { loaded, runs } = useWizards();
  const [tab, setTab] = useState<WizardTab>('runs');
  return (
    <>
      <ViewHeader title="Wizards" subtitle="The App Platform wiki's recovery procedures, run step by step, with every command shown first and recorded." />
      {!loaded && <LinearProgress aria-label="Loading the wizard runs" sx={{ mb: 2 }} />}
      <Box sx={{ borderBottom: 1, borderColor: 'divider', mb: 2 }}>
        <Tabs value={tab} onChange={(_e, value: WizardTab) => setTab(value)} aria-label="Wizard lists">
          <Tab value="runs" label={`Runs (${runs.size})`} id="wizards-tab-runs" aria-controls="wizards-panel-runs" />
          <Tab value="catalog" label="Catalog" id="wizards-tab-catalog" aria-controls="wizards-panel-catalog" />
          <Tab value="audit" label="Audit log" id="wizards-tab-audit" aria-controls="wizards-panel-audit" />
        </Tabs>
      </Box>
      <div role="tabpanel" id={`wizards-panel-${tab}`} aria-labelledby={`wizards-tab-${tab}`}>
        {tab === 'runs' ? <RunsTab /> : tab === 'catalog' ? <CatalogTab /> : <AuditTab />}
      </div>
    </>
  );
}
