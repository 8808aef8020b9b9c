/**
 * Text copied from a request (drug names, order text, condition names) is escaped before it is
 * put into markdown: EHRs render card `detail`, and the app renders findings.
 */
export function escapeMarkdown(text: string): string {
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
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
