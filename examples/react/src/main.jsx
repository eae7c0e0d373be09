import { Component, StrictMode } from 'react';
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

// useChecklistClient throws when the client cannot be made (the module did not load, say):
// this boundary shows why, and mounting the app again tries again.
class Retry extends Component {
  state = { error: null };

  static getDerivedStateFromError(error) {
    return { error };
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <p role="alert">
        The checklist could not start: {this.state.error.message}{' '}
        <button type="button" onClick={() => this.setState({ error: null })}>Try again</button>
      </p>
    );
  }
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <Retry>
      <App config={config} />
    </Retry>
  </StrictMode>,
);
