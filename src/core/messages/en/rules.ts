/** What each rule says: summaries, concerns (one line each, with the value or date behind it), advice, basis. */
export const rules = {
  // booster-not-indicated
  'rule.booster.summary.normal': '{drug}: no immune deficit on current labs — reconsider the immunostimulant',
  'rule.booster.summary.unknown': '{drug}: immune deficit unknown, no current labs — order the immune panel first',
  'rule.booster.summary.unjudged':
    '{drug}: immune deficit unknown, no age-appropriate range for the current labs — document the indication',
  'rule.booster.normal': '{drug} is ordered, but current results show no deficit it treats: {results}.',
  'rule.booster.normalResult':
    "{result} (a deficit is below {threshold}{origin, select, lab {, the lab's lower limit} catalog {, the reference lower limit} band {, {band}} other {}})",
  'rule.booster.unknown':
    '{drug} is ordered with no current result documenting an immune deficit: whether there is one is unknown.',
  'rule.booster.unjudged': 'Cannot be judged: {results}.',
  'rule.booster.noRange': '{result} — no range to judge it by',
  'rule.booster.noChildRange':
    '{result} — age-appropriate range unknown (no lab range for age {age}; adult values do not apply to a child)',
  'rule.booster.noCurrent': 'No current {markers}: unknown is not normal.',
  'rule.booster.staleMarker': '{marker} (last {date})',
  'rule.booster.noIndication': 'No recorded indication that would justify it ({indications}).',
  'rule.booster.therapy': '{therapy} therapy',
  'rule.booster.basis':
    'An immunostimulant needs a measured deficit or a labelled indication.{level, select, weak { Randomised evidence for this class is weak.} limited { Evidence for this class is limited.} other {}}',
  'rule.booster.action.panel':
    'Document the indication, or order {tests} and decide on the results; otherwise remove the order.',
  'rule.booster.action.document': 'Document the indication or remove the order.',

  // immunosuppression (live-vaccine-immunocompromised, vaccine-response-altered)
  'immunosuppression.immunosuppressant': 'On immunosuppressant {drug}: {course}.',
  'immunosuppression.immunosuppressant.short': 'on {drug}',
  'immunosuppression.immunosuppressant.advice':
    'Defer the live vaccine while {drug} continues; live vaccines are given at least 4 weeks before immunosuppression starts — agree the timing with its prescriber.',
  'immunosuppression.methotrexate.advice':
    'Defer the live vaccine while {drug} continues: ACIP treats methotrexate above 0.4 mg/kg a week as a contraindication to live vaccines. Agree the timing with its prescriber; live vaccines are given at least 4 weeks before immunosuppression starts.',
  'immunosuppression.antiBCell': 'Anti-B-cell antibody {drug}: {course}.',
  'immunosuppression.antiBCell.short': '{drug} within {days} days',
  'immunosuppression.antiBCell.advice': 'Defer live vaccines until at least {days} days after the last dose of {drug}.',
  'immunosuppression.glucocorticoid':
    'Systemic glucocorticoid {drug}: {dose} mg prednisone equivalent a day for at least {days} days ({course}).',
  'immunosuppression.glucocorticoid.short': '{drug} {dose} mg/day prednisone equivalent',
  'immunosuppression.glucocorticoid.advice':
    'Defer the live vaccine while the prednisone-equivalent dose stays at or above {limit} mg a day.',
  'immunosuppression.chemo': 'Chemotherapy {drug}: {when} (window {before} days before to {after} days after).',
  'immunosuppression.chemo.short': 'within the chemotherapy window',
  'immunosuppression.chemo.advice': 'Defer live vaccines until {date}, 3 months after chemotherapy ends.',
  'immunosuppression.mediator': 'Immune mediator {drug}: {course} (within {days} days).',
  'immunosuppression.mediator.short': '{drug} within {days} days',
  'immunosuppression.mediator.advice': 'Defer live vaccines until at least {days} days after stopping {drug}.',
  'immunosuppression.cd4':
    '{result}: severe immunosuppression for live vaccines (below {threshold}{band, select, any {} from6 { from age 6} other { {band}}}).',
  'immunosuppression.cd4.advice':
    'Defer MMR and varicella vaccines until CD4 has stayed at or above the cut-off for at least 6 months.',
  'immunosuppression.condition': '{category}: {conditions}.',
  'immunosuppression.condition.advice': 'Avoid live vaccines; use a non-live alternative if one exists.',

  // live-vaccine-immunocompromised
  'rule.liveVaccine.summary': 'Live {kind, select, bcg {BCG} other {vaccine}} {vaccine} contraindicated: {reasons}',
  'rule.liveVaccine.concern':
    '{drug} is {kind, select, bcg {a live bacterial product (intravesical BCG)} other {a live vaccine}}, and the patient is immunocompromised:',
  'rule.liveVaccine.basis':
    'A live attenuated organism can replicate and cause disease in an immunocompromised host (CDC CDSi contraindications; IDSA 2013).',
  'rule.liveVaccine.action.bcg': 'Do not give intravesical BCG while immunosuppressed; discuss with urology.',
  'rule.liveVaccine.after.summary': '{drug} starts less than {days} days after a live vaccine — consider deferring',
  'rule.liveVaccine.after.concern':
    '{drug} would start immunosuppression less than {days} days after {vaccine} ({date}).',
  'rule.liveVaccine.after.basis':
    'Live vaccines should be given at least 4 weeks before immunosuppression (IDSA 2013).',
  'rule.liveVaccine.after.action': 'Defer the start if clinically possible, or watch for vaccine-strain infection.',

  // vaccine-response-altered
  'rule.vaccineResponse.summary':
    '{vaccine}: response may be blunted by immunosuppression — time it or plan revaccination',
  'rule.vaccineResponse.concern': '{drug} is a non-live vaccine; the immune response may be blunted:',
  'rule.vaccineResponse.soon': 'Immunosuppressive therapy {drug} starts {date}, within 14 days.',
  'rule.vaccineResponse.basis': 'Vaccines given during immunosuppression may not protect (IDSA 2013 rec 5).',
  'rule.vaccineResponse.action':
    'Where possible give vaccines at least 2 weeks before starting immunosuppression; otherwise vaccinate and consider revaccination or serology after immune recovery.',

  // immunomodulator-conflict
  'rule.conflict.other': '{drug}: {course}.',
  'rule.conflict.opposed.summary': '{drug} opposes current immunosuppression ({suppressant}) — reconsider',
  'rule.conflict.opposed.concern': '{drug} stimulates the immune system that current therapy is meant to suppress:',
  'rule.conflict.opposed.basis.echinacea': 'Commission E advises against echinacea with immunosuppressive therapy.',
  'rule.conflict.opposed.basis.other':
    'The two act in opposite directions; the stimulant is unlikely to help and may interfere.',
  'rule.conflict.opposed.action': 'Stop the immunostimulant, or document why both are needed.',
  'rule.conflict.stacked.summary':
    '{drug} on top of {count, plural, one {another immunostimulant} other {# other immunostimulants}} ({other})',
  'rule.conflict.stacked.concern': '{drug} would be taken together with:',
  'rule.conflict.stacked.basis.bare':
    'Neither it nor {bare} has a documented indication; stacking non-selective immunostimulants risks overstimulation and autoimmune flares, without evidence of added benefit.',
  'rule.conflict.stacked.basis.indicated':
    'Stacking immunostimulants adds exposure and cost without evidence of added benefit.',
  'rule.conflict.stacked.action': 'Keep one agent with a documented indication and a stop date.',
  'rule.conflict.suppressant.summary': '{drug} while on immunostimulant {booster} — stop the stimulant?',
  'rule.conflict.suppressant.concern':
    '{drug} suppresses the immune system that a current immunostimulant is meant to stimulate:',
  'rule.conflict.suppressant.action': 'Review whether the immunostimulant is still needed.',

  // course-unbounded
  'rule.course.unbounded.summary': '{drug}: no end date, duration or quantity — add a stop or review date',
  'rule.course.unbounded.concern': '{drug} has no end: no duration, end date, number of doses or days of supply.',
  'rule.course.tooLong.summary':
    '{drug}: a course of {duration}{continued, select, yes { with its earlier orders} other {}}, above the maximum of {max}',
  'rule.course.tooLong.concern':
    '{drug} is planned for {duration}; the maximum course for this class is {max}{site, select, yes { (site setting)} other {}}.',
  'rule.course.tooLong.continued':
    '{drug} ({own}) continues {earlier}: one course of {duration} in all; the maximum for this class is {max}{site, select, yes { (site setting)} other {}}.',
  'rule.course.repeat.summary': '{drug}: course {ordinal} in {window} days — review the benefit',
  'rule.course.repeat.concern': 'Course {ordinal} in {window} days in the class “{class}” (earlier: {dates}).',
  'rule.course.basis': 'Immunocorrection is time-bound and reassessed; repeated courses need documented benefit.',
  'rule.course.action.setEndMax': 'Set a stop date (at most {max}) and a date to review the effect.',
  'rule.course.action.setEnd': 'Set a stop or review date, and reassess the indication at review.',
  'rule.course.action.shorten': 'Shorten the course to at most {max} in all, with a date to review the effect.',
  'rule.course.action.reviewBenefit':
    'Review the benefit of the earlier courses before another one; document it or remove the order.',

  // antineoplastic-interaction
  'rule.antineoplastic.csf.summary':
    '{drug} starts {longActing, select, yes {within 14 days before or 24 hours after} other {within 24 hours of}} chemotherapy — reschedule',
  'rule.antineoplastic.csf.concern': '{drug} starts {start}; {chemo}: {course}.',
  'rule.antineoplastic.csf.basis':
    '{longActing, select, yes {The pegfilgrastim label: not from 14 days before to 24 hours after cytotoxic chemotherapy.} other {The filgrastim label: not from 24 hours before to 24 hours after cytotoxic chemotherapy.}} Dividing myeloid progenitors become more sensitive to the cytotoxic drugs.',
  'rule.antineoplastic.csf.action':
    '{longActing, select, yes {Give it at least 24 hours after the last cytotoxic dose and at least 14 days before the next cycle.} other {Start at least 24 hours after chemotherapy and stop at least 24 hours before the next dose.}}',
  'rule.antineoplastic.csf.remove': 'Remove the {drug} order and reschedule',
  'rule.antineoplastic.ici.summary': '{drug}: immune stimulation during {ici}',
  'rule.antineoplastic.ici.concern': '{drug} is an immunostimulant; checkpoint inhibitor {ici}: {course}.',
  'rule.antineoplastic.ici.basis':
    'Additive immune activation may increase immune-related adverse events; checkpoint-inhibitor labels warn of immune-mediated reactions.',
  'rule.antineoplastic.ici.action':
    'Avoid a non-indicated immunostimulant during checkpoint-inhibitor therapy; if one seems needed, agree it with the oncologist.',
  'rule.antineoplastic.myelo.summary': '{drug} with {cytotoxic}: additive myelosuppression — monitor the blood count',
  'rule.antineoplastic.myelo.concern': '{drug} with cytotoxic {cytotoxics}: {course}.',
  'rule.antineoplastic.myelo.basis':
    'Interferons and interleukins add to the myelosuppression of cytotoxic drugs (product information; the wording was not verified).',
  'rule.antineoplastic.myelo.action': 'Monitor the complete blood count with differential.',

  // malignancy-stimulation
  'rule.malignancy.csf.summary': '{drug} in a myeloid neoplasm — G-CSF may stimulate the tumour',
  'rule.malignancy.csf.concern':
    '{drug} is a G-CSF; active {conditions}{onset, select, none {} other { (since {onset})}}.',
  'rule.malignancy.csf.basis':
    'The pegfilgrastim label: not for myelodysplastic syndrome, chronic myeloid leukaemia or secondary AML; myeloid tumour cells carry the G-CSF receptor.',
  'rule.malignancy.csf.action':
    'Do not use G-CSF outside its labelled indications in a myeloid neoplasm; discuss with haematology.',
  'rule.malignancy.booster.summary': '{drug} in active malignancy — immune stimulation may act on the tumour',
  'rule.malignancy.booster.concern':
    '{drug} is a non-specific immunostimulant; active {conditions}{onset, select, none {} other { (since {onset})}}.',
  'rule.malignancy.booster.basis':
    'Non-specific immune stimulation may activate dormant neoplastic processes, and the evidence of benefit for these agents is weak.',
  'rule.malignancy.booster.action':
    'Avoid a non-indicated immunostimulant in active malignancy; discuss with the oncologist.',

  // autoimmune-flare
  'rule.autoimmune.summary': '{drug} with {condition}: immune stimulation may trigger a flare',
  'rule.autoimmune.concern': '{drug} with active {conditions}{onset, select, none {} other { (since {onset})}}.',
  'rule.autoimmune.basis.interferon':
    'Interferon alfa boxed warning: it may cause or aggravate fatal or life-threatening autoimmune disorders (thyroiditis, SLE-like disease, psoriasis, type 1 diabetes).',
  'rule.autoimmune.basis.echinacea':
    'Commission E advises against echinacea in autoimmune disease (theoretical immune stimulation); later reviews question the contraindication.',
  'rule.autoimmune.basis.other': 'Non-specific immune stimulation may provoke a flare (mechanism-based).',
  'rule.autoimmune.action':
    'Avoid it, or agree it with the specialist who manages the autoimmune condition and watch for a flare.',

  // anticoagulant-interaction
  'rule.anticoagulant.summary':
    '{drug} with {partner}: {effect, select, inr {the INR may rise} other {bleeding and INR effect}} — monitor',
  'rule.anticoagulant.concern': '{drug} with {partners}.',
  'rule.anticoagulant.inr': 'Latest INR: {result}.',
  'rule.anticoagulant.noInr': 'No INR result on record.',
  'rule.anticoagulant.basis.levamisole':
    'The levamisole label: it has prolonged the prothrombin time beyond the therapeutic range in patients on warfarin.',
  'rule.anticoagulant.basis.omega3':
    'Omega-3 fatty acids have an antiplatelet effect and prolong bleeding time; trials show no clinically significant increase in bleeding.',
  'rule.anticoagulant.basis.interferon':
    'Peginterferon alfa-2b increased CYP2C9 activity, which can change the warfarin effect (Gupta 2011).',
  'rule.anticoagulant.action.levamisole': 'Monitor PT/INR closely and adjust the coumarin dose.',
  'rule.anticoagulant.action.omega3': 'Monitor periodically; above 3 g/day only under medical supervision.',
  'rule.anticoagulant.action.interferon': 'Check the INR after starting or stopping interferon.',

  // nutrient-excess
  'rule.nutrient.level.summary': '{drug} ordered while {marker} is already {value}, above {threshold}',
  'rule.nutrient.level.concern': '{drug} is ordered although {result}: above {threshold}.',
  'rule.nutrient.dose.summary': '{drug}: {total} a day is above the {limit} daily limit',
  'rule.nutrient.dose.concern': '{drug} gives {dose} a day{limitNote, select, none {} other { ({limitNote})}}.',
  'rule.nutrient.limitNote.vitamin-d':
    'adult tolerable upper intake level, 100 µg a day; not during a documented deficiency-treatment course',
  'rule.nutrient.limitNote.zinc': 'elemental zinc, long-term use',
  'rule.nutrient.limitNote.selenium': 'tolerable upper intake level',
  'rule.nutrient.limitNote.omega-3': 'above 3 g a day only under medical supervision (AHA)',
  'rule.nutrient.dose.total': 'With {others}, the total is {total} a day — above {limit} a day.',
  'rule.nutrient.dose.over': 'That is above {limit} a day.',
  'rule.nutrient.dose.unverified': 'This limit is only partly verified.',
  'rule.nutrient.action.vitamin-d':
    'Reduce the dose (above 4,000 IU a day only as a time-limited deficiency treatment) and check calcium and 25(OH)D.',
  'rule.nutrient.action.zinc':
    'Reduce the dose and duration; check copper if prolonged (high zinc causes copper deficiency, anaemia and neutropenia).',
  'rule.nutrient.action.other':
    'Reduce the dose to the limit, or document why a higher dose is needed under supervision.',

  // monitoring-due
  'rule.monitoring.summary': '{drug}: {tests} overdue — order {count, plural, one {it} other {them}} now',
  'rule.monitoring.overdue': '{test} due by {due}: last result {last}.',
  'rule.monitoring.none': '{test} due by {due}: no result since {drug} started on {start}.',
  'rule.monitoring.noBaseline': '{test}: no baseline result before {drug} (start {start}).',
  'rule.monitoring.action': 'Order {tests} now and review the results before the next dose of {drug}.',
  'rule.monitoring.basis.document':
    'The product label or guideline sets these tests and intervals for the course{site, select, yes { (intervals adjusted by this site)} other {}}.',
  'rule.monitoring.basis.opinion':
    'No label sets a schedule for this agent; the plan follows the marker that justified the course{site, select, yes { (adjusted by this site)} other {}}.',

  // course-review-due
  'rule.review.past.summary': '{drug}: course past its review date and still active — reassess it',
  'rule.review.past.concern':
    '{drug} since {start}: {basis, select, end {planned end} max {maximum course length} other {review date}} was {review} ({days, plural, one {# day} other {# days}} ago), and the order is still active.',
  'rule.review.past.action': 'Reassess the course: stop it, or record why it continues and set a new end date.',
  'rule.review.renewal.summary': '{drug} renewal without reassessment — recheck the marker first',
  'rule.review.renewal.concern':
    '{drug} since {start} ({days, plural, one {# day} other {# days}}): no {markers} result since the course began.',
  'rule.review.renewal.action': 'Order {tests} and renew only if the result still shows the deficit.',
  'rule.review.basis':
    'A course is reassessed at its planned end, and a renewal rests on a new result of the marker that justified it.',

  // endpoint-reached
  'rule.endpoint.summary': '{drug}: the deficit it was started for has resolved — consider stopping',
  'rule.endpoint.concern': '{before} before the course; now {now}, above the deficit threshold {threshold}.',
  'rule.endpoint.action':
    'Stop {label} (course since {start}), or document why it continues; recheck the marker if symptoms return.',
  'rule.endpoint.basis':
    'Immunocorrection ends at its end point: once the deficit has resolved, more of the drug adds exposure without a target.',

  // no-response
  'rule.response.summary':
    '{drug}: no response after a full course{renewal, select, yes { — reconsider the renewal} other { — reconsider the agent}}',
  'rule.response.concern':
    '{drug} for {days, plural, one {# day} other {# days}}: {before} at the start, {now} now ({change} %), still below {threshold}.',
  'rule.response.action':
    '{renewal, select, yes {Do not renew {drug} unchanged: look for the cause of the deficit and consider another approach.} other {Reconsider {drug}: look for the cause of the deficit and consider another approach.}}',
  'rule.response.basis':
    'A course that has not moved its endpoint marker toward normal by at least {percent} % after its planned length is unlikely to help if continued.',

  // immune-adverse-signal
  'rule.signal.summary':
    '{drug}: {kind, select, autoimmune {new autoimmune disease} lymphoproliferative {new lymphoproliferative disease} eosinophilia {new eosinophilia} ige {IgE above range} lymphocytosis {new lymphocytosis} other {new thyroid dysfunction}} after the start{more, plural, =0 {} one { and # more} other { and # more}}',
  'rule.signal.result':
    '{kind, select, eosinophilia {Eosinophilia} ige {IgE above range} lymphocytosis {Lymphocytosis} other {TSH out of range}}: {result}, after {drug} started on {start}{before, select, none {} other {; before: {before}}}.',
  'rule.signal.condition':
    '{condition} diagnosed {onset}, {days, plural, one {# day} other {# days}} after {drug} started on {start}.',
  'rule.signal.action':
    '{interferon, select, yes {Reassess {drug} with the specialist: check thyroid function and autoimmune markers, and report the suspected reaction.} other {Stop {drug} or justify it, assess the new finding, and report the suspected adverse reaction.}}',
  'rule.signal.basis.interferon':
    'Interferon alfa boxed warning: it may cause or aggravate autoimmune disorders, including thyroid disease.',
  'rule.signal.basis.other':
    'Overstimulation of the immune system may trigger autoimmune flares, allergic sensitisation or lymphoproliferative disease; a new one after the start is a possible adverse reaction.',
} as const;
