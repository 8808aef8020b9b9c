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
  'app.load.expired.title': 'Your session expired',
  'app.load.expired.message': 'ImmunoSteward could not read {data}: your session with the EHR expired.',
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
  'app.load.relaunch': 'Relaunch ImmunoSteward from the patient’s chart to continue.',

  'app.patient.notFound.title': 'Patient not found',
  'app.patient.notFound.message':
    'The EHR has no record for this patient — open ImmunoSteward again from the patient’s chart.',
  'app.patient.expired.message': 'Your session expired — relaunch ImmunoSteward from the patient’s chart.',
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

/**
 * The EHR's authorisation server refused (OAuth 2.0 error codes): what happened in plain words,
 * and who can fix it. The page adds the EHR's own description and, where the EHR's registration
 * of the app is at fault, the values the EHR administrator must check.
 */
const AUTHORIZATION = {
  'app.auth.invalidRequest.title': 'The EHR could not accept ImmunoSteward’s sign-in request',
  'app.auth.invalidRequest.message':
    'The EHR found the request incomplete or not matching how ImmunoSteward is registered — often the redirect URI. Relaunching will not help: your EHR administrator needs to check the registration below.',
  'app.auth.unauthorizedClient.title': 'ImmunoSteward may not sign in this way',
  'app.auth.unauthorizedClient.message':
    'The EHR has not enabled ImmunoSteward for this kind of launch. Relaunching will not help: your EHR administrator needs to enable it for the client ID below.',
  'app.auth.accessDenied.title': 'Access was not granted',
  'app.auth.accessDenied.message':
    'Access to this patient’s record was declined when the EHR asked for approval, so ImmunoSteward cannot show the profile. To grant it, relaunch ImmunoSteward from the patient’s chart and approve access when the EHR asks. If you did not decline, ask your EHR administrator whether ImmunoSteward may be used for this patient.',
  'app.auth.unsupported.title': 'The EHR does not offer ImmunoSteward’s way of signing in',
  'app.auth.unsupported.message':
    'ImmunoSteward signs in with an authorisation code and PKCE, as a public client; the EHR refused that. Relaunching will not help: your EHR administrator needs to enable it for the client ID below.',
  'app.auth.invalidScope.title': 'The EHR refused the access ImmunoSteward asks for',
  'app.auth.invalidScope.message':
    'ImmunoSteward asks to read parts of the patient’s record (the scopes below); the EHR does not allow all of them for ImmunoSteward. Relaunching will not help: your EHR administrator needs to enable these scopes for the client ID below.',
  'app.auth.serverError.title': 'The EHR could not complete the sign-in',
  'app.auth.serverError.message':
    'The EHR’s sign-in service failed. This is usually temporary: relaunch ImmunoSteward from the patient’s chart. If it keeps failing, tell your EHR administrator.',
  'app.auth.temporarilyUnavailable.title': 'The EHR’s sign-in is unavailable for now',
  'app.auth.temporarilyUnavailable.message':
    'The EHR cannot sign ImmunoSteward in at the moment. Wait a minute, then relaunch ImmunoSteward from the patient’s chart.',
  'app.auth.invalidClient.title': 'The EHR does not recognise ImmunoSteward',
  'app.auth.invalidClient.message':
    'The EHR rejected ImmunoSteward’s client registration when finishing the sign-in. Relaunching will not help: your EHR administrator needs to register the client ID below as a public client (no secret, PKCE).',
  'app.auth.invalidGrant.title': 'The sign-in could not be completed',
  'app.auth.invalidGrant.message':
    'The EHR no longer accepted the one-time sign-in code — it may have expired or been used already. Relaunch ImmunoSteward from the patient’s chart. If it keeps happening, your EHR administrator should check that the redirect URI below is registered exactly.',
  'app.auth.other.title': 'The EHR refused ImmunoSteward’s sign-in',
  'app.auth.other.message':
    'The EHR refused the sign-in with the error “{code}”. Your EHR administrator can look it up with the details below.',
  'app.auth.ehrSaid': 'The EHR said:',
  'app.auth.moreInfo': 'The EHR’s page about this error:',
  'app.auth.admin.heading': 'For your EHR administrator',
  'app.auth.admin.intro':
    'ImmunoSteward’s registration in the EHR must match these values exactly (they come from ImmunoSteward’s smart-config.json):',
  'app.auth.admin.error': 'Error code',
  'app.auth.admin.clientId': 'Client ID',
  'app.auth.admin.redirectUri': 'Redirect URI',
  'app.auth.admin.scopes': 'Scopes requested',
  'app.auth.admin.onlineAccess':
    'online_access lets ImmunoSteward renew its access while the user stays signed in to the EHR. If the EHR does not offer it, set "onlineAccess": false in smart-config.json.',
} as const;

