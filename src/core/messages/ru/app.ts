import type { app as en } from '../en/app.js';

/** Экраны, панели и ошибки SMART-приложения. */
export const app = {
  // Данные, которые читает каждая панель, — как их называет врач.
  'app.data.patient': 'карта пациента',
  'app.data.observations': 'результаты лабораторных исследований',
  'app.data.medications': 'лекарственные назначения',
  'app.data.conditions': 'диагнозы',
  'app.data.immunizations': 'прививки',

  // Панель, данные которой не пришли: что случилось и что делать.
  'app.load.notGranted.title': 'Нет доступа к данным: {data}',
  'app.load.notGranted.message':
    'МИС не предоставила ImmunoSteward доступ к данным ({data}) — попросите администратора МИС выдать разрешение (scope) {resource}.',
  'app.load.forbidden.title': 'Нет доступа к данным: {data}',
  'app.load.forbidden.message':
    'МИС не разрешила ImmunoSteward прочитать данные ({data}) — попросите администратора МИС выдать разрешение (scope) {resource}.',
  'app.load.expired.title': 'Сеанс истёк',
  'app.load.expired.message': 'ImmunoSteward не удалось прочитать данные ({data}): сеанс работы с МИС истёк.',
  'app.load.notFound.title': 'На этом FHIR-сервере нет данных: {data}',
  'app.load.notFound.message':
    'FHIR-сервер МИС не предоставляет эти данные ({data}) — уточните у администратора МИС, доступен ли приложениям ресурс {resource}.',
  'app.load.server.title': 'Не удалось прочитать данные: {data}',
  'app.load.server.message':
    'FHIR-сервер МИС не ответил{status, select, none {} other { (ошибка {status})}}; профиль ниже неполный — повторите попытку.',
  'app.load.network.title': 'Не удалось прочитать данные: {data}',
  'app.load.network.message':
    'Нет связи с FHIR-сервером МИС; профиль ниже неполный — проверьте подключение и повторите попытку.',
  'app.load.retry': 'Повторить',
  'app.load.relaunch': 'Чтобы продолжить, снова запустите ImmunoSteward из карты пациента.',

  'app.patient.notFound.title': 'Пациент не найден',
  'app.patient.notFound.message': 'В МИС нет записи об этом пациенте — снова откройте ImmunoSteward из карты пациента.',
  'app.patient.expired.message': 'Сеанс истёк — снова запустите ImmunoSteward из карты пациента.',
  'app.patient.unreadable.message':
    'Без карты пациента ImmunoSteward не может показать профиль — повторите попытку; если ошибка повторяется, обратитесь к администратору МИС.',

  'app.incomplete':
    'Профиль неполный — не удалось прочитать данные: {missing}. В каждом разделе указано, чего не хватает; показанное основано на полученных данных.',
  'app.findings.incomplete':
    'Эти замечания основаны на неполных данных (не удалось прочитать: {missing}), поэтому часть замечаний может отсутствовать.',
  'app.findings.linkedOrderUnavailable':
    'ImmunoSteward не удалось прочитать назначение, к которому относилась карточка; замечания ниже относятся к текущему листу назначений.',
  'app.analysis.failed.title': 'ImmunoSteward не удалось проанализировать эту карту',
  'app.analysis.failed.message':
    'Данные получены, но проанализировать их не удалось — повторите попытку; если ошибка повторяется, сообщите администратору МИС.',

  // Ошибки, останавливающие всё приложение: запуск, сеанс, настройка учреждения.
  'app.error.session.title': 'Сеанс завершён',
  'app.error.session.message': 'Снова откройте ImmunoSteward из карты пациента.',
  'app.error.forbidden.title': 'Нет доступа',
  'app.error.forbidden.message':
    'МИС не разрешила ImmunoSteward прочитать эти данные — попросите администратора МИС выдать нужные разрешения (scopes).',
  'app.error.network.title': 'Нет связи с МИС',
  'app.error.network.message': 'Проверьте подключение и повторите попытку.',
  'app.error.config.title': 'ImmunoSteward не настроен для этой МИС',
  'app.error.config.message':
    'Попросите администратора МИС проверить настройки ImmunoSteward для учреждения ({detail}).',
  'app.error.server.title': 'Что-то пошло не так',
  'app.error.server.message': 'МИС ответила ошибкой ({status}) — повторите попытку.',
  'app.error.unknown.message': 'Повторите попытку.',
  'app.error.relaunch': 'Перезапустите ImmunoSteward из МИС: откройте карту пациента и снова запустите приложение.',
  'app.error.noPatient.title': 'Пациент не выбран',
  'app.error.noPatient.message': 'Откройте ImmunoSteward из карты пациента.',

  'app.setup.openServerRefused': 'FHIR-сервер или пациент, указанные в адресе, не разрешены для этого учреждения',
  'app.setup.noIssuer':
    'нет МИС для подключения: запустите приложение из МИС или укажите standaloneIssuer в smart-config.json',
  'app.setup.issuerRefused': 'МИС {issuer} не разрешена для этого учреждения',
  'app.launch.connecting': 'Подключение к МИС…',
  'app.launch.failed': 'Не удалось запустить ImmunoSteward: {reason}',

  // Сервер авторизации МИС отказал (коды ошибок OAuth 2.0): что случилось и кто может исправить.
  'app.auth.invalidRequest.title': 'МИС не смогла принять запрос ImmunoSteward на вход',
  'app.auth.invalidRequest.message':
    'МИС сочла запрос неполным или не соответствующим регистрации ImmunoSteward — часто дело в URI перенаправления. Перезапуск не поможет: администратору МИС нужно проверить регистрацию (данные ниже).',
  'app.auth.unauthorizedClient.title': 'ImmunoSteward не может войти этим способом',
  'app.auth.unauthorizedClient.message':
    'В МИС для ImmunoSteward не включён такой тип запуска. Перезапуск не поможет: администратору МИС нужно включить его для идентификатора клиента, указанного ниже.',
  'app.auth.accessDenied.title': 'Доступ не предоставлен',
  'app.auth.accessDenied.message':
    'Когда МИС запросила подтверждение, в доступе к карте этого пациента было отказано, поэтому ImmunoSteward не может показать профиль. Чтобы предоставить доступ, перезапустите ImmunoSteward из карты пациента и подтвердите доступ, когда МИС его запросит. Если вы не отказывали, уточните у администратора МИС, можно ли использовать ImmunoSteward для этого пациента.',
  'app.auth.unsupported.title': 'МИС не поддерживает способ входа ImmunoSteward',
  'app.auth.unsupported.message':
    'ImmunoSteward входит по коду авторизации с PKCE как публичный клиент; МИС это отклонила. Перезапуск не поможет: администратору МИС нужно включить этот способ для идентификатора клиента, указанного ниже.',
  'app.auth.invalidScope.title': 'МИС отказала в запрошенном ImmunoSteward доступе',
  'app.auth.invalidScope.message':
    'ImmunoSteward запрашивает чтение частей карты пациента (разрешения ниже); МИС разрешает ImmunoSteward не все из них. Перезапуск не поможет: администратору МИС нужно включить эти разрешения для идентификатора клиента, указанного ниже.',
  'app.auth.serverError.title': 'МИС не смогла завершить вход',
  'app.auth.serverError.message':
    'Сбой службы входа МИС. Обычно это временно: перезапустите ImmunoSteward из карты пациента. Если ошибка повторяется, сообщите администратору МИС.',
  'app.auth.temporarilyUnavailable.title': 'Вход в МИС временно недоступен',
  'app.auth.temporarilyUnavailable.message':
    'Сейчас МИС не может выполнить вход ImmunoSteward. Подождите минуту и перезапустите ImmunoSteward из карты пациента.',
  'app.auth.invalidClient.title': 'МИС не распознаёт ImmunoSteward',
  'app.auth.invalidClient.message':
    'При завершении входа МИС отклонила регистрацию клиента ImmunoSteward. Перезапуск не поможет: администратору МИС нужно зарегистрировать идентификатор клиента, указанный ниже, как публичный клиент (без секрета, с PKCE).',
  'app.auth.invalidGrant.title': 'Не удалось завершить вход',
  'app.auth.invalidGrant.message':
    'МИС больше не принимает одноразовый код входа — возможно, он истёк или уже использован. Перезапустите ImmunoSteward из карты пациента. Если это повторяется, администратору МИС следует проверить, что URI перенаправления ниже зарегистрирован в точности.',
  'app.auth.other.title': 'МИС отклонила вход ImmunoSteward',
  'app.auth.other.message':
    'МИС отклонила вход с ошибкой «{code}». Администратор МИС может выяснить причину по данным ниже.',
  'app.auth.ehrSaid': 'Ответ МИС:',
  'app.auth.moreInfo': 'Страница МИС об этой ошибке:',
  'app.auth.admin.heading': 'Для администратора МИС',
  'app.auth.admin.intro':
    'Регистрация ImmunoSteward в МИС должна точно совпадать с этими значениями (они взяты из smart-config.json ImmunoSteward):',
  'app.auth.admin.error': 'Код ошибки',
  'app.auth.admin.clientId': 'Идентификатор клиента (client ID)',
  'app.auth.admin.redirectUri': 'URI перенаправления (redirect URI)',
  'app.auth.admin.scopes': 'Запрошенные разрешения (scopes)',
  'app.auth.admin.onlineAccess':
    'online_access позволяет ImmunoSteward продлевать доступ, пока пользователь остаётся в системе МИС. Если МИС этого не поддерживает, укажите "onlineAccess": false в smart-config.json.',

  'app.title': 'ImmunoSteward',
  'app.titleWithPatient': '{name} — ImmunoSteward',
  'app.language': 'Язык',
  'app.heading': 'Иммунный профиль',
  'app.panel.findings': 'Замечания',
  'app.panel.profile': 'Иммунный профиль',
  'app.panel.biomarkers': 'Биомаркеры',
  'app.panel.medications': 'Иммуномодуляторы и взаимодействующие препараты',
  'app.panel.courses': 'Курсы',
  'app.nav.label': 'Разделы',
  'app.nav.profile': 'Иммунный профиль',
  'app.nav.courses': 'Курсы',
  'app.loading': 'Загрузка…',
  'app.analysing': 'Анализ…',

  'app.banner.loading': 'Загрузка данных пациента…',
  'app.banner.unnamed': 'Пациент без имени',
  'app.banner.gender': 'Пол',
  'app.banner.born': 'Дата рождения',
  'app.banner.mrn': '№ мед. карты',
  'app.banner.notRecorded': 'не указано',
  'app.banner.genderValue': '{gender, select, male {Мужской} female {Женский} unknown {Неизвестен} other {Другой}}',
  'app.banner.birthWithAge': '{date} ({age, plural, one {# год} few {# года} many {# лет} other {# года}})',

  'app.compartment.status':
    '{status, select, deficit {Дефицит} low {Ниже референсного интервала лаборатории} normal {В пределах референсного интервала лаборатории} high {Выше референсного интервала лаборатории} excess {Избыток} other {Неизвестно}}',
  'app.compartment.noResults': 'в карте нет результатов',
  'app.compartment.withoutRange': '{results}: нет интервала для оценки',
  'app.compartment.onlyStale': 'только устаревшие результаты (последний — {date})',
  'app.compartment.more': '{results}; ещё {count}',
  'app.compartment.stale':
    'Устаревшие (старше {days, plural, one {# дня} few {# дней} many {# дней} other {# дня}}, не используются как основание): {markers}',

  'app.biomarkers.caption': 'Иммунные биомаркеры: последнее значение каждого маркера на {date}',
  'app.biomarkers.empty': 'В карте нет результатов иммунных биомаркеров.',
  'app.biomarkers.column.marker': 'Маркер',
  'app.biomarkers.column.latest': 'Последнее',
  'app.biomarkers.column.range': 'Референсный интервал',
  'app.biomarkers.column.flag': 'Оценка',
  'app.biomarkers.column.trend': 'Динамика',
  'app.biomarkers.column.date': 'Дата',
  'app.biomarkers.column.notes': 'Примечания',
  'app.biomarkers.column.chart': 'График',
  'app.biomarkers.noRange': '—',
  'app.biomarkers.range': '{range} ({origin, select, observation {лаборатории} other {референс для взрослых}})',
  'app.biomarkers.taken': 'взят {date}',

  'app.tag.derived': 'расчётный',
  'app.tag.derivedTitle': 'рассчитан: {method}',
  'app.tag.stale': 'устарел ({days, plural, one {# день} few {# дня} many {# дней} other {# дня}})',
  'app.tag.preliminary': 'предварительный',
  'app.tag.reported': 'в ответе лаборатории: {value}\u00a0{unit}',

  'app.trend.single': 'одно значение',
  'app.trend.button': 'Динамика',
  'app.trend.show': 'Показать динамику: {marker}',
  'app.trend.hide': 'Скрыть динамику: {marker}',
  'app.trend.loading': 'Загрузка графика…',
  'app.biomarkers.loading': 'Загрузка биомаркеров…',

  'app.chart.caption':
    '{marker}: {count, plural, one {# результат} few {# результата} many {# результатов} other {# результата}}, {range}',
  'app.chart.captionWithCourse':
    '{marker}: {count, plural, one {# результат} few {# результата} many {# результатов} other {# результата}}, {range}, {course}',
  'app.chart.range': 'референсный интервал {range} закрашен',
  'app.chart.noRange': 'нет референсного интервала',
  'app.chart.cannotDraw': 'Здесь график построить нельзя; значения приведены ниже.',
  'app.chart.tableCaption': '{marker} в динамике',
  'app.chart.column.date': 'Дата',
  'app.chart.column.value': 'Значение',
  'app.chart.column.flag': 'Оценка',

  'app.findings.empty': 'Замечаний по текущим иммуномодуляторам нет.',
  'app.findings.count':
    '{count, plural, one {# назначение с замечаниями} few {# назначения с замечаниями} many {# назначений с замечаниями} other {# назначения с замечаниями}}: {bySeverity}',
  'app.findings.severityCount':
    '{indicator, select, critical {{count, plural, one {# критическое} few {# критических} many {# критических} other {# критического}}} warning {{count, plural, one {# предупреждение} few {# предупреждения} many {# предупреждений} other {# предупреждения}}} other {{count, plural, one {# информационное} few {# информационных} many {# информационных} other {# информационного}}}}',
  'app.findings.listLabel': 'Замечания, сначала наиболее серьёзные',
  'app.findings.order': 'Назначение: {order}',
  'app.findings.records': 'Записи, на которых основано замечание',
  'app.findings.evidenceDated': '{evidence} ({date})',

  'app.meds.empty': 'В листе назначений нет иммуномодуляторов и взаимодействующих препаратов.',
  'app.meds.current': 'Текущие',
  'app.meds.past': 'Прошлые',
  'app.meds.noCurrent': 'Текущих курсов нет.',
  'app.meds.noPast': 'Прошлых курсов нет.',
  'app.meds.loading': 'Загрузка назначений…',
  'app.course.unclassified': 'Без класса',
  'app.course.evidence':
    '{level, select, established {доказательства установлены} limited {доказательства ограничены} weak {доказательства слабые} other {уровень доказательств не оценён}}',
  'app.course.status':
    '{status, select, active {активное назначение} completed {завершено} stopped {отменено} on_hold {приостановлено} draft {черновик} cancelled {аннулировано} entered_in_error {внесено ошибочно} other {статус не указан}}',
  'app.course.dates': '{start} → {end}',
  'app.course.startNotRecorded': 'начало не указано',
  'app.course.endNotRecorded': 'окончание не указано',
  'app.course.noEnd': 'нет даты окончания',
  'app.course.plannedNoStart': 'запланировано {planned}, начало не указано',
  'app.course.dayNoEnd': 'день {day}, нет даты окончания',
  'app.course.day': 'день {day}',
  'app.course.ended': 'завершён',
  'app.course.startsPlanned': 'начало {date}, запланировано {planned}',
  'app.course.dayOf': 'день {day} из {planned}',
  'app.course.planned': 'запланировано {planned}',

  // Раздел «Курсы»: каждый курс на шкале времени, показание, конечная точка, план контроля.
  'app.courses.loading': 'Загрузка курсов…',
  'app.courses.empty': 'В листе назначений нет курсов иммунокоррекции.',
  'app.courses.unavailable':
    'Курсы показать нельзя: не удалось прочитать данные ({missing}). Это не значит, что курсов нет.',
  'app.courses.incomplete':
    'Сведения о курсах могут быть неполными: не удалось прочитать данные ({missing}), поэтому курс, результат или замечание могут отсутствовать.',
  'app.courses.attention.title': 'Требует внимания сегодня',
  'app.courses.attention.item': '{course}: {summary}',
  'app.courses.attention.course': '{drug}, с {start}',
  'app.courses.attention.none': 'По текущим курсам на сегодня ничего не требуется.',
  'app.courses.attention.unknown': 'Неизвестно, требуется ли что-то сегодня: не удалось прочитать данные ({missing}).',
  'app.courses.timeline.title': 'Шкала времени',
  'app.courses.timeline.label': 'Курсы с {from} по {to}; сегодня {today}',
  'app.courses.timeline.today': 'сегодня',
  'app.courses.state':
    '{state, select, running {идёт} active {завершён, назначение всё ещё активно} renewal {продлевается} other {завершён}}',
  'app.courses.elapsed': 'день {day} курса',
  'app.courses.renewal': 'Продлевается: {order}',
  'app.courses.review':
    '{passed, select, yes {Дата пересмотра прошла} other {Дата пересмотра}}: {date} ({basis, select, end {плановое окончание} max {максимальная длительность курса для класса} other {интервал пересмотра учреждения}})',
  'app.courses.noReview': 'Даты пересмотра нет: начало курса не указано.',
  'app.courses.indication.title': 'Показание на момент начала',
  'app.courses.indication.deficit': 'Дефицит: {result}',
  'app.courses.indication.condition': 'Диагноз: {condition}',
  'app.courses.indication.therapy': 'Терапия: {therapy}',
  'app.courses.indication.none':
    'На момент начала не было документировано ни дефицита, ни диагноза или терапии, служащих показанием.',
  'app.courses.endpoint.title': 'Конечная точка',
  'app.courses.endpoint.markers': 'Отслеживается по показателям: {markers}.',
  'app.courses.endpoint.none': 'У этого курса нет показателя конечной точки.',
  'app.courses.endpoint.noResults': 'В карте нет результатов: {markers}.',
  'app.courses.plan.title': 'План контроля',
  'app.courses.plan.none': 'В базе знаний нет плана контроля для этого препарата.',
  'app.courses.plan.caption': 'Контрольные анализы: {drug}',
  'app.courses.plan.source': 'Источник: {citation}',
  'app.courses.plan.opinion': 'Источник: экспертное мнение (клиническая политика ImmunoSteward)',
  'app.courses.plan.siteChanged': 'Ваше учреждение изменило интервал или исходный анализ этого плана.',
  'app.courses.plan.asOfEnd': 'На дату окончания курса, {date}: после окончания курса анализы не требуются.',
  'app.courses.plan.column.test': 'Анализ',
  'app.courses.plan.column.last': 'Последний результат',
  'app.courses.plan.column.due': 'Срок',
  'app.courses.plan.column.state': 'Состояние',
  'app.courses.test.state':
    '{state, select, done {выполнен} due {пора сдать} overdue {просрочен} no_baseline {нет исходного результата} other {неизвестно}}',
  'app.courses.test.noResult': 'нет результата',
  'app.courses.test.due': '{state, select, no_baseline {до {date}} other {{date}}}',
  'app.courses.test.notScheduled': 'не повторяется',
  'app.courses.findings.title': 'Замечания по этому курсу',
  'app.courses.findings.none': 'По этому курсу на сегодня ничего не требуется.',
  'app.chart.courseSpan': 'курс ({start} → {end}) закрашен столбцом',
} satisfies Record<keyof typeof en, string>;
