import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { chosenLocale, pageLocale, pickLocale, renderInLanguage, showIn } from '../language.js';
import { Playground } from './Playground.js';
import '../styles.css';
import './playground.css';

/**
 * The demo's hook playground: signs draft orders through the real CDS Hooks path,
 * in the reader's choice of language (a switch, or the landing page's `?lang=`), else the browser's.
 */
const root = createRoot(document.getElementById('root') as HTMLElement);
void showIn(
  pickLocale({ chosen: chosenLocale(window.location.search, sessionStorage), browser: navigator.languages }),
).then(() =>
  renderInLanguage(root, (onLanguage) => (
    <StrictMode>
      <Playground key={pageLocale()} onLanguage={onLanguage} />
    </StrictMode>
  )),
);
