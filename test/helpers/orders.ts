/**
 * Builders of realistic FHIR R4 orders for rule tests: MedicationRequests as EHRs send them
 * (RxNorm and/or ATC codings with displays, structured dosage, dispense request), vaccine
 * ServiceRequests, Conditions and Immunizations. Codes come from the clinical reference.
 */

export const ATC = 'http://www.whocc.no/atc';
export const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
export const CVX = 'http://hl7.org/fhir/sid/cvx';
export const SNOMED = 'http://snomed.info/sct';

export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}

export const drugs = {
  filgrastim: [
    { system: RXNORM, code: '68442', display: 'filgrastim' },
    { system: ATC, code: 'L03AA02', display: 'filgrastim' },
  ],
  pegfilgrastim: [{ system: ATC, code: 'L03AA13', display: 'pegfilgrastim' }],
  peginterferonAlfa2a: [{ system: ATC, code: 'L03AB11', display: 'peginterferon alfa-2a' }],
  levamisole: [{ system: ATC, code: 'P02CE01', display: 'levamisole' }],
  warfarin: [
    { system: RXNORM, code: '11289', display: 'warfarin' },
    { system: ATC, code: 'B01AA03', display: 'warfarin' },
  ],
  apixaban: [{ system: ATC, code: 'B01AF02', display: 'apixaban' }],
  aspirin: [{ system: ATC, code: 'B01AC06', display: 'acetylsalicylic acid' }],
  methotrexate: [
    { system: RXNORM, code: '6851', display: 'methotrexate' },
    { system: ATC, code: 'L04AX03', display: 'methotrexate' },
  ],
  prednisone: [
    { system: RXNORM, code: '8640', display: 'prednisone' },
    { system: ATC, code: 'H02AB07', display: 'prednisone' },
  ],
  cyclophosphamide: [
    { system: RXNORM, code: '3002', display: 'cyclophosphamide' },
    { system: ATC, code: 'L01AA01', display: 'cyclophosphamide' },
  ],
  carboplatin: [{ system: ATC, code: 'L01XA02', display: 'carboplatin' }],
  rituximab: [
    { system: RXNORM, code: '121191', display: 'rituximab' },
    { system: ATC, code: 'L01FA01', display: 'rituximab' },
  ],
  pembrolizumab: [{ system: ATC, code: 'L01FF02', display: 'pembrolizumab' }],
  adalimumab: [{ system: ATC, code: 'L04AB04', display: 'adalimumab' }],
  colecalciferol: [{ system: ATC, code: 'A11CC05', display: 'colecalciferol' }],
  zincSulfate: [{ system: ATC, code: 'A12CB01', display: 'zinc sulfate' }],
  sodiumSelenite: [{ system: ATC, code: 'A12CE02', display: 'sodium selenite' }],
  omega3: [{ system: ATC, code: 'C10AX06', display: 'omega-3-triglycerides incl. other esters and acids' }],
  inosinePranobex: [{ system: ATC, code: 'J05AX05', display: 'inosine pranobex' }],
  pidotimod: [{ system: ATC, code: 'L03AX05', display: 'pidotimod' }],
  interferonBeta1a: [{ system: ATC, code: 'L03AB07', display: 'interferon beta-1a' }],
  imiquimod: [{ system: ATC, code: 'D06BB10', display: 'imiquimod' }],
} satisfies Record<string, Coding[]>;

export interface OrderOptions {
  id: string;
  codings?: Coding[];
  text?: string;
  status?: string;
  authoredOn?: string;
  dose?: { value: number; unit: string; code?: string };
  frequency?: number;
  period?: number;
  periodUnit?: string;
  boundsDays?: number;
  boundsPeriod?: { start?: string; end?: string };
  count?: number;
  supplyDays?: number;
  route?: { code?: string; display: string };
  patient?: string;
  medicationReference?: string;
  contained?: unknown[];
}

export function medicationRequest(o: OrderOptions): Record<string, unknown> {
  const repeat: Record<string, unknown> = {
    frequency: o.frequency ?? 1,
    period: o.period ?? 1,
    periodUnit: o.periodUnit ?? 'd',
  };
  if (o.boundsDays !== undefined) {
    repeat.boundsDuration = { value: o.boundsDays, unit: 'days', system: 'http://unitsofmeasure.org', code: 'd' };
  }
  if (o.boundsPeriod) repeat.boundsPeriod = o.boundsPeriod;
  if (o.count !== undefined) repeat.count = o.count;
  const dosage: Record<string, unknown> = {
    sequence: 1,
    text: `${o.dose ? `${o.dose.value} ${o.dose.unit}` : '1 dose'} ${o.frequency ?? 1} time(s) per ${o.period ?? 1} ${o.periodUnit ?? 'd'}`,
    timing: { repeat },
  };
  if (o.route) {
    dosage.route = {
      coding: [{ system: SNOMED, ...(o.route.code ? { code: o.route.code } : {}), display: o.route.display }],
    };
  }
  if (o.dose) {
    dosage.doseAndRate = [
      {
        type: {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/dose-rate-type', code: 'ordered', display: 'Ordered' },
          ],
        },
        doseQuantity: {
          value: o.dose.value,
          unit: o.dose.unit,
          system: 'http://unitsofmeasure.org',
          code: o.dose.code ?? o.dose.unit,
        },
      },
    ];
  }
  const request: Record<string, unknown> = {
    resourceType: 'MedicationRequest',
    id: o.id,
    identifier: [{ system: 'https://hospital.example.org/orders', value: `ORD-${o.id}` }],
    status: o.status ?? 'active',
    intent: 'order',
    subject: { reference: `Patient/${o.patient ?? 'p1'}` },
    authoredOn: o.authoredOn ?? '2026-10-30T10:00:00+05:00',
    requester: { reference: 'Practitioner/dr-1', display: 'Dr. Nodira Yusupova' },
    dosageInstruction: [dosage],
  };
  if (o.medicationReference) {
    request.medicationReference = { reference: o.medicationReference };
  } else {
    request.medicationCodeableConcept = {
      ...(o.codings ? { coding: o.codings } : {}),
      ...(o.text ? { text: o.text } : {}),
    };
  }
  if (o.contained) request.contained = o.contained;
  if (o.supplyDays !== undefined) {
    request.dispenseRequest = {
      numberOfRepeatsAllowed: 0,
      expectedSupplyDuration: { value: o.supplyDays, unit: 'days', system: 'http://unitsofmeasure.org', code: 'd' },
    };
  }
  return request;
}

