import conditions from './conditions.json' with { type: 'json' };
import courseOrders from './course_orders.json' with { type: 'json' };
import encounters from './encounters.json' with { type: 'json' };
import immunizations from './immunizations.json' with { type: 'json' };
import patients from './patients.json' with { type: 'json' };
import results from './results.json' with { type: 'json' };
import type { ViewDefinition } from './runner.js';

/**
 * The warehouse's ViewDefinitions, by table name (each file's `name`). The JSON files are the
 * definitions: Pathling or any other conformant runner reads them as they are.
 */
export const VIEWS: Readonly<Record<ViewName, ViewDefinition>> = {
  course_orders: courseOrders,
  results,
  encounters,
  conditions,
  immunizations,
  patients,
};

export const VIEW_NAMES = [
  'course_orders',
  'results',
  'encounters',
  'conditions',
  'immunizations',
  'patients',
] as const;

export type ViewName = (typeof VIEW_NAMES)[number];
