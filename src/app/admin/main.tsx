import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { chosenLocale, pageLocale, pickLocale, renderInLanguage, showIn } from '../language.js';
import { Admin } from './Admin.js';
import '../styles.css';
import './admin.css';

/**
 * The informatics teams' page: how physicians respond to each rule's cards, per tenant and period,
 * in the reader's choice of language (a switch, or the landing page's `?lang=`), else the browser's.
 */
const root = createRoot(document.getElementById('root') as HTMLElement);
void showIn(
  pickLocale({ chosen: chosenLocale(window.location.search, sessionStorage), browser: navigator.languages }),
).then(() =>
  renderInLanguage(root, (onLanguage) => (
    <StrictMode>
      <Admin key={pageLocale()} onLanguage={onLanguage} />
    </StrictMode>
  )),
);