export function vaccineServiceRequest(
  id: string,
  cvx: string,
  display: string,
  patient = 'p1',
): Record<string, unknown> {
  return {
    resourceType: 'ServiceRequest',
    id,
    status: 'draft',
    intent: 'order',
    category: [
      {
        coding: [
          {
            system: SNOMED,
            code: '33879002',
            display: 'Administration of vaccine to produce active immunity (procedure)',
          },
        ],
      },
    ],
    code: { coding: [{ system: CVX, code: cvx, display }], text: display },
    subject: { reference: `Patient/${patient}` },
    authoredOn: '2026-11-01T09:00:00+05:00',
  };
}

export function vaccineMedicationRequest(id: string, cvx: string, display: string): Record<string, unknown> {
  return medicationRequest({ id, status: 'draft', codings: [{ system: CVX, code: cvx, display }], count: 1 });
}

export function condition(
  id: string,
  code: string,
  display: string,
  options: { active?: boolean; system?: string; patient?: string } = {},
) {
  return {
    resourceType: 'Condition',
    id,
    clinicalStatus: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
          code: options.active === false ? 'resolved' : 'active',
        },
      ],
    },
    verificationStatus: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }],
    },
    category: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' }] },
    ],
    code: { coding: [{ system: options.system ?? SNOMED, code, display }], text: display },
    subject: { reference: `Patient/${options.patient ?? 'p1'}` },
    onsetDateTime: '2024-03-01',
  };
}

export function immunization(id: string, cvx: string, display: string, date: string) {
  return {
    resourceType: 'Immunization',
    id,
    status: 'completed',
    vaccineCode: { coding: [{ system: CVX, code: cvx, display }], text: display },
    patient: { reference: 'Patient/p1' },
    occurrenceDateTime: date,
    primarySource: true,
  };
}

export function labObservation(id: string, loinc: string, display: string, value: number, unit: string, date: string) {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] },
    ],
    code: { coding: [{ system: 'http://loinc.org', code: loinc, display }] },
    subject: { reference: 'Patient/p1' },
    effectiveDateTime: date,
    valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit },
  };
}

export const patient = {
  resourceType: 'Patient',
  id: 'p1',
  identifier: [{ system: 'https://hospital.example.org/mrn', value: 'MRN-900001' }],
  name: [{ family: 'Rahimova', given: ['Malika'] }],
  gender: 'female',
  birthDate: '1980-04-12',
};

/** A normal current immune panel (2026-10-01): ANC, ALC, CD4, CD4 %, IgG. */
export function normalPanel(date = '2026-10-01T08:00:00+05:00') {
  return [
    labObservation('n-anc', '751-8', 'Neutrophils [#/volume] in Blood by Automated count', 3.8, '10*9/L', date),
    labObservation('n-alc', '731-0', 'Lymphocytes [#/volume] in Blood by Automated count', 2.0, '10*9/L', date),
    labObservation('n-cd4', '24467-3', 'CD3+CD4+ (T4 helper) cells [#/volume] in Blood', 820, '/uL', date),
    labObservation('n-cd4p', '8123-2', 'CD3+CD4+ (T4 helper) cells/100 cells in Blood', 42, '%', date),
    labObservation('n-igg', '2465-3', 'IgG [Mass/volume] in Serum or Plasma', 10.8, 'g/L', date),
  ];
}

/** A current warfarin order and an in-range INR: the anticoagulated patient of the interaction tests. */
export function anticoagulated(): Record<string, unknown>[] {
  const warfarin = medicationRequest({
    id: 'warf',
    codings: drugs.warfarin,
    dose: { value: 5, unit: 'mg' },
    authoredOn: '2026-01-05',
  });
  const inr = labObservation(
    'inr',
    '6301-6',
    'INR in Platelet poor plasma by Coagulation assay',
    2.6,
    '{INR}',
    '2026-10-25',
  );
  return [warfarin, inr];
}
