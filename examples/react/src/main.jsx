import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.jsx';

// The API to sync with: `?api=&user=&token=` (the tests pass them), else the demo's
// server on this origin (`bash scripts/demo.sh` serves the API on 127.0.0.1:8787).
const query = new URLSearchParams(location.search);
const config = {
  baseUrl: query.get('api') ?? location.origin,
  userId: query.get('user') ?? 'demo-user',
  token: query.get('token') ?? 'demo-user-token',
};

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App config={config} />
  </StrictMode>,
);
