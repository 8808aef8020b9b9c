/** The SMART app's views, panels and errors. */

/** The data each panel reads, as a physician names it. */
const DATA = {
  'app.data.patient': 'the patient record',
  'app.data.observations': 'laboratory results',
  'app.data.medications': 'medication orders',
  'app.data.conditions': 'diagnoses',
  'app.data.immunizations': 'immunizations',
} as const;

/** A panel whose data did not arrive: what happened, then what to do. */
const LOAD_FAILURES = {
  'app.load.notGranted.title': 'No access to {data}',
  'app.load.notGranted.message':
    'The EHR did not grant ImmunoSteward access to {data} — ask your EHR administrator to grant the {resource} scope.',
  'app.load.forbidden.title': 'No access to {data}',
  'app.load.forbidden.message':
    'The EHR did not allow ImmunoSteward to read {data} — ask your EHR administrator to grant the {resource} scope.',
  'app.load.unauthorized.title': 'The EHR refused access to {data}',
  'app.load.unauthorized.message':
    'The EHR no longer accepts ImmunoSteward’s access: relaunch ImmunoSteward from the patient chart. If this keeps happening, ask your EHR administrator to grant the {resource} scope.',
  'app.load.notFound.title': 'No {data} on this FHIR server',
  'app.load.notFound.message':
    'The EHR’s FHIR server does not offer {data} — ask your EHR administrator whether {resource} is available to apps.',
  'app.load.server.title': 'Could not read {data}',
  'app.load.server.message':
    'The EHR’s FHIR server did not answer{status, select, none {} other { (error {status})}}; the profile below is incomplete — retry.',
  'app.load.network.title': 'Could not read {data}',
  'app.load.network.message':
    'The EHR’s FHIR server could not be reached; the profile below is incomplete — check the connection and retry.',
  'app.load.retry': 'Retry',
  'app.load.relaunch': 'Relaunch ImmunoSteward from the patient chart to continue.',

  'app.patient.notFound.title': 'Patient not found',
  'app.patient.notFound.message':
    'The EHR has no record for this patient — open ImmunoSteward again from the patient’s chart.',
  'app.patient.unreadable.message':
    'Without the patient record ImmunoSteward cannot show a profile — retry; if it keeps failing, ask your EHR administrator.',

  'app.incomplete':
    'This profile is incomplete: {missing} could not be read. Each section says what is missing; what is shown rests on the data that arrived.',
  'app.findings.incomplete':
    'These findings rest on incomplete data: {missing} could not be read, so a finding may be missing.',
  'app.findings.linkedOrderUnavailable':
    'ImmunoSteward could not read the order the card was about; the findings below concern the current medication record.',
  'app.analysis.failed.title': 'ImmunoSteward could not analyse this record',
  'app.analysis.failed.message':
    'The data arrived but could not be analysed — retry; if it keeps failing, tell your EHR administrator.',
} as const;

/** Errors that stop the whole app: launch, session, site configuration. */
const APP_ERRORS = {
  'app.error.session.title': 'Your session has ended',
  'app.error.session.message': 'Open ImmunoSteward again from the patient chart.',
  'app.error.denied.title': 'Access was not granted',
  'app.error.denied.message': 'The EHR did not authorise ImmunoSteward for this patient.',
  'app.error.unauthorized.title': 'Your session has expired',
  'app.error.unauthorized.message': 'Relaunch ImmunoSteward from the patient chart.',
  'app.error.forbidden.title': 'Not authorised',
  'app.error.forbidden.message':
    'The EHR did not allow ImmunoSteward to read this data — ask your EHR administrator to grant its scopes.',
  'app.error.network.title': 'The EHR could not be reached',
  'app.error.network.message': 'Check the connection and try again.',
  'app.error.config.title': 'ImmunoSteward is not set up for this EHR',
  'app.error.config.message': 'Ask your EHR administrator to check ImmunoSteward’s site configuration ({detail}).',
  'app.error.server.title': 'Something went wrong',
  'app.error.server.message': 'The EHR answered with an error ({status}) — try again.',
  'app.error.unknown.message': 'Please try again.',
  'app.error.relaunch': 'Relaunch ImmunoSteward from the EHR: open the patient chart and start the app again.',
  'app.error.noPatient.title': 'No patient selected',
  'app.error.noPatient.message': 'Open ImmunoSteward from a patient chart.',

  'app.setup.openServerRefused': 'a FHIR server or patient named in the address is not allowed for this site',
  'app.setup.noIssuer': 'no EHR to connect to: launch from the EHR, or set standaloneIssuer in smart-config.json',
  'app.setup.issuerRefused': 'the EHR {issuer} is not allowed for this site',
  'app.launch.connecting': 'Connecting to the EHR…',
  'app.launch.failed': 'ImmunoSteward could not start: {reason}',
} as const;

