import type { app as enApp } from '../en/app.js';

/** The SMART app's views, panels and errors. */

/** The data each panel reads, as a physician names it. */
const DATA = {
  'app.data.patient': 'bemor maʼlumotlari',
  'app.data.observations': 'laboratoriya natijalari',
  'app.data.medications': 'dori tayinlovlari',
  'app.data.conditions': 'tashxislar',
  'app.data.immunizations': 'emlashlar',
} as const;

/** A panel whose data did not arrive: what happened, then what to do. */
const LOAD_FAILURES = {
  'app.load.notGranted.title': 'Ruxsat yoʻq: {data}',
  'app.load.notGranted.message':
    'ETK ImmunoStewardga quyidagilarga ruxsat bermadi: {data}. ETK administratoridan {resource} uchun ruxsat doirasini (scope) berishni soʻrang.',
  'app.load.forbidden.title': 'Ruxsat yoʻq: {data}',
  'app.load.forbidden.message':
    'ETK ImmunoStewardga quyidagilarni oʻqishga ruxsat bermadi: {data}. ETK administratoridan {resource} uchun ruxsat doirasini (scope) berishni soʻrang.',
  'app.load.expired.title': 'Seansingiz muddati tugadi',
  'app.load.expired.message': 'ImmunoSteward maʼlumotlarni oʻqiy olmadi ({data}): ETK bilan seansingiz muddati tugadi.',
  'app.load.notFound.title': 'Bu FHIR serverida mavjud emas: {data}',
  'app.load.notFound.message':
    'ETKning FHIR serveri quyidagilarni taqdim etmaydi: {data}. ETK administratoridan {resource} ilovalar uchun mavjudligini soʻrang.',
  'app.load.server.title': 'Oʻqib boʻlmadi: {data}',
  'app.load.server.message':
    'ETKning FHIR serveri javob bermadi{status, select, none {} other { (xato {status})}}; quyidagi profil toʻliq emas — qayta urinib koʻring.',
  'app.load.network.title': 'Oʻqib boʻlmadi: {data}',
  'app.load.network.message':
    'ETKning FHIR serveriga ulanib boʻlmadi; quyidagi profil toʻliq emas — ulanishni tekshiring va qayta urinib koʻring.',
  'app.load.retry': 'Qayta urinish',
  'app.load.relaunch': 'Davom etish uchun ImmunoStewardni bemor kartasidan qayta ishga tushiring.',

  'app.patient.notFound.title': 'Bemor topilmadi',
  'app.patient.notFound.message': 'ETKda bu bemor haqida yozuv yoʻq — ImmunoStewardni bemor kartasidan qayta oching.',
  'app.patient.expired.message': 'Seansingiz muddati tugadi — ImmunoStewardni bemor kartasidan qayta ishga tushiring.',
  'app.patient.unreadable.message':
    'Bemor maʼlumotlarisiz ImmunoSteward profilni koʻrsata olmaydi — qayta urinib koʻring; xato takrorlansa, ETK administratoriga murojaat qiling.',

  'app.incomplete':
    'Bu profil toʻliq emas: oʻqib boʻlmadi — {missing}. Har bir boʻlimda nima yetishmasligi koʻrsatilgan; koʻrsatilgan maʼlumotlar kelgan maʼlumotlarga asoslangan.',
  'app.findings.incomplete':
    'Bu xulosalar toʻliq boʻlmagan maʼlumotlarga asoslangan: oʻqib boʻlmadi — {missing}, shuning uchun ayrim xulosalar yetishmasligi mumkin.',
  'app.findings.linkedOrderUnavailable':
    'ImmunoSteward karta tegishli boʻlgan tayinlovni oʻqiy olmadi; quyidagi xulosalar joriy dori tayinlovlariga tegishli.',
  'app.analysis.failed.title': 'ImmunoSteward bu maʼlumotlarni tahlil qila olmadi',
  'app.analysis.failed.message':
    'Maʼlumotlar keldi, lekin tahlil qilib boʻlmadi — qayta urinib koʻring; xato takrorlansa, ETK administratoriga xabar bering.',
} as const;

