/** Longest text copied from a request into a card: a megabyte drug name must not be copied into every card. */
const MAX_COPIED = 200;
/** Most items named in one list; the rest are counted ("and 12 more"). */
const MAX_LISTED = 5;

/**
 * Text copied from a request (drug names, order text, condition names) is bounded and escaped
 * before it is put into markdown: EHRs render card `detail`, and the app renders findings.
 */
export function escapeMarkdown(text: string): string {
  return escapeText(text.length > MAX_COPIED ? `${text.slice(0, MAX_COPIED - 1)}…` : text);
}

/** Our own text (a citation) escaped for inline markdown, whole: it is bounded where it is written. */
export function escapeText(text: string): string {
  // Inline text only (never at a line start), so list and heading markers need no escape;
  // with brackets escaped no link or image can form.
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Cuts a one-line summary to fit `max` characters (CDS Hooks: summary under 140). */
export function fitSummary(text: string, max = 139): string {
  // Most summaries hold no run of whitespace and no other space than ' ': no copy for them.
  const flat = (/\s\s|[^\S ]/.test(text) ? text.replace(/\s+/g, ' ') : text).trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/**
 * Names copied from a request as an inline list: escaped, at most MAX_LISTED named. A card lists
 * the other orders it concerns; unbounded, 1,000 draft orders would make a million names.
 */
export function listOf(names: readonly string[]): string {
  const named = names.slice(0, MAX_LISTED).map(escapeMarkdown).join(', ');
  return names.length > MAX_LISTED ? `${named} and ${names.length - MAX_LISTED} more` : named;
}