const PAGE = {
  'app.title': 'ImmunoSteward',
  'app.titleWithPatient': '{name} — ImmunoSteward',
  /** The label of the language switch on every page of the app (each language is named in itself). */
  'app.language': 'Language',
  'app.heading': 'Immune profile',
  'app.panel.findings': 'Findings',
  'app.panel.profile': 'Immune profile',
  'app.panel.biomarkers': 'Biomarkers',
  'app.panel.medications': 'Immunomodulators and interacting drugs',
  'app.panel.courses': 'Courses',
  'app.nav.label': 'Views',
  'app.nav.profile': 'Immune profile',
  'app.nav.courses': 'Courses',
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
  'app.chart.captionWithCourse': '{marker}: {count, plural, one {# result} other {# results}}, {range}, {course}',
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

const COURSES = {
  'app.courses.loading': 'Loading courses…',
  'app.courses.empty': 'No immunocorrective courses in the medication record.',
  'app.courses.unavailable':
    'The courses cannot be listed: {missing} could not be read. This does not mean there are none.',
  'app.courses.incomplete':
    'These courses may be incomplete: {missing} could not be read, so a course, a result or a finding may be missing.',
  'app.courses.attention.title': 'Needs attention today',
  'app.courses.attention.item': '{course}: {summary}',
  'app.courses.attention.course': '{drug}, since {start}',
  'app.courses.attention.none': 'Nothing due today on the current courses.',
  'app.courses.attention.unknown': 'Whether anything is due today is not known: {missing} could not be read.',
  'app.courses.timeline.title': 'Timeline',
  'app.courses.timeline.label': 'Courses from {from} to {to}; today is {today}',
  'app.courses.timeline.today': 'today',
  'app.courses.state':
    '{state, select, running {running} active {ended, order still active} renewal {being renewed} other {ended}}',
  'app.courses.elapsed': 'day {day} of the course',
  'app.courses.renewal': 'Being renewed: {order}',
  'app.courses.review':
    '{passed, select, yes {Review date passed} other {Review date}}: {date} ({basis, select, end {planned end} max {longest course for this class} other {site review interval}})',
  'app.courses.noReview': 'No review date: the start is not recorded.',
  'app.courses.indication.title': 'Indication at the start',
  'app.courses.indication.deficit': 'Deficit: {result}',
  'app.courses.indication.condition': 'Diagnosis: {condition}',
  'app.courses.indication.therapy': 'Therapy: {therapy}',
  'app.courses.indication.none': 'No deficit, indicating diagnosis or therapy was documented at the start.',
  'app.courses.endpoint.title': 'End point',
  'app.courses.endpoint.markers': 'Followed by {markers}.',
  'app.courses.endpoint.none': 'No end-point marker for this course.',
  'app.courses.endpoint.noResults': 'No results of {markers} in the record.',
  'app.courses.plan.title': 'Monitoring plan',
  'app.courses.plan.none': 'The knowledge base has no monitoring plan for this drug.',
  'app.courses.plan.caption': 'Monitoring tests of {drug}',
  'app.courses.plan.source': 'Source: {citation}',
  'app.courses.plan.opinion': 'Source: expert opinion (ImmunoSteward clinical policy)',
  'app.courses.plan.siteChanged': 'Your site changed an interval or a baseline of this plan.',
  'app.courses.plan.asOfEnd': 'As of the end of the course, {date}: nothing is due after a course stops.',
  'app.courses.plan.column.test': 'Test',
  'app.courses.plan.column.last': 'Last result',
  'app.courses.plan.column.due': 'Due',
  'app.courses.plan.column.state': 'State',
  'app.courses.test.state':
    '{state, select, done {done} due {due} overdue {overdue} no_baseline {no baseline result} other {not known}}',
  'app.courses.test.noResult': 'no result',
  'app.courses.test.due': '{state, select, no_baseline {before {date}} other {{date}}}',
  'app.courses.test.notScheduled': 'not repeated',
  'app.courses.findings.title': 'Findings on this course',
  'app.courses.findings.none': 'Nothing due on this course today.',
  'app.chart.courseSpan': 'the course ({start} → {end}) shaded as a column',
} as const;

export const app = {
  ...DATA,
  ...LOAD_FAILURES,
  ...APP_ERRORS,
  ...AUTHORIZATION,
  ...PAGE,
  ...PROFILE,
  ...BIOMARKERS,
  ...FINDINGS,
  ...MEDICATIONS,
  ...COURSES,
} as const;