/** Errors that stop the whole app: launch, session, site configuration. */
const APP_ERRORS = {
  'app.error.session.title': 'Seansingiz tugadi',
  'app.error.session.message': 'ImmunoStewardni bemor kartasidan qayta oching.',
  'app.error.forbidden.title': 'Ruxsat berilmagan',
  'app.error.forbidden.message':
    'ETK ImmunoStewardga bu maʼlumotlarni oʻqishga ruxsat bermadi — ETK administratoridan kerakli ruxsat doiralarini (scopes) berishni soʻrang.',
  'app.error.network.title': 'ETKga ulanib boʻlmadi',
  'app.error.network.message': 'Ulanishni tekshiring va qayta urinib koʻring.',
  'app.error.config.title': 'ImmunoSteward bu ETK uchun sozlanmagan',
  'app.error.config.message':
    'ETK administratoridan ImmunoStewardning muassasa sozlamalarini tekshirishni soʻrang ({detail}).',
  'app.error.server.title': 'Xatolik yuz berdi',
  'app.error.server.message': 'ETK xato bilan javob berdi ({status}) — qayta urinib koʻring.',
  'app.error.unknown.message': 'Iltimos, qayta urinib koʻring.',
  'app.error.relaunch':
    'ImmunoStewardni ETKdan qayta ishga tushiring: bemor kartasini oching va ilovani qaytadan ishga tushiring.',
  'app.error.noPatient.title': 'Bemor tanlanmagan',
  'app.error.noPatient.message': 'ImmunoStewardni bemor kartasidan oching.',

  'app.setup.openServerRefused': 'manzilda koʻrsatilgan FHIR server yoki bemorga bu muassasa uchun ruxsat berilmagan',
  'app.setup.noIssuer':
    'ulanish uchun ETK yoʻq: ilovani ETKdan ishga tushiring yoki smart-config.json faylida standaloneIssuerni belgilang',
  'app.setup.issuerRefused': '{issuer} ETK tizimiga bu muassasa uchun ruxsat berilmagan',
  'app.launch.connecting': 'ETKga ulanmoqda…',
  'app.launch.failed': 'ImmunoSteward ishga tushmadi: {reason}',
} as const;

/**
 * The EHR's authorisation server refused (OAuth 2.0 error codes): what happened in plain words,
 * and who can fix it. The page adds the EHR's own description and, where the EHR's registration
 * of the app is at fault, the values the EHR administrator must check.
 */
