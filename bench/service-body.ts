import { makeObservations } from './observations.js';
import { makeHistory } from './rules.js';

/**
 * The order-sign request of the service benchmark: realistic Observations (150 by default: about
 * 61 kB), 20 MedicationRequests and 3 draft orders with full prefetch.
 */
export function benchRequestBody(observationCount = 150): string {
  // Lean but valid lab Observations (~230 B each), as the published measurements of this
  // machine used: id, status, LOINC code, subject, time, UCUM quantity.
  const observations = makeObservations(observationCount, 'bench-1').map((o) => ({
    resourceType: 'Observation',
    id: o.id,
    status: o.status,
    code: {
      coding: [{ system: 'http://loinc.org', code: (o.code as { coding: { code: string }[] }).coding[0]?.code }],
    },
    subject: o.subject,
    effectiveDateTime: o.effectiveDateTime,
    valueQuantity: o.valueQuantity,
  }));
  const history = makeHistory(20);
  const draft = (id: string, medication: Record<string, unknown>, dose?: [number, string]) => ({
    resourceType: 'MedicationRequest',
    id,
    status: 'draft',
    intent: 'order',
    subject: { reference: 'Patient/bench-1' },
    medicationCodeableConcept: medication,
    dosageInstruction: [
      {
        timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd' } },
        ...(dose
          ? {
              doseAndRate: [
                { doseQuantity: { value: dose[0], unit: dose[1], system: 'http://unitsofmeasure.org', code: dose[1] } },
              ],
            }
          : {}),
      },
    ],
  });
  const body = {
    hook: 'order-sign',
    hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
    fhirServer: 'https://ehr.example.org/fhir',
    context: {
      userId: 'Practitioner/dr-1',
      patientId: 'bench-1',
      draftOrders: {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [
          { resource: draft('d-1', { text: 'Polyoxidonium 12 mg' }) },
          {
            resource: draft(
              'd-2',
              { coding: [{ system: 'http://www.whocc.no/atc', code: 'A11CC05', display: 'colecalciferol' }] },
              [10000, '[IU]'],
            ),
          },
          {
            resource: draft(
              'd-3',
              { coding: [{ system: 'http://www.whocc.no/atc', code: 'C09AA05', display: 'ramipril' }] },
              [5, 'mg'],
            ),
          },
        ],
      },
    },
    prefetch: {
      patient: { resourceType: 'Patient', id: 'bench-1', gender: 'female', birthDate: '1975-02-03' },
      observations: {
        resourceType: 'Bundle',
        type: 'searchset',
        entry: observations.map((resource) => ({ resource })),
      },
      medications: { resourceType: 'Bundle', type: 'searchset', entry: history.map((resource) => ({ resource })) },
      conditions: { resourceType: 'Bundle', type: 'searchset', entry: [] },
      immunizations: null,
    },
  };
  return JSON.stringify(body);
}
