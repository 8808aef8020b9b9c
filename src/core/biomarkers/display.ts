import { markerShort } from '../messages/names.js';
import type { MessageKey, Translator } from '../messages/translator.js';
import type { BiomarkerDefinition } from './catalog.js';
import { canonicalDisplay, type DisplayUnit } from './display-unit.js';
import type { AppliedThreshold, Measurement } from './measurement.js';
import { tidy } from './tidy.js';

/**
 * Results as a clinician reads them: in the unit the lab sent (else the unit clinicians use for
 * that marker), rounded per marker, the lab-range flag and, separately, each clinical threshold
 * crossed with its source. The table, the compartment badge, every card and the CLI use these.
 */

/** The unit a marker's values are shown in for this measurement (chosen when it was measured). */
export function displayUnit(marker: BiomarkerDefinition, m?: Measurement): DisplayUnit {
  return m?.shownIn ?? canonicalDisplay(marker);
}

function shown(t: Translator, canonical: number, unit: DisplayUnit): string {
  return t.number(tidy(canonical * unit.factor), unit.decimals, unit.minDecimals);
}

function unitValue(t: Translator, unit: DisplayUnit): string {
  const text = t.unit(unit.ucum);
  return text === '' ? 'none' : text;
}

/** "0.72 ×10⁹/L", "330 cells/µL", "24 %", "<5 pg/mL". */
export function formatQuantity(t: Translator, m: Measurement, marker: BiomarkerDefinition): string {
  const unit = displayUnit(marker, m);
  return t.t('quantity.value', {
    comparator: m.comparator ?? '',
    value: shown(t, m.value, unit),
    unit: unitValue(t, unit),
  });
}

/** A threshold in the unit the measurement is shown in ("1.0 ×10⁹/L", "200 cells/µL"). */
export function formatThreshold(t: Translator, value: number, marker: BiomarkerDefinition, m?: Measurement): string {
  const unit = displayUnit(marker, m);
  return t.t('quantity.value', { comparator: '', value: shown(t, value, unit), unit: unitValue(t, unit) });
}

/** The reference range applied to a result, in its display unit ("30–100 ng/mL"); undefined without one. */
export function formatRange(t: Translator, m: Measurement, marker: BiomarkerDefinition): string | undefined {
  const r = m.referenceRange;
  if (!r || (r.low === undefined && r.high === undefined)) return undefined;
  const unit = displayUnit(marker, m);
  const values = { unit: unitValue(t, unit) };
  if (r.low !== undefined && r.high !== undefined)
    return t.t('quantity.range', { ...values, low: shown(t, r.low, unit), high: shown(t, r.high, unit) });
  if (r.high !== undefined) return t.t('quantity.rangeBelow', { ...values, high: shown(t, r.high, unit) });
  return t.t('quantity.rangeAbove', { ...values, low: shown(t, r.low as number, unit) });
}

/** "CD4 330 cells/µL", "CD4 24 %" (a percentage marker is not named "CD4 %" before its "%"). */
export function formatResult(t: Translator, m: Measurement, marker: BiomarkerDefinition): string {
  const short = markerShort(t, marker);
  const name = marker.unit === '%' ? short.replace(/,? %$/, '') : short;
  return t.t('result.value', { marker: name, quantity: formatQuantity(t, m, marker) });
}

export interface ResultReading {
  /** The lab-range flag in words ("within the lab range"); "no lab range" when none applies. */
  flag: string;
  /** Whether the flag comes from the lab's own range, the catalog's adult range, or none. */
  rangeOrigin: 'observation' | 'catalog' | 'none';
  /** The reference range shown beside the flag. */
  range?: string;
  /** Each clinical threshold crossed, with its source ("above 50 ng/mL (possible excess; IOM 2011)"). */
  thresholds: string[];
}

function thresholdLine(
  t: Translator,
  key: MessageKey,
  threshold: AppliedThreshold,
  marker: BiomarkerDefinition,
  m: Measurement,
): string {
  // Inline, a threshold names its source briefly ("IOM 2011"); the full citation is in the sources.
  const source = threshold.source === 'laboratory' ? t.t('result.labLimit') : (threshold.short ?? 'none');
  return t.t(key, { threshold: formatThreshold(t, threshold.value, marker, m), source });
}

/** One interpretation per result: the lab flag and, separately, the thresholds it crosses. */
export function readResult(t: Translator, m: Measurement, marker: BiomarkerDefinition): ResultReading {
  const thresholds: string[] = [];
  if (m.deficit) thresholds.push(thresholdLine(t, 'result.belowDeficit', m.deficit, marker, m));
  if (m.excess) thresholds.push(thresholdLine(t, 'result.aboveExcess', m.excess, marker, m));
  const range = formatRange(t, m, marker);
  return {
    flag: t.t(`interpretation.${m.interpretation}`),
    rangeOrigin: m.referenceRange?.origin ?? 'none',
    ...(range ? { range } : {}),
    thresholds,
  };
}

/** "25(OH)D 68 ng/mL, 5 Oct 2026 — within the lab range (30–100 ng/mL); above 50 ng/mL (possible excess; IOM 2011)". */
export function describeResult(t: Translator, m: Measurement, marker: BiomarkerDefinition): string {
  const reading = readResult(t, m, marker);
  return t.t('result.described', {
    result: formatResult(t, m, marker),
    date: t.date(m.day),
    flag: reading.range ? t.t('result.flagWithRange', { flag: reading.flag, range: reading.range }) : reading.flag,
    thresholds: reading.thresholds.length > 0 ? reading.thresholds.join('; ') : 'none',
  });
}

/** The fitted rate a trend is drawn from (see `trendOf` in profile.ts). */
export interface TrendRate {
  direction: 'up' | 'down' | 'stable';
  changePer30Days: number;
  periodDays: 30 | 365;
  points: number;
  spanDays: number;
}

/** "+12 cells/µL per 30 days" (or "per year" for long series), in the result's display unit and precision. */
export function formatRate(t: Translator, trend: TrendRate, marker: BiomarkerDefinition, m?: Measurement): string {
  const unit = displayUnit(marker, m);
  const value = tidy((trend.changePer30Days / 30) * trend.periodDays * unit.factor);
  const sign = value > 0 ? '+' : '';
  const change = t.t('quantity.value', {
    comparator: sign,
    value: t.number(value, unit.decimals, unit.minDecimals),
    unit: unitValue(t, unit),
  });
  return t.t('trend.rate', { change, period: trend.periodDays === 365 ? 'year' : 'month' });
}

/** "rising, +12 cells/µL per 30 days over 4 results in 180 days". */
export function describeTrend(t: Translator, trend: TrendRate, marker: BiomarkerDefinition, m?: Measurement): string {
  return t.t('trend.described', {
    direction: t.t(`trend.${trend.direction}`),
    rate: formatRate(t, trend, marker, m),
    points: trend.points,
    days: trend.spanDays,
  });
}