const AUTHORIZATION = {
  'app.auth.invalidRequest.title': 'ETK ImmunoStewardning kirish soʻrovini qabul qila olmadi',
  'app.auth.invalidRequest.message':
    'ETK soʻrovni toʻliq emas yoki ImmunoStewardning roʻyxatdan oʻtkazilishiga mos emas deb topdi — koʻpincha sababi qayta yoʻnaltirish URI manzili. Qayta ishga tushirish yordam bermaydi: ETK administratori quyidagi roʻyxatga olish maʼlumotlarini tekshirishi kerak.',
  'app.auth.unauthorizedClient.title': 'ImmunoStewardga bu usulda kirishga ruxsat yoʻq',
  'app.auth.unauthorizedClient.message':
    'ETK ImmunoSteward uchun bunday ishga tushirish turini yoqmagan. Qayta ishga tushirish yordam bermaydi: ETK administratori uni quyidagi client ID uchun yoqishi kerak.',
  'app.auth.accessDenied.title': 'Ruxsat berilmadi',
  'app.auth.accessDenied.message':
    'ETK tasdiqlashni soʻraganida bu bemor maʼlumotlariga kirish rad etildi, shuning uchun ImmunoSteward profilni koʻrsata olmaydi. Ruxsat berish uchun ImmunoStewardni bemor kartasidan qayta ishga tushiring va ETK soʻraganida kirishni tasdiqlang. Agar siz rad etmagan boʻlsangiz, ETK administratoridan ImmunoSteward bu bemor uchun ishlatilishi mumkinligini soʻrang.',
  'app.auth.unsupported.title': 'ETK ImmunoStewardning kirish usulini qoʻllab-quvvatlamaydi',
  'app.auth.unsupported.message':
    'ImmunoSteward ochiq mijoz (public client) sifatida avtorizatsiya kodi va PKCE orqali kiradi; ETK buni rad etdi. Qayta ishga tushirish yordam bermaydi: ETK administratori uni quyidagi client ID uchun yoqishi kerak.',
  'app.auth.invalidScope.title': 'ETK ImmunoSteward soʻragan ruxsatni rad etdi',
  'app.auth.invalidScope.message':
    'ImmunoSteward bemor maʼlumotlarining ayrim qismlarini oʻqishni soʻraydi (quyidagi ruxsat doiralari — scopes); ETK ularning barchasiga ImmunoSteward uchun ruxsat bermaydi. Qayta ishga tushirish yordam bermaydi: ETK administratori bu ruxsat doiralarini quyidagi client ID uchun yoqishi kerak.',
  'app.auth.serverError.title': 'ETK kirishni yakunlay olmadi',
  'app.auth.serverError.message':
    'ETKning kirish xizmatida nosozlik yuz berdi. Odatda bu vaqtinchalik: ImmunoStewardni bemor kartasidan qayta ishga tushiring. Xato takrorlansa, ETK administratoriga xabar bering.',
  'app.auth.temporarilyUnavailable.title': 'ETKga kirish hozircha imkonsiz',
  'app.auth.temporarilyUnavailable.message':
    'ETK hozir ImmunoStewardni tizimga kirita olmaydi. Bir daqiqa kuting, soʻng ImmunoStewardni bemor kartasidan qayta ishga tushiring.',
  'app.auth.invalidClient.title': 'ETK ImmunoStewardni tanimaydi',
  'app.auth.invalidClient.message':
    'Kirishni yakunlashda ETK ImmunoStewardning mijoz sifatida roʻyxatdan oʻtkazilishini rad etdi. Qayta ishga tushirish yordam bermaydi: ETK administratori quyidagi client IDni ochiq mijoz (public client) sifatida roʻyxatdan oʻtkazishi kerak (maxfiy kalitsiz, PKCE bilan).',
  'app.auth.invalidGrant.title': 'Kirishni yakunlab boʻlmadi',
  'app.auth.invalidGrant.message':
    'ETK bir martalik kirish kodini endi qabul qilmadi — uning muddati tugagan yoki u allaqachon ishlatilgan boʻlishi mumkin. ImmunoStewardni bemor kartasidan qayta ishga tushiring. Bu takrorlansa, ETK administratori quyidagi qayta yoʻnaltirish URI manzili aynan shunday roʻyxatdan oʻtkazilganini tekshirishi kerak.',
  'app.auth.other.title': 'ETK ImmunoStewardning kirishini rad etdi',
  'app.auth.other.message':
    'ETK kirishni “{code}” xatosi bilan rad etdi. ETK administratori buni quyidagi maʼlumotlar boʻyicha aniqlashi mumkin.',
  'app.auth.ehrSaid': 'ETK xabari:',
  'app.auth.moreInfo': 'ETKning bu xato haqidagi sahifasi:',
  'app.auth.admin.heading': 'ETK administratori uchun',
  'app.auth.admin.intro':
    'ImmunoStewardning ETK dagi roʻyxatga olish maʼlumotlari quyidagi qiymatlarga aynan mos kelishi kerak (ular ImmunoStewardning smart-config.json faylidan olingan):',
  'app.auth.admin.error': 'Xato kodi',
  'app.auth.admin.clientId': 'Mijoz identifikatori (client ID)',
  'app.auth.admin.redirectUri': 'Qayta yoʻnaltirish URI (redirect URI)',
  'app.auth.admin.scopes': 'Soʻralgan ruxsat doiralari (scopes)',
  'app.auth.admin.onlineAccess':
    'online_access foydalanuvchi ETK tizimida qolgan paytda ImmunoStewardga kirish huquqini yangilash imkonini beradi. Agar ETK buni taqdim etmasa, smart-config.json faylida "onlineAccess": false qiymatini belgilang.',
} as const;

