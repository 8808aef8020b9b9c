import type { landing as enLanding } from '../en/landing.js';

/** The demo landing page. */

/** Each demo patient: who they are in one line, and what to try (test/fixtures/demo/README.md). */
const PATIENTS = {
  'landing.patient.post-covid.story':
    '58 yoshli ayol, COVID-19 pnevmoniyasidan keyin limfopeniya va CD4 soni past, sekin tuzalmoqda.',
  'landing.patient.post-covid.try':
    'Izoprinozinni tugash sanasisiz imzolang: ogohlantirish tugash sanasini soʻraydi. “Koʻrsatma yoʻq” kartasi chiqmaydi — limfotsitlari hali ham past.',
  'landing.patient.chemo-gcsf.story':
    '52 yoshli ayol, koʻkrak bezi saratoni, neoadyuvant kimyoterapiya olmoqda, nadir davrida neytropeniya.',
  'landing.patient.chemo-gcsf.try':
    'Filgrastimni imzolang: karta chiqmaydi — kimyoterapiya keltirib chiqargan neytropeniyada G-CSF koʻrsatilgan va oxirgi sitotoksik dozadan ancha keyin boshlanadi.',
  'landing.patient.hepatitis-peginterferon.story':
    '47 yoshli erkak, surunkali gepatit C, interferon keltirib chiqargan yengil leykopeniya.',
  'landing.patient.hepatitis-peginterferon.try':
    'Peginterferon davomini imzolang: karta chiqmaydi — surunkali virusli gepatit koʻrsatma hisoblanadi, bu esa shu yilgi ikkinchi kurs.',
  'landing.patient.sle-immunodeficiency.story':
    '34 yoshli ayol, tizimli qizil yugurik, IgG past va limfopeniya, prednizolon qabul qilmoqda.',
  'landing.patient.sle-immunodeficiency.try':
    'Exinatseyani imzolang: ikki muammoli bitta ogohlantirish kartasi — yugurik qoʻzishi ehtimoli va immunosupressorga qarama-qarshi immunostimulyator.',
  'landing.patient.healthy-booster.story':
    '38 yoshli sogʻlom erkak, “qish oldidan profilaktika” qilmoqchi; immun paneli meʼyorda.',
  'landing.patient.healthy-booster.try':
    'Broncho-Vaxomni tugash sanasisiz imzolang: tahlillar meʼyorda boʻlgani uchun koʻrsatma yoʻq, tugash sanasi ham yoʻq. Kartadagi uni bekor qilish taklifini qabul qiling.',
  'landing.patient.warfarin-omega3.story':
    '74 yoshli erkak, boʻlmachalar fibrillyatsiyasi, varfarin qabul qilmoqda, INR maqsadli oraliqda barqaror.',
  'landing.patient.warfarin-omega3.try':
    'Levamizolni “immunitetni mustahkamlash uchun” imzolang: uning INR qiymati keltirilgan oʻzaro taʼsir haqida ogohlantirish va qon tahlili meʼyorda boʻlgani uchun koʻrsatma yoʻq.',
  'landing.patient.checkpoint-booster.story':
    '63 yoshli erkak, rezeksiya qilingan melanoma, adyuvant pembrolizumab olmoqda.',
  'landing.patient.checkpoint-booster.try':
    'Pidotimodni imzolang: uch muammoli bitta ogohlantirish kartasi — nazorat nuqtasi ingibitori bilan birga, xavfli oʻsmada va tahlillar meʼyorda boʻlgani uchun koʻrsatma yoʻq.',
  'landing.patient.methotrexate-mmr.story':
    '34 yoshli ayol, revmatoid artrit, metotreksat qabul qilmoqda, qizilchaga immuniteti yoʻq, homiladorlikni rejalashtirmoqda.',
  'landing.patient.methotrexate-mmr.try':
    'QPQ (MMR) vaksinasini imzolang: kritik karta — immunosupressor fonida tirik vaksina. Xulosani ilovada ochish uchun kartadagi havolaga oʻting.',
  'landing.patient.vitamin-d-excess.story':
    '42 yoshli ayol, D vitamini tanqisligi davolangan, hozir dozasi oshirib yuborilgan (25(OH)D 68 ng/ml).',
  'landing.patient.vitamin-d-excess.try':
    'Yana xolekalsiferol imzolang: ortiqchalik haqida ogohlantirish. Ilovada 68 ng/ml laboratoriya referens oraligʻida, lekin 50 ng/ml ortiqchalik chegarasidan yuqori koʻrinadi.',
  'landing.patient.child-lysates.story':
    '6 yoshli oʻgʻil bola, takroriy respirator infeksiyalar, shu yil ikki kurs bakterial lizat olgan, pediatrik tahlillari meʼyorda.',
  'landing.patient.child-lysates.try':
    'Broncho-munalning uchinchi kursini imzolang: takroriy kurs haqida ogohlantirish va tahlillar meʼyorda boʻlgani uchun koʻrsatma yoʻq.',
  'landing.patient.hiv-cd4.story':
    '41 yoshli erkak, OIV infeksiyasi, antiretrovirus terapiya olmoqda, CD4 150 hujayra/mkl dan 420 hujayra/mkl gacha tiklangan.',
  'landing.patient.hiv-cd4.try':
    'Suvchechakka qarshi vaksinani imzolang: karta chiqmaydi — joriy CD4 tirik vaksinalar uchun chegaradan yuqori. Ilovada CD4 dinamikasini koʻring.',
  'landing.patient.peginterferon-monitoring.story':
    '51 yoshli erkak, surunkali gepatit C, peginterferonning 15-haftasi; oxirgi qon tahlili 6 hafta oldin, TTG (tireotrop gormon) esa faqat davolash boshlanishidan oldin tekshirilgan.',
  'landing.patient.peginterferon-monitoring.try':
    'Peginterferonni uzaytirishni imzolang: bitta karta muddati oʻtgan tahlillarni soʻraydi — trombotsitlar bilan umumiy qon tahlili va TTG.',
  'landing.patient.thymus-endpoint.story':
    '66 yoshli erkak, pnevmoniyadan keyingi limfopeniya uchun 30 kunlik timalin kursini olgan; limfotsitlari meʼyorga qaytgan (1,6 ×10⁹/l).',
  'landing.patient.thymus-endpoint.try':
    'Timalinning ikkinchi kursini imzolang: ogohlantirish kartasi — limfopeniya bartaraf boʻlgan, shuning uchun toʻxtatish taklif qilinadi, joriy natijalarning hech biri davolash kerak boʻlgan tanqislikni koʻrsatmaydi.',
  'landing.patient.lysate-eosinophilia.story':
    '33 yoshli ayol, takroriy respirator infeksiyalar uchun Broncho-Vaxom qabul qilmoqda; boshlangandan keyin eshakemi, eozinofillar 0,9 ×10⁹/l va IgE laboratoriya referens oraligʻidan yuqori.',
  'landing.patient.lysate-eosinophilia.try':
    'Broncho-Vaxomning yana bir qadogʻini imzolang: ogohlantirish kartasi lizat boshlangan sanani va undan keyingi oshish sanasini koʻrsatadi, shuningdek tahlillar meʼyorda boʻlgani uchun lizatga koʻrsatma yoʻq.',
} as const;

