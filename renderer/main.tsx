import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectionOpen, startReading } from './startup';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
startReading();
// The requests leave once the socket is open; the first render waits for that (briefly), not the other way round.
void connectionOpen(150).then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
