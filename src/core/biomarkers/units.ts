import ucum from '@lhncbc/ucum-lhc';
import { memoizeString } from '../util/memo.js';

/**
 * Unit handling: lab unit strings → UCUM, and UCUM → canonical conversions through NLM's
 * ucum-lhc. Conversions between the units used here are linear, so each (from, to, molecular
 * weight) pair is converted once and its factor cached: one Observation then costs a multiply.
 */

let utils: ReturnType<typeof ucum.UcumLhcUtils.getInstance> | undefined;
function ucumUtils() {
  utils ??= ucum.UcumLhcUtils.getInstance();
  return utils;
}

const UNITLESS = new Set(['', '1', '{ratio}', 'ratio', '{inr}', 'inr', '{index}', '{#}']);

/** Text that labs send instead of UCUM codes, mapped by pattern to the UCUM code. */
function rewriteLabText(raw: string): string {
  let unit = raw
    .trim()
    .replace(/[µμ]/g, 'u')
    .replace(/\bmc(?=g|mol|l|L)/g, 'u')
    .replace(/×/g, 'x')
    .replace(/⁹/g, '^9')
    .replace(/³/g, '^3')
    .replace(/\s+/g, '');
  // "cells/uL", "{cells}/uL", "cells/mm3": the count is implied by the unit.
  unit = unit.replace(/^\{?cells\}?\//i, '/');
  // "x10^9/L", "x10E9/L", "10^9/L", "10E9/L" → "10*9/L"
  unit = unit.replace(/^x?10(?:\^|E|\*)(\d+)/i, '10*$1');
  // "K/uL", "thou/uL" → "10*3/uL"
  unit = unit.replace(/^(?:K|k|thou)\/(?=u?L|mm3)/, '10*3/');
  // "IU/mL", "kIU/L" → bracketed arbitrary unit
  unit = unit.replace(/(^|[^[])IU/g, '$1[IU]');
  // lower-case litre and decilitre spellings
  unit = unit.replace(/\/(m|d|u|n)?l$/i, (_m, prefix: string | undefined) => `/${prefix?.toLowerCase() ?? ''}L`);
  if (unit === '/mm3') unit = '/uL';
  return unit;
}

/**
 * The UCUM code for a lab unit (code preferred over text by the caller), or null when the unit
 * is not valid UCUM even after rewriting common lab spellings.
 */
export function normalizeUnit(raw: string | undefined): string | null {
  return raw === undefined ? '' : normalized(raw);
}

/** Bounded (util/memo.ts): every distinct unit string a caller sends used to be kept forever. */
const normalized = memoizeString((raw: string): string | null => {
  const trimmed = raw.trim();
  if (UNITLESS.has(trimmed.toLowerCase())) return '';
  const rewritten = rewriteLabText(trimmed);
  const check = ucumUtils().validateUnitString(rewritten);
  return check.status === 'valid' ? (check.ucumCode ?? rewritten) : null;
}, 5_000);

/** Arbitrary units (e.g. `[IU]`) are not convertible in UCUM even to themselves with a prefix. */
function withoutArbitraryUnit(from: string, to: string): [string, string] {
  // Both sides carry the same arbitrary unit, so only the prefixes and volumes differ: replace it
  // with a non-arbitrary unit of any kind to let UCUM compute that ratio.
  if (from.includes('[IU]') && to.includes('[IU]')) {
    return [from.replaceAll('[IU]', 'U'), to.replaceAll('[IU]', 'U')];
  }
  return [from, to];
}

/**
 * Factor to multiply a value in `from` by to express it in `to`, or null when the units are not
 * commensurable (or a mass ↔ substance conversion lacks a molecular weight).
 */
export function conversionFactor(from: string, to: string, molecularWeight?: number): number | null {
  if (from === to) return 1;
  if (from === '' || to === '') return null;
  return factor(`${from}\u0000${to}\u0000${molecularWeight ?? ''}`);
}

/** By `from␀to␀molecular weight` (NUL is no UCUM character); bounded like `normalized`. */
const factor = memoizeString((key: string): number | null => {
  const [from = '', to = '', weight = ''] = key.split('\u0000');
  const molecularWeight = Number(weight);
  const [f, t] = withoutArbitraryUnit(from, to);
  const result = ucumUtils().convertUnitTo(f, 1, t, molecularWeight ? { molecularWeight } : {});
  return result.status === 'succeeded' && typeof result.toVal === 'number' ? result.toVal : null;
}, 5_000);