const PAGE = {
  'app.title': 'ImmunoSteward',
  'app.titleWithPatient': '{name} — ImmunoSteward',
  'app.language': 'Til',
  'app.heading': 'Immun profil',
  'app.panel.findings': 'Xulosalar',
  'app.panel.profile': 'Immun profil',
  'app.panel.biomarkers': 'Biomarkerlar',
  'app.panel.medications': 'Immunomodulyatorlar va oʻzaro taʼsir qiluvchi dorilar',
  'app.panel.courses': 'Kurslar',
  'app.nav.label': 'Boʻlimlar',
  'app.nav.profile': 'Immun profil',
  'app.nav.courses': 'Kurslar',
  'app.loading': 'Yuklanmoqda…',
  'app.analysing': 'Tahlil qilinmoqda…',

  'app.banner.loading': 'Bemor maʼlumotlari yuklanmoqda…',
  'app.banner.unnamed': 'Ismi koʻrsatilmagan bemor',
  'app.banner.gender': 'Jinsi',
  'app.banner.born': 'Tugʻilgan sanasi',
  'app.banner.mrn': 'Tibbiy karta raqami',
  'app.banner.notRecorded': 'qayd etilmagan',
  'app.banner.genderValue': '{gender, select, male {Erkak} female {Ayol} unknown {Nomaʼlum} other {Boshqa}}',
  'app.banner.birthWithAge': '{date} ({age} yosh)',
} as const;

const PROFILE = {
  'app.compartment.status':
    '{status, select, deficit {Tanqislik} low {Laboratoriya referens oraligʻidan past} normal {Laboratoriya referens oraligʻida} high {Laboratoriya referens oraligʻidan yuqori} excess {Ortiqchalik} other {Nomaʼlum}}',
  'app.compartment.noResults': 'kartada natijalar yoʻq',
  'app.compartment.withoutRange': '{results}: baholash uchun referens oraligʻi yoʻq',
  'app.compartment.onlyStale': 'faqat eskirgan natijalar (oxirgisi: {date})',
  'app.compartment.more': '{results}; yana {count} ta',
  'app.compartment.stale': 'Eskirgan ({days} kundan eski, dalil sifatida ishlatilmaydi): {markers}',
} as const;

const BIOMARKERS = {
  'app.biomarkers.caption': 'Immun biomarkerlar: {date} holatiga har bir marker boʻyicha oxirgi qiymat',
  'app.biomarkers.empty': 'Kartada immun biomarkerlar natijalari yoʻq.',
  'app.biomarkers.column.marker': 'Koʻrsatkich',
  'app.biomarkers.column.latest': 'Oxirgi qiymat',
  'app.biomarkers.column.range': 'Referens oraligʻi',
  'app.biomarkers.column.flag': 'Belgi',
  'app.biomarkers.column.trend': 'Dinamika',
  'app.biomarkers.column.date': 'Sana',
  'app.biomarkers.column.notes': 'Izohlar',
  'app.biomarkers.column.chart': 'Grafik',
  'app.biomarkers.noRange': '—',
  'app.biomarkers.range':
    '{range} ({origin, select, observation {laboratoriya} other {kattalar uchun referens qiymat}})',
  'app.biomarkers.taken': 'olingan: {date}',

  'app.tag.derived': 'hisoblangan',
  'app.tag.derivedTitle': 'hisoblash usuli: {method}',
  'app.tag.stale': 'eskirgan ({days, plural, one {# kun} other {# kun}})',
  'app.tag.preliminary': 'dastlabki',
  'app.tag.reported': 'laboratoriya javobi: {value} {unit}',

  'app.trend.single': 'yagona qiymat',
  'app.trend.button': 'Dinamika',
  'app.trend.show': 'Dinamikani koʻrsatish: {marker}',
  'app.trend.hide': 'Dinamikani yashirish: {marker}',
  'app.trend.loading': 'Grafik yuklanmoqda…',
  'app.biomarkers.loading': 'Biomarkerlar yuklanmoqda…',

  'app.chart.caption': '{marker}: {count, plural, one {# ta natija} other {# ta natija}}, {range}',
  'app.chart.captionWithCourse': '{marker}: {count, plural, one {# ta natija} other {# ta natija}}, {range}, {course}',
  'app.chart.range': 'referens oraligʻi {range} soyalangan',
  'app.chart.noRange': 'referens oraligʻi yoʻq',
  'app.chart.cannotDraw': 'Grafikni bu yerda chizib boʻlmaydi; qiymatlar quyida keltirilgan.',
  'app.chart.tableCaption': '{marker}: vaqt boʻyicha oʻzgarishi',
  'app.chart.column.date': 'Sana',
  'app.chart.column.value': 'Qiymat',
  'app.chart.column.flag': 'Belgi',
} as const;

