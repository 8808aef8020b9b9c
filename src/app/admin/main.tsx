import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Admin } from './Admin.js';
import '../styles.css';
import './admin.css';

/** The informatics teams' page: how physicians respond to each rule's cards, per tenant and period. */
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Admin />
  </StrictMode>,
);