export const landing = {
  'landing.title': 'ImmunoSteward: demo versiya',
  'landing.lede':
    'ImmunoSteward shifokorlarga immunomodulyatorlar, immunostimulyatorlar va vaksinalarni oqilona qoʻllashda yordam beradi: u bemorning immun biomarkerlari va joriy dorilarini oʻqiydi va tayinlash paytida tayinlov koʻrsatmasiz, xavfli yoki tugash sanasini talab qilishini aytadi. U ETK ichida SMART on FHIR ilovasi sifatida va order-sign murojaatiga kartalar bilan javob beradigan CDS Hooks servisi sifatida ishlaydi.',
  'landing.setup':
    'Bu demo hamma narsani bitta jarayonda ishga tushiradi: faqat oʻqish uchun moʻljallangan FHIR serverida ({fhir}) oʻn toʻrtta sintetik bemor (haqiqiy maʼlumotlar yoʻq), ilova va CDS Hooks servisi ({cds}).',
  'landing.patients': 'Demo bemorlar',
  'landing.patients.hint':
    'Immun profilni koʻrish uchun bemorni ilovada oching yoki kartalarni koʻrish uchun ssenariydagi tayinlovni sinov maydonida sinab koʻring.',
  'landing.patient.try': 'Sinab koʻring:',
  'landing.openApp': 'Ilovada ochish',
  'landing.tryOrder': 'Tayinlovni sinash',
  'landing.more': 'Bu demoda yana',
  'landing.link.playground': 'Hook sinov maydoni',
  'landing.link.playground.about':
    'istalgan bemor uchun istalgan tayinlov loyihasini imzolang, kartalarni koʻring, ularni qabul qiling yoki rad eting.',
  'landing.link.admin': 'Rad etishlar tahlili',
  'landing.link.admin.about':
    'shifokorlar har bir qoida kartalariga qanday javob bergani; ishga tushirishda chop etilgan administrator tokeni bilan kiring.',
  'landing.link.discovery': 'CDS Hooks: servislarni aniqlash (discovery)',
  'landing.link.discovery.about': 'ETK roʻyxatdan oʻtkazishi mumkin boʻlgan servislar.',
  'landing.docs':
    'Hujjatlar: repozitoriydagi README.md va docs/ — sozlash, joylashtirish, qoidalar va ularning manbalari.',
  ...PATIENTS,
} as const satisfies Record<keyof typeof enLanding, string>;
