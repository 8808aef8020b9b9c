import { preloadable } from './preloadable.js';

/**
 * The markdown renderer (react-markdown) in its own chunk, one view for every finding: fetched
 * ahead with the profile's views, so a finding's detail appears with it, not a moment after.
 */
export const MarkdownView = preloadable(() => import('./Markdown.js'));
