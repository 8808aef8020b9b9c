/**
 * Drug-name matching on word boundaries after case, diacritic and script normalisation:
 * "Peginterferon alfa-2a" matches the synonym "peginterferon alfa 2a" but "interferon" does not
 * match inside "peginterferon", and "zinc" does not match "zincite".
 */

/** Lower case, no diacritics (NFKD strips them, so ё → е and й → и), non-letters/digits as one space. */
export function normalizeName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function tokenize(text: string): string[] {
  const normalized = normalizeName(text);
  return normalized === '' ? [] : normalized.split(' ');
}

interface Entry<T> {
  tokens: string[];
  value: T;
}

/** An index of names (each a token sequence) to values, scanned over free text. */
export class NameIndex<T> {
  private readonly byFirst = new Map<string, Entry<T>[]>();

  add(name: string, value: T): void {
    const tokens = tokenize(name);
    const first = tokens[0];
    if (first === undefined) return;
    const list = this.byFirst.get(first);
    const entry = { tokens, value };
    if (list) list.push(entry);
    else this.byFirst.set(first, [entry]);
  }

  /** Every value whose name occurs in the text as whole tokens; the longest name wins at a position. */
  find(text: string): { value: T; name: string }[] {
    const tokens = tokenize(text);
    const found: { value: T; name: string }[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const candidates = this.byFirst.get(tokens[i] as string);
      if (!candidates) continue;
      let best: Entry<T> | undefined;
      for (const c of candidates) {
        if (best && c.tokens.length <= best.tokens.length) continue;
        let ok = c.tokens.length <= tokens.length - i;
        for (let k = 1; ok && k < c.tokens.length; k++) ok = tokens[i + k] === c.tokens[k];
        if (ok) best = c;
      }
      if (best) {
        found.push({ value: best.value, name: best.tokens.join(' ') });
        i += best.tokens.length - 1;
      }
    }
    return found;
  }
}
