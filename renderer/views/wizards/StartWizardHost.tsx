import { useEffect } from 'react';
import { useWizards } from '../../store/wizardStore';
import { StartWizardDialog } from './StartWizardDialog';

/** The start dialog of the screen it is on, opened by a Fix button or the catalog; closed when the screen goes. */
export function StartWizardHost() {
  const starting = useWizards((s) => s.starting);
  const requestStart = useWizards((s) => s.requestStart);
  const loadCatalog = useWizards((s) => s.loadCatalog);
  useEffect(() => {
    void loadCatalog();
    return () => requestStart(null);
  }, [requestStart, loadCatalog]);
  return <StartWizardDialog request={starting} onClose={() => requestStart(null)} />;
}
