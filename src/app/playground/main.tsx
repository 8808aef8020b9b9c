import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Playground } from './Playground.js';
import '../styles.css';
import './playground.css';

/** The demo's hook playground: signs draft orders through the real CDS Hooks path. */
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Playground />
  </StrictMode>,
);
