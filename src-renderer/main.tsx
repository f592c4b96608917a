import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { queryClient, transport } from './api/client';
import { startSession } from './api/session';
import { App } from './App';
import { SignInNeeded } from './screens/SignInNeeded';
import './styles.css';

const element = document.getElementById('root');
if (element === null) throw new Error('index.html has no #root');
const root = createRoot(element);

function showDesk(): void {
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}

// Browser mode signs in first (the launch link's one-time token); Electron needs no sign-in.
if (transport() === 'ipc') showDesk();
else
  startSession().then(
    (started) => (started === 'signed-in' ? showDesk() : root.render(<SignInNeeded reason={started} />)),
    () => root.render(<SignInNeeded reason="failed" />),
  );
