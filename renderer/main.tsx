import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectionSettled, startReading } from './startup';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
startReading();
// The screens' code (preloaded with the page) is evaluated once the first reads have left, so the engine works on them
// meanwhile. A connection that fails shows the screens at once, with the console's message about it.
void connectionSettled(2000)
  .then(() => import('./App'))
  .then(({ App }) =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
