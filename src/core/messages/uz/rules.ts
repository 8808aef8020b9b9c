import type { rules as enRules } from '../en/rules.js';

/** What each rule says: summaries, concerns (one line each, with the value or date behind it), advice, basis. */
export const rules = {
  // booster-not-indicated
  'rule.booster.summary.normal':
    '{drug}: joriy tahlillarda immun tanqislik yoʻq — immunostimulyatorni qayta koʻrib chiqing',
  'rule.booster.summary.unknown':
    '{drug}: immun tanqislik nomaʼlum, joriy tahlillar yoʻq — avval immun panel tahlillarini tayinlang',
  'rule.booster.summary.unjudged':
    '{drug}: immun tanqislik nomaʼlum, joriy tahlillar uchun yoshga mos referens oraligʻi yoʻq — koʻrsatmani qayd eting',
  'rule.booster.normal': '{drug} tayinlangan, biroq joriy natijalarda u davolaydigan tanqislik aniqlanmadi: {results}.',
  'rule.booster.normalResult':
    '{result} (tanqislik chegarasi: {threshold}{origin, select, lab {, laboratoriya referens oraligʻining quyi chegarasi} catalog {, referens oraligʻining quyi chegarasi} band {, {band}} other {}})',
  'rule.booster.unknown':
    '{drug} immun tanqislikni qayd etuvchi joriy natijasiz tayinlangan: tanqislik bor-yoʻqligi nomaʼlum.',
  'rule.booster.unjudged': 'Baholab boʻlmaydi: {results}.',
  'rule.booster.noRange': '{result} — baholash uchun referens oraligʻi yoʻq',
  'rule.booster.noChildRange':
    '{result} — yoshga mos referens oraligʻi nomaʼlum ({age} yosh uchun laboratoriya referens oraligʻi yoʻq; kattalar meʼyorlari bolaga taalluqli emas)',
  'rule.booster.noCurrent': 'Joriy natija yoʻq: {markers}. Nomaʼlum — meʼyor degani emas.',
  'rule.booster.staleMarker': '{marker} (oxirgisi: {date})',
  'rule.booster.noIndication': 'Buni asoslaydigan koʻrsatma qayd etilmagan ({indications}).',
  'rule.booster.therapy': '{therapy} bilan davolash',
  'rule.booster.basis':
    'Immunostimulyator oʻlchangan tanqislik yoki yoʻriqnomada koʻrsatilgan koʻrsatma boʻlgandagina tayinlanadi.{level, select, weak { Bu guruh boʻyicha randomizatsiyalangan dalillar zaif.} limited { Bu guruh boʻyicha dalillar cheklangan.} other {}}',
  'rule.booster.action.panel':
    'Koʻrsatmani qayd eting yoki tahlillarni tayinlang ({tests}) va natijalarga qarab qaror qiling; aks holda tayinlovni bekor qiling.',
  'rule.booster.action.document': 'Koʻrsatmani qayd eting yoki tayinlovni bekor qiling.',

  // immunosuppression (live-vaccine-immunocompromised, vaccine-response-altered)
  'immunosuppression.immunosuppressant': 'Immunosupressor {drug} qabul qilmoqda: {course}.',
  'immunosuppression.immunosuppressant.short': '{drug} qabul qilmoqda',
  'immunosuppression.immunosuppressant.advice':
    '{drug} davom etayotgan paytda tirik vaksinani kechiktiring; tirik vaksinalar immunosupressiya boshlanishidan kamida 4 hafta oldin qilinadi — vaqtini uni tayinlagan shifokor bilan kelishing.',
  'immunosuppression.methotrexate.advice':
    '{drug} davom etayotgan paytda tirik vaksinani kechiktiring: ACIP haftasiga 0,4 mg/kg dan yuqori dozadagi metotreksatni tirik vaksinalarga qarshi koʻrsatma deb hisoblaydi. Vaqtini uni tayinlagan shifokor bilan kelishing; tirik vaksinalar immunosupressiya boshlanishidan kamida 4 hafta oldin qilinadi.',
  'immunosuppression.antiBCell': 'B-hujayralarga qarshi antitana {drug}: {course}.',
  'immunosuppression.antiBCell.short': '{drug}, soʻnggi {days} kun ichida',
  'immunosuppression.antiBCell.advice':
    'Tirik vaksinalarni oxirgi {drug} dozasidan keyin kamida {days} kun oʻtguncha kechiktiring.',
  'immunosuppression.glucocorticoid':
    'Tizimli glyukokortikoid {drug}: prednizolon ekvivalentida sutkasiga {dose} mg, kamida {days} kun ({course}).',
  'immunosuppression.glucocorticoid.short': '{drug}, prednizolon ekvivalentida {dose} mg/sut',
  'immunosuppression.glucocorticoid.advice':
    'Prednizolon ekvivalenti dozasi sutkasiga {limit} mg yoki undan yuqori boʻlib turgan paytda tirik vaksinani kechiktiring.',
  'immunosuppression.chemo': 'Kimyoterapiya {drug}: {when} (oraliq: {before} kun oldindan {after} kun keyingacha).',
  'immunosuppression.chemo.short': 'kimyoterapiya oraligʻi ichida',
  'immunosuppression.chemo.advice':
    'Tirik vaksinalarni kimyoterapiya tugaganidan 3 oy oʻtguncha ({date}) kechiktiring.',
  'immunosuppression.mediator': 'Immun mediator {drug}: {course} (soʻnggi {days} kun ichida).',
  'immunosuppression.mediator.short': '{drug}, soʻnggi {days} kun ichida',
  'immunosuppression.mediator.advice':
    'Tirik vaksinalarni {drug} toʻxtatilganidan keyin kamida {days} kun oʻtguncha kechiktiring.',
  'immunosuppression.cd4':
    '{result}: tirik vaksinalar uchun ogʻir immunosupressiya ({threshold} chegarasidan past{band, select, any {} from6 {, 6 yoshdan boshlab} other {, {band}}}).',
  'immunosuppression.cd4.advice':
    'QPQ (MMR) va suvchechakka qarshi vaksinalarni CD4 kamida 6 oy davomida chegara qiymatida yoki undan yuqori boʻlib turguncha kechiktiring.',
  'immunosuppression.condition': '{category}: {conditions}.',
  'immunosuppression.condition.advice':
    'Tirik vaksinalardan saqlaning; agar tirik boʻlmagan muqobil vaksina boʻlsa, undan foydalaning.',

  // live-vaccine-immunocompromised
  'rule.liveVaccine.summary':
    '{vaccine} (tirik {kind, select, bcg {BSJ} other {vaksina}}) qarshi koʻrsatilgan: {reasons}',
  'rule.liveVaccine.concern':
    '{drug} — {kind, select, bcg {tirik bakterial preparat (qovuq ichiga BSJ)} other {tirik vaksina}}, bemorning esa immuniteti susaygan:',
  'rule.liveVaccine.basis':
    'Tirik attenuirlangan mikroorganizm immuniteti susaygan bemor organizmida koʻpayib, kasallik chaqirishi mumkin (CDC CDSi qarshi koʻrsatmalari; IDSA 2013).',
  'rule.liveVaccine.action.bcg': 'Immunosupressiya davrida qovuq ichiga BSJ yubormang; urolog bilan maslahatlashing.',
  'rule.liveVaccine.after.summary':
    '{drug} tirik vaksinadan keyin {days} kundan kamroq vaqt oʻtib boshlanadi — kechiktirishni koʻrib chiqing',
  'rule.liveVaccine.after.concern':
    '{drug} immunosupressiyani {vaccine} ({date}) qilinganidan keyin {days} kundan kamroq vaqt oʻtib boshlaydi.',
  'rule.liveVaccine.after.basis':
    'Tirik vaksinalar immunosupressiyadan kamida 4 hafta oldin qilinishi kerak (IDSA 2013).',
  'rule.liveVaccine.after.action':
    'Klinik jihatdan imkon boʻlsa, boshlanishini kechiktiring yoki vaksina shtammi keltirib chiqaradigan infeksiyani kuzating.',

  // vaccine-response-altered
  'rule.vaccineResponse.summary':
    '{vaccine}: immunosupressiya tufayli javob susayishi mumkin — vaqtini rejalashtiring yoki qayta emlashni koʻzda tuting',
  'rule.vaccineResponse.concern': '{drug} — tirik boʻlmagan vaksina; immun javob susayishi mumkin:',
  'rule.vaccineResponse.soon': 'Immunosupressiv terapiya {drug} 14 kun ichida boshlanadi: {date}.',
  'rule.vaccineResponse.basis':
    'Immunosupressiya davrida qilingan vaksinalar himoya bermasligi mumkin (IDSA 2013, 5-tavsiya).',
  'rule.vaccineResponse.action':
    'Imkon boʻlsa, vaksinalarni immunosupressiya boshlanishidan kamida 2 hafta oldin qiling; aks holda emlang va immunitet tiklanganidan keyin qayta emlash yoki serologik tekshiruvni koʻrib chiqing.',

  // immunomodulator-conflict
  'rule.conflict.other': '{drug}: {course}.',
  'rule.conflict.opposed.summary':
    '{drug} joriy immunosupressiyaga ({suppressant}) qarama-qarshi taʼsir qiladi — qayta koʻrib chiqing',
  'rule.conflict.opposed.concern': '{drug} joriy terapiya bostirishga qaratilgan immun tizimini stimullaydi:',
  'rule.conflict.opposed.basis.echinacea':
    'Commission E exinatseyani immunosupressiv terapiya bilan birga qoʻllashni tavsiya etmaydi.',
  'rule.conflict.opposed.basis.other':
    'Ikkalasi qarama-qarshi yoʻnalishda taʼsir qiladi; stimulyator foyda berishi ehtimoldan yiroq va xalaqit berishi mumkin.',
  'rule.conflict.opposed.action': 'Immunostimulyatorni toʻxtating yoki ikkalasi nima uchun kerakligini qayd eting.',
  'rule.conflict.stacked.summary':
    '{drug} {count, plural, one {boshqa immunostimulyatorga qoʻshib} other {boshqa # ta immunostimulyatorga qoʻshib}} ({other})',
  'rule.conflict.stacked.concern': '{drug} quyidagilar bilan birga qabul qilinadi:',
  'rule.conflict.stacked.basis.bare':
    'Bu preparat uchun ham, {bare} uchun ham qayd etilgan koʻrsatma yoʻq; noselektiv immunostimulyatorlarni ustma-ust qoʻllash haddan tashqari stimulyatsiya va autoimmun qoʻzishlar xavfini tugʻdiradi, qoʻshimcha foydasi esa isbotlanmagan.',
  'rule.conflict.stacked.basis.indicated':
    'Immunostimulyatorlarni ustma-ust qoʻllash qoʻshimcha foydasi isbotlanmagan holda taʼsir va xarajatni oshiradi.',
  'rule.conflict.stacked.action': 'Qayd etilgan koʻrsatmasi va tugash sanasi boʻlgan bitta preparatni qoldiring.',
  'rule.conflict.suppressant.summary':
    '{drug} immunostimulyator {booster} qabul qilinayotgan paytda — stimulyatorni toʻxtatish kerakmi?',
  'rule.conflict.suppressant.concern':
    '{drug} joriy immunostimulyator stimullashga qaratilgan immun tizimini bostiradi:',
  'rule.conflict.suppressant.action': 'Immunostimulyator hali ham kerakligini qayta koʻrib chiqing.',

  // course-unbounded
  'rule.course.unbounded.summary':
    '{drug}: tugash sanasi, davomiyligi yoki miqdori yoʻq — tugash yoki qayta baholash sanasini belgilang',
  'rule.course.unbounded.concern':
    '{drug} uchun tugash koʻrsatilmagan: davomiyligi, tugash sanasi, dozalar soni yoki necha kunga yetishi yoʻq.',
  'rule.course.tooLong.summary':
    '{drug}: kurs {duration}{continued, select, yes { (oldingi tayinlovlari bilan)} other {}}, bu belgilangan maksimal muddatdan ({max}) ortiq',
  'rule.course.tooLong.concern':
    '{drug} {duration} muddatga rejalashtirilgan; bu guruh uchun maksimal kurs — {max}{site, select, yes { (muassasa sozlamasi)} other {}}.',
  'rule.course.tooLong.continued':
    '{drug} ({own}) quyidagi tayinlovlarning davomi: {earlier}; jami bitta kurs — {duration}; bu guruh uchun maksimal — {max}{site, select, yes { (muassasa sozlamasi)} other {}}.',
  'rule.course.repeat.summary': '{drug}: {window} kun ichida {ordinal}-kurs — foydasini qayta baholang',
  'rule.course.repeat.concern': '“{class}” guruhida {window} kun ichida {ordinal}-kurs (oldingilari: {dates}).',
  'rule.course.basis':
    'Immunokorreksiya vaqt bilan cheklanadi va qayta baholanadi; takroriy kurslar uchun foydasi qayd etilgan boʻlishi kerak.',
  'rule.course.action.setEndMax': 'Tugash sanasini (koʻpi bilan {max}) va samarani qayta baholash sanasini belgilang.',
  'rule.course.action.setEnd':
    'Tugash yoki qayta baholash sanasini belgilang va qayta baholashda koʻrsatmani qayta koʻrib chiqing.',
  'rule.course.action.shorten':
    'Kurs davomiyligini jami koʻpi bilan {max} qilib qisqartiring va samarani qayta baholash sanasini belgilang.',
  'rule.course.action.reviewBenefit':
    'Navbatdagi kursdan oldin oldingi kurslarning foydasini baholang; uni qayd eting yoki tayinlovni bekor qiling.',

  // antineoplastic-interaction
  'rule.antineoplastic.csf.summary':
    '{drug} {longActing, select, yes {kimyoterapiyadan oldingi 14 kun yoki undan keyingi 24 soat ichida} other {kimyoterapiyadan oldingi yoki keyingi 24 soat ichida}} boshlanadi — vaqtini oʻzgartiring',
  'rule.antineoplastic.csf.concern': '{drug} boshlanishi: {start}; {chemo}: {course}.',
  'rule.antineoplastic.csf.basis':
    '{longActing, select, yes {Pegfilgrastim yoʻriqnomasi: sitotoksik kimyoterapiyadan 14 kun oldindan 24 soat keyingacha qoʻllanmaydi.} other {Filgrastim yoʻriqnomasi: sitotoksik kimyoterapiyadan 24 soat oldindan 24 soat keyingacha qoʻllanmaydi.}} Boʻlinayotgan mieloid oʻtmishdosh hujayralar sitotoksik preparatlarga sezgirroq boʻlib qoladi.',
  'rule.antineoplastic.csf.action':
    '{longActing, select, yes {Oxirgi sitotoksik dozadan kamida 24 soat keyin va keyingi sikldan kamida 14 kun oldin yuboring.} other {Kimyoterapiyadan kamida 24 soat keyin boshlang va keyingi dozadan kamida 24 soat oldin toʻxtating.}}',
  'rule.antineoplastic.csf.remove': '{drug} tayinlovini bekor qiling va vaqtini oʻzgartiring',
  'rule.antineoplastic.ici.summary': '{drug}: {ici} davomida immun stimulyatsiya',
  'rule.antineoplastic.ici.concern': '{drug} — immunostimulyator; nazorat nuqtasi ingibitori {ici}: {course}.',
  'rule.antineoplastic.ici.basis':
    'Immun faollashuvning qoʻshilishi immun bogʻliq nojoʻya hodisalarni koʻpaytirishi mumkin; nazorat nuqtasi ingibitorlarining yoʻriqnomalari immun vositachiligidagi reaksiyalar haqida ogohlantiradi.',
  'rule.antineoplastic.ici.action':
    'Nazorat nuqtasi ingibitori bilan terapiya davomida koʻrsatmasiz immunostimulyatordan saqlaning; agar u kerakdek tuyulsa, onkolog bilan kelishing.',
  'rule.antineoplastic.myelo.summary':
    '{drug} va {cytotoxic}: mielosupressiya kuchayadi — qon tahlilini nazorat qiling',
  'rule.antineoplastic.myelo.concern': '{drug} sitotoksik {cytotoxics} bilan: {course}.',
  'rule.antineoplastic.myelo.basis':
    'Interferonlar va interleykinlar sitotoksik preparatlarning mielosupressiv taʼsirini kuchaytiradi (preparat haqidagi maʼlumot; matni tekshirilmagan).',
  'rule.antineoplastic.myelo.action': 'Leykotsitar formulali umumiy qon tahlilini nazorat qiling.',

  // malignancy-stimulation
  'rule.malignancy.csf.summary': '{drug} mieloid oʻsmada — G-CSF oʻsmani stimullashi mumkin',
  'rule.malignancy.csf.concern':
    '{drug} — G-CSF; faol {conditions}{onset, select, none {} other { (boshlangan: {onset})}}.',
  'rule.malignancy.csf.basis':
    'Pegfilgrastim yoʻriqnomasi: mielodisplastik sindrom, surunkali mieloid leykoz yoki ikkilamchi oʻtkir mieloid leykoz uchun emas; mieloid oʻsma hujayralarida G-CSF retseptori bor.',
  'rule.malignancy.csf.action':
    'Mieloid oʻsmada G-CSF preparatlarini yoʻriqnomadagi koʻrsatmalardan tashqari qoʻllamang; gematolog bilan maslahatlashing.',
  'rule.malignancy.booster.summary': '{drug} faol xavfli oʻsmada — immun stimulyatsiya oʻsmaga taʼsir qilishi mumkin',
  'rule.malignancy.booster.concern':
    '{drug} — nospetsifik immunostimulyator; faol {conditions}{onset, select, none {} other { (boshlangan: {onset})}}.',
  'rule.malignancy.booster.basis':
    'Nospetsifik immun stimulyatsiya yashirin oʻsma jarayonlarini faollashtirishi mumkin, bu preparatlarning foydasi haqidagi dalillar esa zaif.',
  'rule.malignancy.booster.action':
    'Faol xavfli oʻsmada koʻrsatmasiz immunostimulyatordan saqlaning; onkolog bilan maslahatlashing.',

  // autoimmune-flare
  'rule.autoimmune.summary': '{drug} va {condition}: immun stimulyatsiya qoʻzishni keltirib chiqarishi mumkin',
  'rule.autoimmune.concern': '{drug}, faol {conditions}{onset, select, none {} other { (boshlangan: {onset})}}.',
  'rule.autoimmune.basis.interferon':
    'Alfa-interferon boʻyicha qora ramkali ogohlantirish: u oʻlimga olib keluvchi yoki hayot uchun xavfli autoimmun kasalliklarni (tireoidit, tizimli qizil yugurikka oʻxshash kasallik, psoriaz, 1-tip qandli diabet) keltirib chiqarishi yoki ogʻirlashtirishi mumkin.',
  'rule.autoimmune.basis.echinacea':
    'Commission E autoimmun kasallikda exinatseyani qoʻllashni tavsiya etmaydi (nazariy immun stimulyatsiya); keyingi sharhlar bu qarshi koʻrsatmani shubha ostiga qoʻyadi.',
  'rule.autoimmune.basis.other':
    'Nospetsifik immun stimulyatsiya qoʻzishni keltirib chiqarishi mumkin (taʼsir mexanizmiga asoslangan).',
  'rule.autoimmune.action':
    'Undan saqlaning yoki autoimmun kasallikni olib borayotgan mutaxassis bilan kelishing va qoʻzish belgilarini kuzating.',

  // anticoagulant-interaction
  'rule.anticoagulant.summary':
    '{drug} va {partner}: {effect, select, inr {INR oshishi mumkin} other {qon ketish va INRga taʼsir}} — nazorat qiling',
  'rule.anticoagulant.concern': '{drug} va {partners}.',
  'rule.anticoagulant.inr': 'Oxirgi INR: {result}.',
  'rule.anticoagulant.noInr': 'INR natijasi qayd etilmagan.',
  'rule.anticoagulant.basis.levamisole':
    'Levamizol yoʻriqnomasi: varfarin qabul qilayotgan bemorlarda u protrombin vaqtini terapevtik oraliqdan tashqari uzaytirgan.',
  'rule.anticoagulant.basis.omega3':
    'Omega-3 yogʻ kislotalari antiagregant taʼsirga ega va qon ketish vaqtini uzaytiradi; tadqiqotlarda qon ketishning klinik ahamiyatli koʻpayishi kuzatilmagan.',
  'rule.anticoagulant.basis.interferon':
    'Peginterferon alfa-2b CYP2C9 faolligini oshirgan, bu varfarin taʼsirini oʻzgartirishi mumkin (Gupta 2011).',
  'rule.anticoagulant.action.levamisole':
    'PV/INR koʻrsatkichlarini sinchiklab nazorat qiling va kumarin dozasini moslang.',
  'rule.anticoagulant.action.omega3':
    'Vaqti-vaqti bilan nazorat qiling; sutkasiga 3 g dan yuqori dozada faqat shifokor nazoratida.',
  'rule.anticoagulant.action.interferon':
    'Interferon boshlangandan yoki toʻxtatilgandan keyin INR koʻrsatkichini tekshiring.',

  // nutrient-excess
  'rule.nutrient.level.summary':
    '{drug} tayinlangan, holbuki {marker} allaqachon {value}, bu {threshold} chegarasidan yuqori',
  'rule.nutrient.level.concern': '{drug} tayinlangan, holbuki {result}: {threshold} chegarasidan yuqori.',
  'rule.nutrient.dose.summary': '{drug}: sutkasiga {total} — bu sutkalik {limit} chegarasidan yuqori',
  'rule.nutrient.dose.concern': '{drug} sutkasiga {dose} beradi{limitNote, select, none {} other { ({limitNote})}}.',
  'rule.nutrient.limitNote.vitamin-d':
    'kattalar uchun isteʼmolning ruxsat etilgan yuqori chegarasi — sutkasiga 100 mkg; qayd etilgan tanqislikni davolash kursiga taalluqli emas',
  'rule.nutrient.limitNote.zinc': 'elementar rux, uzoq muddatli qabul',
  'rule.nutrient.limitNote.selenium': 'isteʼmolning ruxsat etilgan yuqori chegarasi',
  'rule.nutrient.limitNote.omega-3': 'sutkasiga 3 g dan ortigʻi — faqat shifokor nazoratida (AHA)',
  'rule.nutrient.dose.total': '{others} bilan birga jami sutkasiga {total} — bu sutkalik {limit} chegarasidan yuqori.',
  'rule.nutrient.dose.over': 'Bu sutkalik {limit} chegarasidan yuqori.',
  'rule.nutrient.dose.unverified': 'Bu chegara faqat qisman tekshirilgan.',
  'rule.nutrient.action.vitamin-d':
    'Dozani kamaytiring (sutkasiga 4000 XB dan yuqori faqat muddati cheklangan tanqislikni davolash sifatida) va kalsiy hamda 25(OH)D darajasini tekshiring.',
  'rule.nutrient.action.zinc':
    'Doza va davomiylikni kamaytiring; uzoq qoʻllanganda misni tekshiring (rux koʻp boʻlsa, mis tanqisligi, anemiya va neytropeniya yuzaga keladi).',
  'rule.nutrient.action.other':
    'Dozani chegaragacha kamaytiring yoki nazorat ostida yuqoriroq doza nima uchun kerakligini qayd eting.',

  // monitoring-due
  'rule.monitoring.summary':
    '{drug}: nazorat muddati oʻtgan ({tests}) — {count, plural, one {uni} other {ularni}} hozir tayinlang',
  'rule.monitoring.overdue': '{test}: muddati {due} gacha; oxirgi natija {last}.',
  'rule.monitoring.none': '{test}: muddati {due} gacha; {drug} boshlanganidan ({start}) beri natija yoʻq.',
  'rule.monitoring.noBaseline': '{test}: {drug} dan oldin (boshlanishi {start}) boshlangʻich natija yoʻq.',
  'rule.monitoring.action': '{tests} ni hozir tayinlang va {drug} ning keyingi dozasidan oldin natijalarni baholang.',
  'rule.monitoring.basis.document':
    'Kurs uchun bu tekshiruvlar va oraliqlar dori yoʻriqnomasi yoki klinik tavsiyada belgilangan{site, select, yes { (oraliqlar muassasa tomonidan oʻzgartirilgan)} other {}}.',
  'rule.monitoring.basis.opinion':
    'Yoʻriqnomada bu dori uchun nazorat jadvali yoʻq; reja kursni asoslagan koʻrsatkichga tayanadi{site, select, yes { (muassasa tomonidan oʻzgartirilgan)} other {}}.',

  // course-review-due
  'rule.review.past.summary':
    '{drug}: kursni qayta koʻrib chiqish muddati oʻtgan, tayinlov faol — kursni qayta baholang',
  'rule.review.past.concern':
    '{drug} {start} dan beri: {basis, select, end {rejalashtirilgan tugash} max {kursning maksimal davomiyligi} other {qayta koʻrish sanasi}} — {review} ({days, plural, one {# kun} other {# kun}} oldin), tayinlov hali ham faol.',
  'rule.review.past.action':
    'Kursni qayta baholang: uni toʻxtating yoki nima uchun davom etayotganini qayd eting va yangi tugash sanasini belgilang.',
  'rule.review.renewal.summary': '{drug} qayta baholashsiz uzaytirilmoqda — avval koʻrsatkichni tekshiring',
  'rule.review.renewal.concern':
    '{drug} {start} dan beri ({days, plural, one {# kun} other {# kun}}): kurs boshlanganidan beri {markers} natijasi yoʻq.',
  'rule.review.renewal.action': '{tests} ni tayinlang va natija hali ham tanqislikni koʻrsatsagina uzaytiring.',
  'rule.review.basis':
    'Kurs rejalashtirilgan tugash muddatida qayta koʻriladi, uzaytirish esa kursni asoslagan koʻrsatkichning yangi natijasiga tayanadi.',

  // endpoint-reached
  'rule.endpoint.summary': '{drug}: kurs boshlangan sabab — tanqislik bartaraf boʻldi — toʻxtatishni koʻrib chiqing',
  'rule.endpoint.concern': 'Kursdan oldin {before}; hozir {now}, tanqislik chegarasidan ({threshold}) yuqori.',
  'rule.endpoint.action':
    '{label} ni toʻxtating ({start} dan beri kurs) yoki nima uchun davom etayotganini qayd eting; alomatlar qaytsa, koʻrsatkichni qayta tekshiring.',
  'rule.endpoint.basis':
    'Immunokorreksiya maqsadga erishilganda tugaydi: tanqislik bartaraf boʻlgach, dori maqsadsiz taʼsirni oshiradi, xolos.',

  // no-response
  'rule.response.summary':
    '{drug}: toʻliq kursdan keyin javob yoʻq{renewal, select, yes { — uzaytirishni qayta koʻrib chiqing} other { — dori tanlovini qayta koʻrib chiqing}}',
  'rule.response.concern':
    '{drug} {days, plural, one {# kun} other {# kun}}: boshida {before}, hozir {now} ({change} %), hali ham {threshold} dan past.',
  'rule.response.action':
    '{renewal, select, yes {{drug} ni oʻzgarishsiz uzaytirmang: tanqislik sababini izlang va boshqa yondashuvni koʻrib chiqing.} other {{drug} ni qayta koʻrib chiqing: tanqislik sababini izlang va boshqa yondashuvni koʻrib chiqing.}}',
  'rule.response.basis':
    'Rejalashtirilgan muddatdan keyin koʻrsatkich meʼyor tomon kamida {percent} % siljimagan boʻlsa, davom ettirish foyda berishi dargumon.',

  // immune-adverse-signal
  'rule.signal.summary':
    '{drug}: boshlangandan keyin {kind, select, autoimmune {yangi autoimmun kasallik} lymphoproliferative {yangi limfoproliferativ kasallik} eosinophilia {yangi eozinofiliya} ige {IgE meʼyordan yuqori} lymphocytosis {yangi limfotsitoz} other {qalqonsimon bez faoliyatining yangi buzilishi}}{more, plural, =0 {} one { va yana #} other { va yana #}}',
  'rule.signal.result':
    '{kind, select, eosinophilia {Eozinofiliya} ige {IgE meʼyordan yuqori} lymphocytosis {Limfotsitoz} other {TTG meʼyordan tashqarida}}: {result}, {drug} {start} da boshlangandan keyin{before, select, none {} other {; boshlanishdan oldin: {before}}}.',
  'rule.signal.condition':
    '{condition}: {onset} da tashxis qoʻyilgan, {drug} {start} da boshlangandan {days, plural, one {# kun} other {# kun}} keyin.',
  'rule.signal.action':
    '{interferon, select, yes {{drug} ni mutaxassis bilan qayta koʻrib chiqing: qalqonsimon bez faoliyati va autoimmun markerlarni tekshiring, gumon qilingan reaksiya haqida xabar bering.} other {{drug} ni toʻxtating yoki asoslang, yangi topilmani baholang va gumon qilingan nojoʻya reaksiya haqida xabar bering.}}',
  'rule.signal.basis.interferon':
    'Interferon alfa haqida ramkali ogohlantirish: u autoimmun buzilishlarni, jumladan qalqonsimon bez kasalliklarini keltirib chiqarishi yoki kuchaytirishi mumkin.',
  'rule.signal.basis.other':
    'Immun tizimining ortiqcha stimullanishi autoimmun qoʻzish, allergik sensibilizatsiya yoki limfoproliferativ kasallikni keltirib chiqarishi mumkin; kurs boshlangandan keyingi yangi holat — ehtimoliy nojoʻya reaksiya.',
} as const satisfies Record<keyof typeof enRules, string>;