const FINDINGS = {
  'app.findings.empty': 'Joriy immunomodulyatorlar boʻyicha xulosalar yoʻq.',
  'app.findings.count':
    '{count, plural, one {# ta tayinlovda muammo bor} other {# ta tayinlovda muammo bor}}: {bySeverity}',
  'app.findings.severityCount':
    '{count} ta {indicator, select, critical {kritik} warning {{count, plural, one {ogohlantirish} other {ogohlantirish}}} other {maʼlumot}}',
  'app.findings.listLabel': 'Xulosalar, eng jiddiysi birinchi',
  'app.findings.order': 'Tayinlov: {order}',
  'app.findings.records': 'Asos boʻlgan yozuvlar',
  'app.findings.evidenceDated': '{evidence} ({date})',
} as const;

const MEDICATIONS = {
  'app.meds.empty': 'Dori tayinlovlarida immunomodulyatorlar yoki oʻzaro taʼsir qiluvchi dorilar yoʻq.',
  'app.meds.current': 'Joriy',
  'app.meds.past': 'Oldingi',
  'app.meds.noCurrent': 'Joriy kurslar yoʻq.',
  'app.meds.noPast': 'Oldingi kurslar yoʻq.',
  'app.meds.loading': 'Dorilar yuklanmoqda…',
  'app.course.unclassified': 'Tasniflanmagan',
  'app.course.evidence':
    '{level, select, established {dalillar isbotlangan} limited {dalillar cheklangan} weak {dalillar zaif} other {dalillar darajasi baholanmagan}}',
  'app.course.status':
    '{status, select, active {faol tayinlov} completed {yakunlangan} stopped {toʻxtatilgan} on_hold {toʻxtatib turilgan} draft {loyiha} cancelled {bekor qilingan} entered_in_error {xato kiritilgan} other {holati qayd etilmagan}}',
  'app.course.dates': '{start} → {end}',
  'app.course.startNotRecorded': 'boshlanishi qayd etilmagan',
  'app.course.endNotRecorded': 'tugashi qayd etilmagan',
  'app.course.noEnd': 'tugash sanasi yoʻq',
  'app.course.plannedNoStart': 'rejada {planned}, boshlanishi qayd etilmagan',
  'app.course.dayNoEnd': '{day}-kun, tugash sanasi yoʻq',
  'app.course.day': '{day}-kun',
  'app.course.ended': 'tugagan',
  'app.course.startsPlanned': 'boshlanishi: {date}, rejada {planned}',
  'app.course.dayOf': '{day}-kun, rejada {planned}',
  'app.course.planned': 'rejada {planned}',
} as const;

