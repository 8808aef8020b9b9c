import type { rules as en } from '../en/rules.js';

/** Что говорит каждое правило: сводки, замечания (по одной строке, со значением или датой), совет, основание. */
export const rules = {
  // booster-not-indicated
  'rule.booster.summary.normal':
    '{drug}: по текущим анализам иммунного дефицита нет — пересмотрите назначение иммуностимулятора',
  'rule.booster.summary.unknown':
    '{drug}: наличие иммунного дефицита неизвестно, текущих анализов нет — сначала назначьте иммунограмму',
  'rule.booster.summary.unjudged':
    '{drug}: наличие иммунного дефицита неизвестно, для текущих анализов нет возрастного интервала — укажите показание',
  'rule.booster.normal':
    'Назначается {drug}, но текущие результаты не выявляют дефицита, который этот препарат должен устранять: {results}.',
  'rule.booster.normalResult':
    '{result} (дефицит — ниже {threshold}{origin, select, lab {, нижней границы референсного интервала лаборатории} catalog {, нижней границы референсного интервала} band {, {band}} other {}})',
  'rule.booster.unknown':
    'Назначается {drug}, но ни один текущий результат не подтверждает иммунный дефицит: есть ли он, неизвестно.',
  'rule.booster.unjudged': 'Оценить невозможно: {results}.',
  'rule.booster.noRange': '{result} — нет интервала для оценки',
  'rule.booster.noChildRange':
    '{result} — возрастной интервал неизвестен (лаборатория не указала интервал для возраста {age, plural, one {# год} few {# года} many {# лет} other {# года}}; нормы взрослых к ребёнку неприменимы)',
  'rule.booster.noCurrent': 'Нет текущих результатов: {markers}. Неизвестно — не значит норма.',
  'rule.booster.staleMarker': '{marker} (последний — {date})',
  'rule.booster.noIndication': 'Не указано показание, которое оправдывало бы назначение ({indications}).',
  'rule.booster.therapy': 'терапия ({therapy})',
  'rule.booster.basis':
    'Иммуностимулятор назначают при измеренном дефиците или по показанию из инструкции.{level, select, weak { Рандомизированные доказательства для этого класса слабые.} limited { Доказательства для этого класса ограничены.} other {}}',
  'rule.booster.action.panel':
    'Укажите показание или назначьте {tests} и примите решение по результатам; иначе отмените назначение.',
  'rule.booster.action.document': 'Укажите показание или отмените назначение.',

  // immunosuppression (live-vaccine-immunocompromised, vaccine-response-altered)
  'immunosuppression.immunosuppressant': 'Иммунодепрессант {drug}: {course}.',
  'immunosuppression.immunosuppressant.short': 'получает {drug}',
  'immunosuppression.immunosuppressant.advice':
    'Отложите живую вакцину, пока продолжается терапия препаратом {drug}; живые вакцины вводят не позднее чем за 4 недели до начала иммуносупрессии — согласуйте сроки с врачом, назначившим эту терапию.',
  'immunosuppression.methotrexate.advice':
    'Отложите живую вакцину, пока продолжается терапия препаратом {drug}: ACIP считает метотрексат в дозе выше 0,4 мг/кг в неделю противопоказанием к живым вакцинам. Согласуйте сроки с врачом, назначившим эту терапию; живые вакцины вводят не позднее чем за 4 недели до начала иммуносупрессии.',
  'immunosuppression.antiBCell': 'Анти-В-клеточное антитело {drug}: {course}.',
  'immunosuppression.antiBCell.short':
    '{drug} в пределах {days, plural, one {# дня} few {# дней} many {# дней} other {# дня}}',
  'immunosuppression.antiBCell.advice':
    'Отложите живые вакцины: вводите их не ранее чем через {days, plural, one {# день} few {# дня} many {# дней} other {# дня}} после последней дозы препарата {drug}.',
  'immunosuppression.glucocorticoid':
    'Системный глюкокортикоид {drug}: {dose} мг/сут в пересчёте на преднизолон не менее {days, plural, one {# дня} few {# дней} many {# дней} other {# дня}} ({course}).',
  'immunosuppression.glucocorticoid.short': '{drug} {dose} мг/сут в пересчёте на преднизолон',
  'immunosuppression.glucocorticoid.advice':
    'Отложите живую вакцину, пока доза в пересчёте на преднизолон остаётся на уровне {limit} мг/сут или выше.',
  'immunosuppression.chemo':
    'Химиотерапия ({drug}): {when} (окно — за {before, plural, one {# день} few {# дня} many {# дней} other {# дня}} до и {after, plural, one {# день} few {# дня} many {# дней} other {# дня}} после).',
  'immunosuppression.chemo.short': 'в окне химиотерапии',
  'immunosuppression.chemo.advice': 'Отложите живые вакцины до {date} — 3 месяца после окончания химиотерапии.',
  'immunosuppression.mediator':
    'Иммунный медиатор {drug}: {course} (в пределах {days, plural, one {# дня} few {# дней} many {# дней} other {# дня}}).',
  'immunosuppression.mediator.short':
    '{drug} в пределах {days, plural, one {# дня} few {# дней} many {# дней} other {# дня}}',
  'immunosuppression.mediator.advice':
    'Отложите живые вакцины: вводите их не ранее чем через {days, plural, one {# день} few {# дня} many {# дней} other {# дня}} после отмены препарата {drug}.',
  'immunosuppression.cd4':
    '{result}: выраженная иммуносупрессия по критериям для живых вакцин (ниже {threshold}{band, select, any {} from6 { с 6 лет} other { {band}}}).',
  'immunosuppression.cd4.advice':
    'Отложите вакцины против кори, краснухи, паротита и ветряной оспы, пока CD4 не будет держаться на пороговом уровне или выше не менее 6 месяцев.',
  'immunosuppression.condition': '{category}: {conditions}.',
  'immunosuppression.condition.advice': 'Не вводите живые вакцины; если есть неживая альтернатива, используйте её.',

  // live-vaccine-immunocompromised
  'rule.liveVaccine.summary':
    '{kind, select, bcg {Живая БЦЖ} other {Живая вакцина}} {vaccine} противопоказана: {reasons}',
  'rule.liveVaccine.concern':
    '{drug} — {kind, select, bcg {живой бактериальный препарат (внутрипузырная БЦЖ)} other {живая вакцина}}, а пациент иммунокомпрометирован:',
  'rule.liveVaccine.basis':
    'Живой аттенуированный микроорганизм может размножаться и вызывать заболевание у иммунокомпрометированного пациента (противопоказания CDC CDSi; IDSA 2013).',
  'rule.liveVaccine.action.bcg':
    'Не проводите внутрипузырную БЦЖ-терапию на фоне иммуносупрессии; обсудите с урологом.',
  'rule.liveVaccine.after.summary':
    '{drug}: начало менее чем через {days, plural, one {# день} few {# дня} many {# дней} other {# дня}} после живой вакцины — рассмотрите отсрочку',
  'rule.liveVaccine.after.concern':
    'С препаратом {drug} иммуносупрессия начнётся менее чем через {days, plural, one {# день} few {# дня} many {# дней} other {# дня}} после вакцины {vaccine} ({date}).',
  'rule.liveVaccine.after.basis':
    'Живые вакцины следует вводить не позднее чем за 4 недели до начала иммуносупрессии (IDSA 2013).',
  'rule.liveVaccine.after.action':
    'Если клинически возможно, отложите начало терапии; иначе наблюдайте за признаками инфекции, вызванной вакцинным штаммом.',

  // vaccine-response-altered
  'rule.vaccineResponse.summary':
    '{vaccine}: иммуносупрессия может ослабить ответ — выберите срок вакцинации или запланируйте ревакцинацию',
  'rule.vaccineResponse.concern': '{drug} — неживая вакцина; иммунный ответ может быть ослаблен:',
  'rule.vaccineResponse.soon': 'Иммуносупрессивная терапия ({drug}) начинается {date} — в ближайшие 14 дней.',
  'rule.vaccineResponse.basis':
    'Вакцины, введённые на фоне иммуносупрессии, могут не обеспечить защиту (IDSA 2013, рекомендация 5).',
  'rule.vaccineResponse.action':
    'По возможности вакцинируйте не позднее чем за 2 недели до начала иммуносупрессии; иначе вакцинируйте и рассмотрите ревакцинацию или серологический контроль после восстановления иммунитета.',

  // immunomodulator-conflict
  'rule.conflict.other': '{drug}: {course}.',
  'rule.conflict.opposed.summary':
    '{drug} противоречит текущей иммуносупрессии ({suppressant}) — пересмотрите назначение',
  'rule.conflict.opposed.concern': '{drug} стимулирует иммунную систему, которую текущая терапия должна подавлять:',
  'rule.conflict.opposed.basis.echinacea': 'Commission E не рекомендует эхинацею на фоне иммуносупрессивной терапии.',
  'rule.conflict.opposed.basis.other':
    'Препараты действуют в противоположных направлениях; иммуностимулятор вряд ли поможет и может помешать.',
  'rule.conflict.opposed.action': 'Отмените иммуностимулятор или обоснуйте, зачем нужны оба препарата.',
  'rule.conflict.stacked.summary':
    '{drug} в дополнение к {count, plural, =1 {ещё одному иммуностимулятору} one {# другому иммуностимулятору} few {# другим иммуностимуляторам} many {# другим иммуностимуляторам} other {# другого иммуностимулятора}} ({other})',
  'rule.conflict.stacked.concern': 'Одновременно с {drug} будут применяться:',
  'rule.conflict.stacked.basis.bare':
    'Ни для этого препарата, ни для {bare} показание не указано; сочетание неселективных иммуностимуляторов грозит гиперстимуляцией и обострением аутоиммунных заболеваний без доказанной дополнительной пользы.',
  'rule.conflict.stacked.basis.indicated':
    'Сочетание иммуностимуляторов увеличивает экспозицию и стоимость без доказанной дополнительной пользы.',
  'rule.conflict.stacked.action': 'Оставьте один препарат с указанным показанием и датой окончания.',
  'rule.conflict.suppressant.summary': '{drug} на фоне иммуностимулятора {booster} — отменить иммуностимулятор?',
  'rule.conflict.suppressant.concern':
    '{drug} подавляет иммунную систему, которую текущий иммуностимулятор должен стимулировать:',
  'rule.conflict.suppressant.action': 'Оцените, нужен ли ещё иммуностимулятор.',

  // course-unbounded
  'rule.course.unbounded.summary':
    '{drug}: нет даты окончания, длительности или количества — укажите дату окончания или пересмотра',
  'rule.course.unbounded.concern':
    'Назначение {drug} не ограничено: не указаны длительность, дата окончания, число доз или число дней, на которое выдан препарат.',
  'rule.course.tooLong.summary':
    '{drug}: курс длительностью {duration}{continued, select, yes { с учётом предыдущих назначений} other {}} — больше максимума ({max})',
  'rule.course.tooLong.concern':
    'Курс препарата {drug} запланирован на {duration}; максимальный курс для этого класса — {max}{site, select, yes { (настройка учреждения)} other {}}.',
  'rule.course.tooLong.continued':
    'Препарат {drug} ({own}) продолжает предыдущие назначения ({earlier}): в сумме один курс длительностью {duration}; максимум для этого класса — {max}{site, select, yes { (настройка учреждения)} other {}}.',
  'rule.course.repeat.summary':
    '{drug}: {ordinal}-й курс за {window, plural, one {# день} few {# дня} many {# дней} other {# дня}} — оцените пользу',
  'rule.course.repeat.concern':
    '{ordinal}-й курс за {window, plural, one {# день} few {# дня} many {# дней} other {# дня}} в классе «{class}» (предыдущие: {dates}).',
  'rule.course.basis':
    'Иммунокоррекцию проводят ограниченными по времени курсами с переоценкой; повторные курсы требуют документально подтверждённой пользы.',
  'rule.course.action.setEndMax': 'Укажите дату окончания (курс — максимум {max}) и дату оценки эффекта.',
  'rule.course.action.setEnd': 'Укажите дату окончания или пересмотра и при пересмотре переоцените показание.',
  'rule.course.action.shorten': 'Сократите курс: всего максимум {max}; укажите дату оценки эффекта.',
  'rule.course.action.reviewBenefit':
    'Прежде чем назначать новый курс, оцените пользу предыдущих; отразите её в карте или отмените назначение.',

  // antineoplastic-interaction
  'rule.antineoplastic.csf.summary':
    '{drug}: начало {longActing, select, yes {менее чем за 14 дней до химиотерапии или в течение 24 часов после неё} other {в пределах 24 часов от химиотерапии}} — перенесите',
  'rule.antineoplastic.csf.concern': '{drug}: начало {start}; {chemo}: {course}.',
  'rule.antineoplastic.csf.basis':
    '{longActing, select, yes {Инструкция пэгфилграстима: не применять в течение 14 дней до и 24 часов после цитотоксической химиотерапии.} other {Инструкция филграстима: не применять в течение 24 часов до и 24 часов после цитотоксической химиотерапии.}} Делящиеся миелоидные клетки-предшественники становятся более чувствительными к цитотоксическим препаратам.',
  'rule.antineoplastic.csf.action':
    '{longActing, select, yes {Вводите не ранее чем через 24 часа после последней дозы цитостатика и не позднее чем за 14 дней до следующего цикла.} other {Начинайте не ранее чем через 24 часа после химиотерапии и отменяйте не позднее чем за 24 часа до следующего введения.}}',
  'rule.antineoplastic.csf.remove': 'Отменить назначение {drug} и перенести срок',
  'rule.antineoplastic.ici.summary': '{drug}: иммуностимуляция на фоне {ici}',
  'rule.antineoplastic.ici.concern': '{drug} — иммуностимулятор; ингибитор контрольных точек {ici}: {course}.',
  'rule.antineoplastic.ici.basis':
    'Суммарная иммунная активация может повысить риск иммуноопосредованных нежелательных явлений; инструкции ингибиторов контрольных точек предупреждают об иммуноопосредованных реакциях.',
  'rule.antineoplastic.ici.action':
    'Не назначайте иммуностимулятор без показаний на фоне терапии ингибитором контрольных точек; если он кажется необходимым, согласуйте с онкологом.',
  'rule.antineoplastic.myelo.summary':
    '{drug} и {cytotoxic}: суммарная миелосупрессия — контролируйте общий анализ крови',
  'rule.antineoplastic.myelo.concern':
    'Одновременно применяются {drug} и цитотоксические препараты ({cytotoxics}): {course}.',
  'rule.antineoplastic.myelo.basis':
    'Интерфероны и интерлейкины усиливают миелосупрессию цитотоксических препаратов (информация о препарате; формулировка не проверена).',
  'rule.antineoplastic.myelo.action': 'Контролируйте общий анализ крови с лейкоцитарной формулой.',

  // malignancy-stimulation
  'rule.malignancy.csf.summary': '{drug} при миелоидном новообразовании — Г-КСФ может стимулировать опухоль',
  'rule.malignancy.csf.concern':
    '{drug} — Г-КСФ; активное заболевание: {conditions}{onset, select, none {} other { (с {onset})}}.',
  'rule.malignancy.csf.basis':
    'Инструкция пэгфилграстима: не применять при миелодиспластическом синдроме, хроническом миелолейкозе или вторичном ОМЛ; клетки миелоидных опухолей несут рецептор Г-КСФ.',
  'rule.malignancy.csf.action':
    'Не применяйте Г-КСФ при миелоидном новообразовании вне зарегистрированных показаний; обсудите с гематологом.',
  'rule.malignancy.booster.summary':
    '{drug} при активном злокачественном новообразовании — иммуностимуляция может действовать на опухоль',
  'rule.malignancy.booster.concern':
    '{drug} — неспецифический иммуностимулятор; активное заболевание: {conditions}{onset, select, none {} other { (с {onset})}}.',
  'rule.malignancy.booster.basis':
    'Неспецифическая иммуностимуляция может активировать дремлющие опухолевые процессы, а доказательства пользы этих препаратов слабые.',
  'rule.malignancy.booster.action':
    'Не назначайте иммуностимулятор без показаний при активном злокачественном новообразовании; обсудите с онкологом.',

  // autoimmune-flare
  'rule.autoimmune.summary': '{drug}, диагноз «{condition}»: иммуностимуляция может спровоцировать обострение',
  'rule.autoimmune.concern': '{drug}; активное заболевание: {conditions}{onset, select, none {} other { (с {onset})}}.',
  'rule.autoimmune.basis.interferon':
    'Интерферон альфа, предупреждение в рамке (boxed warning): может вызывать или усугублять аутоиммунные нарушения, угрожающие жизни или со смертельным исходом (тиреоидит, СКВ-подобное заболевание, псориаз, сахарный диабет 1 типа).',
  'rule.autoimmune.basis.echinacea':
    'Commission E не рекомендует эхинацею при аутоиммунных заболеваниях (теоретическая иммуностимуляция); более поздние обзоры ставят это противопоказание под сомнение.',
  'rule.autoimmune.basis.other':
    'Неспецифическая иммуностимуляция может спровоцировать обострение (исходя из механизма действия).',
  'rule.autoimmune.action':
    'Не назначайте препарат или согласуйте его со специалистом, который ведёт аутоиммунное заболевание, и следите за признаками обострения.',

  // anticoagulant-interaction
  'rule.anticoagulant.summary':
    '{drug} и {partner}: {effect, select, inr {возможно повышение МНО} other {влияние на кровоточивость и МНО}} — контролируйте',
  'rule.anticoagulant.concern': 'Одновременно применяются {drug} и {partners}.',
  'rule.anticoagulant.inr': 'Последнее МНО: {result}.',
  'rule.anticoagulant.noInr': 'Результатов МНО нет.',
  'rule.anticoagulant.basis.levamisole':
    'Инструкция левамизола: у пациентов, получавших варфарин, он удлинял протромбиновое время сверх терапевтического диапазона.',
  'rule.anticoagulant.basis.omega3':
    'Омега-3 жирные кислоты обладают антиагрегантным действием и удлиняют время кровотечения; в исследованиях клинически значимого увеличения кровотечений не выявлено.',
  'rule.anticoagulant.basis.interferon':
    'Пэгинтерферон альфа-2b повышал активность CYP2C9, что может изменять действие варфарина (Gupta 2011).',
  'rule.anticoagulant.action.levamisole':
    'Тщательно контролируйте ПВ/МНО и корректируйте дозу кумаринового антикоагулянта.',
  'rule.anticoagulant.action.omega3': 'Периодически контролируйте; дозы выше 3 г/сут — только под наблюдением врача.',
  'rule.anticoagulant.action.interferon': 'Проверьте МНО после начала или отмены интерферона.',

  // nutrient-excess
  'rule.nutrient.level.summary': '{drug} назначается при {marker} {value} — уже выше {threshold}',
  'rule.nutrient.level.concern': '{drug} назначается, хотя {result}: выше {threshold}.',
  'rule.nutrient.dose.summary': '{drug}: {total} в сутки — выше суточного предела {limit}',
  'rule.nutrient.dose.concern': 'Суточная доза {drug}: {dose}{limitNote, select, none {} other { ({limitNote})}}.',
  'rule.nutrient.limitNote.vitamin-d':
    'допустимый верхний уровень потребления для взрослых — 100 мкг в сутки; не относится к документированному курсу лечения дефицита',
  'rule.nutrient.limitNote.zinc': 'элементарный цинк при длительном приёме',
  'rule.nutrient.limitNote.selenium': 'допустимый верхний уровень потребления',
  'rule.nutrient.limitNote.omega-3': 'более 3 г в сутки — только под наблюдением врача (AHA)',
  'rule.nutrient.dose.total': 'Вместе с {others} суммарно {total} в сутки — выше {limit} в сутки.',
  'rule.nutrient.dose.over': 'Это выше {limit} в сутки.',
  'rule.nutrient.dose.unverified': 'Этот предел проверен лишь частично.',
  'rule.nutrient.action.vitamin-d':
    'Снизьте дозу (выше 4000 МЕ в сутки — только как ограниченный по времени курс лечения дефицита) и проверьте кальций и 25(OH)D.',
  'rule.nutrient.action.zinc':
    'Снизьте дозу и сократите длительность; при длительном приёме проверьте медь (избыток цинка вызывает дефицит меди, анемию и нейтропению).',
  'rule.nutrient.action.other':
    'Снизьте дозу до предела или обоснуйте, почему нужна более высокая доза под наблюдением.',

  // monitoring-due
  'rule.monitoring.summary':
    '{drug}: просрочен контроль ({tests}) — назначьте {count, plural, one {его} few {их} many {их} other {их}} сейчас',
  'rule.monitoring.overdue': '{test}: срок — до {due}; последний результат {last}.',
  'rule.monitoring.none': '{test}: срок — до {due}; нет результата с начала {drug} ({start}).',
  'rule.monitoring.noBaseline': '{test}: нет исходного результата перед {drug} (начало {start}).',
  'rule.monitoring.action': 'Назначьте {tests} сейчас и оцените результаты до следующей дозы {drug}.',
  'rule.monitoring.basis.document':
    'Эти исследования и интервалы для курса установлены инструкцией к препарату или клиническими рекомендациями{site, select, yes { (интервалы изменены учреждением)} other {}}.',
  'rule.monitoring.basis.opinion':
    'Инструкция не задаёт график контроля для этого препарата; план следует за показателем, обосновавшим курс{site, select, yes { (изменён учреждением)} other {}}.',

  // course-review-due
  'rule.review.past.summary': '{drug}: срок пересмотра курса прошёл, назначение активно — пересмотрите курс',
  'rule.review.past.concern':
    '{drug} с {start}: {basis, select, end {плановое окончание} max {максимальная длительность курса} other {дата пересмотра}} — {review} ({days, plural, one {# день} few {# дня} many {# дней} other {# дня}} назад), назначение всё ещё активно.',
  'rule.review.past.action':
    'Пересмотрите курс: отмените его или укажите, почему он продолжается, и установите новую дату окончания.',
  'rule.review.renewal.summary': 'Продление {drug} без повторной оценки — сначала перепроверьте показатель',
  'rule.review.renewal.concern':
    '{drug} с {start} ({days, plural, one {# день} few {# дня} many {# дней} other {# дня}}): с начала курса нет результата {markers}.',
  'rule.review.renewal.action':
    'Назначьте {tests} и продлевайте, только если результат по-прежнему показывает дефицит.',
  'rule.review.basis':
    'Курс пересматривают в плановый срок окончания, а продление основывают на новом результате показателя, обосновавшего курс.',

  // endpoint-reached
  'rule.endpoint.summary': '{drug}: дефицит, ради которого начат курс, устранён — рассмотрите отмену',
  'rule.endpoint.concern': 'До курса {before}; сейчас {now}, выше порога дефицита {threshold}.',
  'rule.endpoint.action':
    'Отмените {label} (курс с {start}) или укажите, почему он продолжается; при возврате симптомов перепроверьте показатель.',
  'rule.endpoint.basis':
    'Иммунокоррекция завершается при достижении цели: когда дефицит устранён, продолжение лишь добавляет воздействие препарата без цели.',

  // no-response
  'rule.response.summary':
    '{drug}: нет ответа после полного курса{renewal, select, yes { — пересмотрите продление} other { — пересмотрите выбор препарата}}',
  'rule.response.concern':
    '{drug} {days, plural, one {# день} few {# дня} many {# дней} other {# дня}}: в начале {before}, сейчас {now} ({change} %), всё ещё ниже {threshold}.',
  'rule.response.action':
    '{renewal, select, yes {Не продлевайте {drug} без изменений: ищите причину дефицита и рассмотрите другой подход.} other {Пересмотрите {drug}: ищите причину дефицита и рассмотрите другой подход.}}',
  'rule.response.basis':
    'Если после плановой длительности курса показатель не сдвинулся к норме хотя бы на {percent} %, продолжение вряд ли поможет.',

  // immune-adverse-signal
  'rule.signal.summary':
    '{drug}: {kind, select, autoimmune {новое аутоиммунное заболевание} lymphoproliferative {новое лимфопролиферативное заболевание} eosinophilia {новая эозинофилия} ige {IgE выше нормы} lymphocytosis {новый лимфоцитоз} other {новая дисфункция щитовидной железы}} после начала{more, plural, =0 {} one { и ещё #} few { и ещё #} many { и ещё #} other { и ещё #}}',
  'rule.signal.result':
    '{kind, select, eosinophilia {Эозинофилия} ige {IgE выше нормы} lymphocytosis {Лимфоцитоз} other {ТТГ вне нормы}}: {result}, после начала {drug} {start}{before, select, none {} other {; до начала: {before}}}.',
  'rule.signal.condition':
    '{condition}: диагноз от {onset}, через {days, plural, one {# день} few {# дня} many {# дней} other {# дня}} после начала {drug} {start}.',
  'rule.signal.action':
    '{interferon, select, yes {Пересмотрите {drug} вместе со специалистом: проверьте функцию щитовидной железы и аутоиммунные маркеры, сообщите о подозреваемой реакции.} other {Отмените {drug} или обоснуйте его, оцените новую находку и сообщите о подозреваемой нежелательной реакции.}}',
  'rule.signal.basis.interferon':
    'Предупреждение в рамке к интерферону альфа: он может вызывать или усугублять аутоиммунные нарушения, включая заболевания щитовидной железы.',
  'rule.signal.basis.other':
    'Избыточная стимуляция иммунной системы может вызвать аутоиммунное обострение, аллергическую сенсибилизацию или лимфопролиферативное заболевание; новое после начала курса — возможная нежелательная реакция.',
} satisfies Record<keyof typeof en, string>;