const PAGE = {
  'app.title': 'ImmunoSteward',
  'app.titleWithPatient': '{name} — ImmunoSteward',
  'app.heading': 'Immune profile',
  'app.panel.findings': 'Findings',
  'app.panel.profile': 'Immune profile',
  'app.panel.biomarkers': 'Biomarkers',
  'app.panel.medications': 'Immunomodulators and interacting drugs',
  'app.loading': 'Loading…',
  'app.analysing': 'Analysing…',

  'app.banner.loading': 'Loading patient…',
  'app.banner.unnamed': 'Unnamed patient',
  'app.banner.gender': 'Gender',
  'app.banner.born': 'Born',
  'app.banner.mrn': 'MRN',
  'app.banner.notRecorded': 'not recorded',
  'app.banner.genderValue': '{gender, select, male {Male} female {Female} unknown {Unknown} other {Other}}',
  'app.banner.birthWithAge': '{date} ({age} y)',
} as const;

const PROFILE = {
  'app.compartment.status':
    '{status, select, deficit {Deficit} low {Below the lab range} normal {Within the lab range} high {Above the lab range} excess {Excess} other {Unknown}}',
  'app.compartment.noResults': 'no results in the record',
  'app.compartment.withoutRange': '{results}: no range to judge against',
  'app.compartment.onlyStale': 'only stale results (latest {date})',
  'app.compartment.more': '{results}; {count} more',
  'app.compartment.stale': 'Stale (older than {days} days, not used as evidence): {markers}',
} as const;

const BIOMARKERS = {
  'app.biomarkers.caption': 'Immune biomarkers: latest value per marker as of {date}',
  'app.biomarkers.empty': 'No immune biomarker results in the record.',
  'app.biomarkers.column.marker': 'Marker',
  'app.biomarkers.column.latest': 'Latest',
  'app.biomarkers.column.range': 'Reference range',
  'app.biomarkers.column.flag': 'Flag',
  'app.biomarkers.column.trend': 'Trend',
  'app.biomarkers.column.date': 'Date',
  'app.biomarkers.column.notes': 'Notes',
  'app.biomarkers.column.chart': 'Chart',
  'app.biomarkers.noRange': '—',
  'app.biomarkers.range': '{range} ({origin, select, observation {lab} other {adult reference}})',
  'app.biomarkers.taken': 'taken {date}',

  'app.tag.derived': 'derived',
  'app.tag.derivedTitle': 'calculated: {method}',
  'app.tag.stale': 'stale ({days, plural, one {# day} other {# days}})',
  'app.tag.preliminary': 'preliminary',
  'app.tag.reported': 'reported as {value} {unit}',

  'app.trend.single': 'single value',
  'app.trend.button': 'Trend',
  'app.trend.show': 'Show trend of {marker}',
  'app.trend.hide': 'Hide trend of {marker}',
  'app.trend.loading': 'Loading chart…',
  'app.biomarkers.loading': 'Loading biomarkers…',

  'app.chart.caption': '{marker}: {count, plural, one {# result} other {# results}}, {range}',
  'app.chart.range': 'reference range {range} shaded',
  'app.chart.noRange': 'no reference range',
  'app.chart.cannotDraw': 'The chart cannot be drawn here; the values are listed below.',
  'app.chart.tableCaption': '{marker} over time',
  'app.chart.column.date': 'Date',
  'app.chart.column.value': 'Value',
  'app.chart.column.flag': 'Flag',
} as const;

const FINDINGS = {
  'app.findings.empty': 'No findings on the current immunomodulators.',
  'app.findings.count': '{count, plural, one {# order with concerns} other {# orders with concerns}}: {bySeverity}',
  'app.findings.severityCount':
    '{count} {indicator, select, critical {critical} warning {{count, plural, one {warning} other {warnings}}} other {info}}',
  'app.findings.listLabel': 'Findings, most severe first',
  'app.findings.order': 'Order: {order}',
  'app.findings.records': 'Records behind this',
  'app.findings.evidenceDated': '{evidence} ({date})',
} as const;

const MEDICATIONS = {
  'app.meds.empty': 'No immunomodulators or interacting drugs in the medication record.',
  'app.meds.current': 'Current',
  'app.meds.past': 'Past',
  'app.meds.noCurrent': 'No current courses.',
  'app.meds.noPast': 'No past courses.',
  'app.meds.loading': 'Loading medications…',
  'app.course.unclassified': 'Unclassified',
  'app.course.evidence':
    '{level, select, established {established evidence} limited {limited evidence} weak {weak evidence} other {evidence not graded}}',
  'app.course.status':
    '{status, select, active {active order} completed {completed} stopped {stopped} on_hold {on hold} draft {draft} cancelled {cancelled} entered_in_error {entered in error} other {status not recorded}}',
  'app.course.dates': '{start} → {end}',
  'app.course.startNotRecorded': 'start not recorded',
  'app.course.endNotRecorded': 'end not recorded',
  'app.course.noEnd': 'no end date',
  'app.course.plannedNoStart': '{planned} planned, start not recorded',
  'app.course.dayNoEnd': 'day {day}, no end date',
  'app.course.day': 'day {day}',
  'app.course.ended': 'ended',
  'app.course.startsPlanned': 'starts {date}, {planned} planned',
  'app.course.dayOf': 'day {day} of {planned}',
  'app.course.planned': '{planned} planned',
} as const;

export const app = {
  ...DATA,
  ...LOAD_FAILURES,
  ...APP_ERRORS,
  ...PAGE,
  ...PROFILE,
  ...BIOMARKERS,
  ...FINDINGS,
  ...MEDICATIONS,
} as const;
