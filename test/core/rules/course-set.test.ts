import { describe, expect, it } from 'vitest';
import { defaultSiteConfig } from '../../../src/core/config/schema.js';
import type { RecognizedOrder } from '../../../src/core/drugs/orders.js';
import { readResources } from '../../../src/core/fhir/parse.js';
import { buildPatientContext, recognizeDraftOrders } from '../../../src/core/rules/context.js';
import { CourseSet } from '../../../src/core/rules/courses.js';

/**
 * A patient's courses are grouped once and each order being signed is placed into them
 * (CourseSet.with): the result must be what grouping the history with the order from scratch
 * gives — for refills by link, by shared group, within and past the gap, and back-dated orders.
 */

const NOW = new Date('2026-11-01T09:00:00Z');
const DAY = 86_400_000;
const ATC = 'http://www.whocc.no/atc';
const GAP_DAYS = defaultSiteConfig().thresholds.courses.continuationGapDays;

function request(id: string, startDay: number, days: number | undefined, extra: Record<string, unknown> = {}) {
  const start = new Date(NOW.getTime() + startDay * DAY);
  return {
    resourceType: 'MedicationRequest',
    id,
    status: days === undefined ? 'active' : 'completed',
    intent: 'order',
    subject: { reference: 'Patient/p1' },
    authoredOn: start.toISOString(),
    medicationCodeableConcept: { coding: [{ system: ATC, code: 'J05AX05', display: 'inosine pranobex' }] },
    dosageInstruction: [
      {
        timing: {
          repeat: {
            frequency: 3,
            period: 1,
            periodUnit: 'd',
            ...(days === undefined
              ? {}
              : {
                  boundsPeriod: {
                    start: start.toISOString(),
                    end: new Date(start.getTime() + days * DAY).toISOString(),
                  },
                }),
          },
        },
      },
    ],
    ...extra,
  };
}

/** A history of courses: refills within the gap, a link across a long pause, a shared group, single courses. */
const HISTORY = [
  request('a1', -400, 10),
  request('a2', -388, 10),
  request('b1', -300, 14),
  request('b2', -250, 14, { priorPrescription: { reference: 'MedicationRequest/b1' } }),
  request('c1', -200, 10, { groupIdentifier: { system: 'https://hospital.example.org/rx', value: 'G-1' } }),
  request('c2', -150, 10, { groupIdentifier: { system: 'https://hospital.example.org/rx', value: 'G-1' } }),
  request('d1', -60, 10),
  request('e1', -20, 14),
];

const DRAFTS = {
  refillWithinGap: request('x1', -4, 10, { status: 'draft' }),
  newCourse: request('x2', 10, 10, { status: 'draft' }),
  linkedToOld: request('x3', 10, 10, { status: 'draft', priorPrescription: { reference: 'MedicationRequest/a1' } }),
  sharedGroup: request('x4', 10, 10, {
    status: 'draft',
    groupIdentifier: { system: 'https://hospital.example.org/rx', value: 'G-1' },
  }),
  backDated: request('x5', -295, 10, { status: 'draft' }),
  unbounded: request('x6', 1, undefined, { status: 'draft' }),
};

function setUp() {
  const context = buildPatientContext(
    readResources([{ resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1970-05-01' }, ...HISTORY]),
    { now: NOW, config: defaultSiteConfig(), patientId: 'p1' },
  );
  return { context, history: context.history };
}

const ids = (courses: { orders: RecognizedOrder[] }[]) => courses.map((c) => c.orders.map((o) => o.id));

describe('courses grouped once, each draft placed into them', () => {
  const { context, history } = setUp();
  const set = new CourseSet(history, 'booster', GAP_DAYS);

  it('groups the history as refills, links and shared groups say', () => {
    expect(ids(set.courses)).toEqual([['a1', 'a2'], ['b1', 'b2'], ['c1', 'c2'], ['d1'], ['e1']]);
    expect(set.courses[0]?.plannedDays).toBe(20);
  });

  for (const [name, draft] of Object.entries(DRAFTS)) {
    it(`places a draft (${name}) as grouping from scratch does`, () => {
      const [order] = recognizeDraftOrders(readResources([draft]), context);
      if (!order) throw new Error('draft not recognised');
      const placed = set.with(order);
      const scratch = new CourseSet([...history, order], 'booster', GAP_DAYS).courses;
      expect(ids(placed.courses)).toEqual(ids(scratch));
      expect(placed.courses.map((c) => c.plannedDays)).toEqual(scratch.map((c) => c.plannedDays));
      expect(placed.own.orders).toContain(order);
      // The set itself is not changed by a draft.
      expect(ids(set.courses)).toEqual([['a1', 'a2'], ['b1', 'b2'], ['c1', 'c2'], ['d1'], ['e1']]);
    });
  }

  it('names the course each draft joins', () => {
    const own = (draft: Record<string, unknown>) => {
      const [order] = recognizeDraftOrders(readResources([draft]), context);
      return (order && set.with(order).own.orders.map((o) => o.id)) ?? [];
    };
    expect(own(DRAFTS.refillWithinGap)).toEqual(['e1', 'x1']);
    expect(own(DRAFTS.newCourse)).toEqual(['x2']);
    expect(own(DRAFTS.linkedToOld)).toEqual(['a1', 'a2', 'x3']);
    expect(own(DRAFTS.sharedGroup)).toEqual(['c1', 'c2', 'x4']);
    expect(own(DRAFTS.backDated)).toEqual(['b1', 'x5', 'b2']);
  });

  it('answers a history order with its own course', () => {
    const e1 = history.find((o) => o.id === 'e1') as RecognizedOrder;
    expect(set.with(e1).courses).toBe(set.courses);
    expect(set.with(e1).own.orders.map((o) => o.id)).toEqual(['e1']);
  });
});