const COURSES = {
  'app.courses.loading': 'Kurslar yuklanmoqda…',
  'app.courses.empty': 'Dori tayinlovlarida immunokorreksiya kurslari yoʻq.',
  'app.courses.unavailable': 'Kurslarni koʻrsatib boʻlmaydi: {missing} oʻqilmadi. Bu kurslar yoʻq degani emas.',
  'app.courses.incomplete':
    'Kurslar haqidagi maʼlumot toʻliq boʻlmasligi mumkin: {missing} oʻqilmadi, shuning uchun kurs, natija yoki xulosa tushib qolgan boʻlishi mumkin.',
  'app.courses.attention.title': 'Bugun eʼtibor talab qiladi',
  'app.courses.attention.item': '{course}: {summary}',
  'app.courses.attention.course': '{drug}, boshlangan: {start}',
  'app.courses.attention.none': 'Joriy kurslar boʻyicha bugun hech narsa talab qilinmaydi.',
  'app.courses.attention.unknown': 'Bugun biror narsa talab qilinishi nomaʼlum: {missing} oʻqilmadi.',
  'app.courses.timeline.title': 'Vaqt shkalasi',
  'app.courses.timeline.label': 'Kurslar {from} dan {to} gacha; bugun {today}',
  'app.courses.timeline.today': 'bugun',
  'app.courses.state':
    '{state, select, running {davom etmoqda} active {tugagan, tayinlov hali faol} renewal {uzaytirilmoqda} other {tugagan}}',
  'app.courses.elapsed': 'kursning {day}-kuni',
  'app.courses.renewal': 'Uzaytirilmoqda: {order}',
  'app.courses.review':
    '{passed, select, yes {Qayta koʻrish sanasi oʻtgan} other {Qayta koʻrish sanasi}}: {date} ({basis, select, end {rejalashtirilgan tugash} max {ushbu sinf uchun eng uzun kurs} other {muassasaning qayta koʻrish oraligʻi}})',
  'app.courses.noReview': 'Qayta koʻrish sanasi yoʻq: kurs boshlanishi qayd etilmagan.',
  'app.courses.indication.title': 'Boshlanishdagi koʻrsatma',
  'app.courses.indication.deficit': 'Tanqislik: {result}',
  'app.courses.indication.condition': 'Tashxis: {condition}',
  'app.courses.indication.therapy': 'Terapiya: {therapy}',
  'app.courses.indication.none': 'Boshlanishda tanqislik, koʻrsatma boʻluvchi tashxis yoki terapiya qayd etilmagan.',
  'app.courses.endpoint.title': 'Yakuniy nuqta',
  'app.courses.endpoint.markers': 'Kuzatiladigan koʻrsatkichlar: {markers}.',
  'app.courses.endpoint.none': 'Bu kurs uchun yakuniy nuqta koʻrsatkichi yoʻq.',
  'app.courses.endpoint.noResults': 'Kartada natijalar yoʻq: {markers}.',
  'app.courses.plan.title': 'Nazorat rejasi',
  'app.courses.plan.none': 'Bilimlar bazasida bu dori uchun nazorat rejasi yoʻq.',
  'app.courses.plan.caption': 'Nazorat tahlillari: {drug}',
  'app.courses.plan.source': 'Manba: {citation}',
  'app.courses.plan.opinion': 'Manba: ekspert fikri (ImmunoSteward klinik siyosati)',
  'app.courses.plan.siteChanged': 'Muassasangiz ushbu rejaning oraligʻini yoki boshlangʻich tahlilini oʻzgartirgan.',
  'app.courses.plan.asOfEnd': 'Kurs tugagan sana, {date} holatiga: kurs toʻxtagandan keyin tahlil talab qilinmaydi.',
  'app.courses.plan.column.test': 'Tahlil',
  'app.courses.plan.column.last': 'Oxirgi natija',
  'app.courses.plan.column.due': 'Muddat',
  'app.courses.plan.column.state': 'Holat',
  'app.courses.test.state':
    '{state, select, done {bajarilgan} due {vaqti keldi} overdue {muddati oʻtgan} no_baseline {boshlangʻich natija yoʻq} other {nomaʼlum}}',
  'app.courses.test.noResult': 'natija yoʻq',
  'app.courses.test.due': '{state, select, no_baseline {{date} gacha} other {{date}}}',
  'app.courses.test.notScheduled': 'takrorlanmaydi',
  'app.courses.findings.title': 'Ushbu kurs boʻyicha xulosalar',
  'app.courses.findings.none': 'Bu kurs boʻyicha bugun hech narsa talab qilinmaydi.',
  'app.chart.courseSpan': 'kurs ({start} → {end}) ustun sifatida soyalangan',
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
} as const satisfies Record<keyof typeof enApp, string>;
