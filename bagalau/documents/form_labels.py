"""The printed forms' fixed wording (documents.pdf.label reads it): Kazakh is the seed's text
(seed 002 App. 1, 2, 4; p.41), Russian and English are reading copies."""

#: The printed forms' fixed wording. Kazakh is the seed's text (App. 1, 2, 4; p.41); Russian and
#: English are reading copies. Placeholders are named and filled by documents.selectors.
FORM_LABELS: dict[str, dict[str, str]] = {
    "kk": {
        "form": "Нысан",
        "to_methodology": (
            "Қазақстан Республикасының Жоғары Сот Кеңесі аппаратының «Б» корпусы мемлекеттік "
            "әкімшілік қызметшілерінің қызметін бағалаудың әдістемесіне"
        ),
        "appendix": "%(number)s-қосымша",
        "confidential": "Қатаң жасырын ақпарат (Әдістеменің 15-тармағы)",
        "draft": "ЖОБА",
        "draft_note": "Бағалаушы қол қоймаған: бұл бағалау парағының жобасы.",
        "quarter": "%(number)s-тоқсан",
        "period_quarter": "%(year)s жылғы %(number)s-тоқсан",
        "period_annual": "%(year)s жыл",
        "period_dates": "%(start)s – %(end)s",
        "yes": "иә",
        "no": "жоқ",
        # App. 2
        "kpi_title": "НМИ бойынша бағалау парағы",
        "evaluatee_caption": "(бағаланатын адамның Т.А.Ә., лауазымы)",
        "period_caption": "(бағаланатын кезең)",
        "col_no": "№ р/р",
        "col_kpi": "НМИ атауы",
        "col_unit": "Өлшем бірлігі",
        "col_plan": "Жоспарлы мәні",
        "col_actual": "Нақты мәні",
        "col_percent": "НМИ пайыздық іске асуы",
        "col_score": "Бағалау",
        "total": "Қорытынды бағалау",
        "total_caption": "НМИ санына бөлінген НМИ бойынша бағалау сомасы",
        "result": "Бағалау нәтижесі",
        "result_basis_kpi": "Қызметшінің бағалау нәтижесі қорытынды бағаның негізінде қойылады",
        "feedback": "Конструктивті кері байланыс (17-тармақтың 3) тармақшасы)",
        "calibrated": "Калибрлеу сессиясының шешімімен қабылданған қорытынды баға",
        "no_kpis": "Бағаланатын тоқсанға НМИ белгіленбеген.",
        "evaluatee": "Бағаланатын адам",
        "evaluator": "Бағалайтын адам",
        "name_caption": "(тегі, бас әріптер)",
        "date": "күні",
        "signature": "қолы",
        "signed_in_system": "ақпараттық жүйеде қол қойылды",
        "acknowledged_in_system": "ақпараттық жүйеде танысты",
        "refused": "танысудан бас тартты (%(date)s актісі)",
        "in_absentia": "сырттай бағаланды (Әдістеменің 6-тармағы)",
        # App. 4
        "diff_title": "Саралау әдісі бойынша бағалау параметры",
        "evaluatee_name": "Бағаланатын қызметшінің Т.А.Ә.",
        "evaluator_name": "Бағалайтын қызметшінің Т.А.Ә.",
        "position": "Лауазымы",
        "period": "Бағаланатын кезең",
        "diff_intro_1": (
            "«Б» корпусы мемлекеттік әкімшілік қызметшілерінің қызметін бағалау (бұдан әрі - "
            "бағалау) мақсатында Сізге өз әріптестеріңізді 5 баллдық шкала бойынша саралау "
            "әдісімен бағалауды ұсынамыз."
        ),
        "diff_intro_2": "Бағаларды объективті түрде, жеке ұнатуларсыз/ұнатпауларсыз қою керек.",
        "diff_intro_3": (
            "Сауалнаманы басынан аяғына дейін алаңдамай толтыру қажет. Осылайша, Сіз уақытты "
            "үнемдей аласыз және нәтижелердің дұрыстылығын арттыра аласыз."
        ),
        "col_parameters": "Параметрлер",
        "col_criteria": "Критерийлер",
        "col_diff_score": "Бағалау (%(min)s-ден %(max)s баллға дейін)",
        "col_justification": "Негіздеме",
        "mean": "Орташа қорытынды баға",
        "mean_note": (
            "Ескертпе: Орташа қорытынды бағаны есептеу үшін қойылған бағалар сомасын "
            "бағаланатын параметрлер санына бөлу керек."
        ),
        "result_basis_diff": (
            "Қызметшінің бағалау нәтижесі орташа қорытынды бағаның негізінде қойылады."
        ),
        "grounds": "Қойылған бағаға негіздеме",
        # protocol (p.37-41)
        "protocol_title": "Калибрлеу сессиясының хаттамасы",
        "protocol_basis": (
            "Әдістеменің 12, 37-41-тармақтарына сәйкес «Б» корпусы мемлекеттік әкімшілік "
            "қызметшісінің бағалау нәтижелері бойынша өткізілген калибрлеу сессиясы"
        ),
        "organisation": "Мемлекеттік орган",
        "date_place": "Өткізілген күні мен орны",
        "servant": "Бағаланатын қызметші",
        "unit": "Құрылымдық бөлімше",
        "method": "Бағалау әдісі",
        "evaluator_full": "Бағалаушы",
        "evaluator_score": "Бағалаушы қойған баға",
        "application": "Калибрлеу сессиясын өткізу туралы өтініш",
        "submitted_on": "берілген күні",
        "decision": "Аппарат басшысының шешімі",
        "decided_on": "шешім күні",
        "participants": "Калибрлеу сессиясының қатысушылары",
        "presentation": "Бағалаушының баяндамасы (бағаланатын адамның жұмысының сипаттамасы "
        "және бағаның дәлелі)",
        "voting": "Дауыс беру",
        "round": "%(number)s-тур",
        "col_voter": "Қатысушы",
        "col_choice": "Ұстанымы",
        "col_vote_score": "Қолдаған бағасы",
        "col_argument": "Дәлелдер",
        "round_adopted": "Басым дауыспен қабылданды: %(score)s (%(votes)s / %(cast)s дауыс)",
        "round_no_majority": (
            "Ешбір баға басым дауыс жинамады (ең көбі %(votes)s / %(cast)s): қайта дауыс беру"
        ),
        "round_short": (
            "%(total)s қатысушының %(cast)s дауыс берді; персоналды басқару қызметінің басшысы "
            "турды берілген дауыстармен аяқтады"
        ),
        "no_votes": "Дауыс берілмеген.",
        "adopted": "Қабылданған қорытынды баға",
        "not_adopted": "Қорытынды баға әлі қабылданбаған.",
        "signed_on": "Хаттамаға қол қойылған күні",
        "signed_by": "Хаттамаға қол қойған",
        "posted_on": "Ақпараттық жүйеге орналастырылған күні",
        "posting_due": "орналастыру мерзімі",
        "signatures": "Калибрлеу сессиясы қатысушыларының қолдары",
        "protocol_draft_note": "Хаттамаға әлі қол қойылмаған: бұл жоба.",
        "none": "—",
        "method_kpi": "НМИ бойынша бағалау",
        "method_differentiation": "Саралау әдісі бойынша бағалау",
        "method_annual": "Жылдық нәтиже",
        "choice_keep": "бағалаушының бағасын қолдайды",
        "choice_raise": "бағаны арттыру",
        "choice_lower": "бағаны төмендету",
        "decision_submitted": "шешім әлі қабылданбаған",
        "decision_accepted": "калибрлеу сессиясын өткізу туралы шешім қабылданды",
        "brief_title": (
            "Калибрлеу сессиясына дайындалған қызметкер туралы ақпарат (Әдістеменің 19-тармағының "
            "4) тармақшасы)"
        ),
        "brief_quarters": "Жылдың тоқсандық нәтижелері (Әдістеменің 4-тармағы)",
        "brief_application": "Өтініштің мәтіні",
        # App. 1
        "approve": "«БЕКІТЕМІН»",
        "superior": "жоғары тұрған басшы",
        "plan_title": (
            "Аппарат басшысы орынбасарының / Аппараттың құрылымдық бөлімшесі басшысының "
            "жеке жұмыс жоспары"
        ),
        "plan_year": "%(year)s жыл",
        "plan_year_caption": "(жеке жоспар құрылатын кезең)",
        "servant_name": "Қызметшінің тегі, аты, әкесінің аты (болған жағдайда)",
        "servant_position": "Қызметшінің лауазымы",
        "servant_unit": "Қызметшінің құрылымдық бөлімшесінің атауы",
        "col_source": (
            "«А» корпусы қызметшісі келісімінің қай көрсеткішінен немесе мемлекеттік "
            "жоспарлау жүйесінің құжатынан түйінделеді"
        ),
        "col_deadline": "Қол жеткізу мерзімі",
        "col_key_result": "Түйінді нәтиже*",
        "key_result_note": (
            "Ескертпе: * нысаналы мақсатты индикаторға қол жеткізуден күтілетін оң өзгерістер."
        ),
        "plan_agreed": "Сектормен келісілді",
        "plan_approved": "Бекітілді",
        "plan_posted": "Ақпараттық жүйеге орналастырылды",
        # App. 1 of the typical-2018 methodology (seed 004, EDITIONS.md §6.1)
        "typical_to_methodology": (
            "«Б» корпусы мемлекеттік әкімшілік қызметшілерінің қызметін бағалаудың әдістемесіне"
        ),
        "typical_plan_title": "«Б» корпусы мемлекеттік әкімшілік қызметшісінің жеке жұмыс жоспары",
        "typical_col_source": (
            "Саяси мемлекеттік қызметшінің немесе «А» корпусы қызметшісі келісімінің қай "
            "көрсеткішінен немесе мемлекеттік жоспарлау жүйесінің құжатынан түйінделеді"
        ),
        "typical_servant": "Қызметші",
        "typical_direct_manager": "Тікелей басшы",
        "plan_not_approved": "Жұмыс жоспары әлі бекітілмеген: бұл жоба.",
    },
    "ru": {
        "form": "Форма",
        "to_methodology": (
            "к Методике оценки деятельности административных государственных служащих корпуса "
            "«Б» Аппарата Высшего Судебного Совета Республики Казахстан"
        ),
        "appendix": "Приложение %(number)s",
        "confidential": "Строго конфиденциальная информация (п. 15 Методики)",
        "draft": "ПРОЕКТ",
        "draft_note": "Не подписан оценивающим: это проект оценочного листа.",
        "quarter": "%(number)s квартал",
        "period_quarter": "%(number)s квартал %(year)s года",
        "period_annual": "%(year)s год",
        "period_dates": "%(start)s – %(end)s",
        "yes": "да",
        "no": "нет",
        "kpi_title": "Оценочный лист по КЦИ",
        "evaluatee_caption": "(Ф.И.О., должность оцениваемого лица)",
        "period_caption": "(оцениваемый период)",
        "col_no": "№ п/п",
        "col_kpi": "Наименование КЦИ",
        "col_unit": "Единица измерения",
        "col_plan": "Плановое значение",
        "col_actual": "Фактическое значение",
        "col_percent": "Процент достижения КЦИ",
        "col_score": "Оценка",
        "total": "Итоговая оценка",
        "total_caption": "Сумма оценок по КЦИ, деленная на количество КЦИ",
        "result": "Результат оценки",
        "result_basis_kpi": "Результат оценки служащего выставляется на основании итоговой оценки",
        "feedback": "Конструктивная обратная связь (подпункт 3) пункта 17)",
        "calibrated": "Итоговая оценка, принятая решением калибровочной сессии",
        "no_kpis": "На оцениваемый квартал КЦИ не установлены.",
        "evaluatee": "Оцениваемое лицо",
        "evaluator": "Оценивающее лицо",
        "name_caption": "(фамилия, инициалы)",
        "date": "дата",
        "signature": "подпись",
        "signed_in_system": "подписано в информационной системе",
        "acknowledged_in_system": "ознакомлен(а) в информационной системе",
        "refused": "отказ от ознакомления (акт от %(date)s)",
        "in_absentia": "оценен(а) заочно (п. 6 Методики)",
        "diff_title": "Параметры оценки методом дифференциации",
        "evaluatee_name": "Ф.И.О. оцениваемого служащего",
        "evaluator_name": "Ф.И.О. оценивающего служащего",
        "position": "Должность",
        "period": "Оцениваемый период",
        "diff_intro_1": (
            "В целях оценки деятельности административных государственных служащих корпуса «Б» "
            "(далее – оценка) предлагаем Вам оценить своих коллег методом дифференциации по "
            "5-балльной шкале."
        ),
        "diff_intro_2": "Оценки следует выставлять объективно, без личных симпатий и антипатий.",
        "diff_intro_3": (
            "Анкету необходимо заполнить от начала до конца, не отвлекаясь. Так Вы сэкономите "
            "время и повысите достоверность результатов."
        ),
        "col_parameters": "Параметры",
        "col_criteria": "Критерии",
        "col_diff_score": "Оценка (от %(min)s до %(max)s баллов)",
        "col_justification": "Обоснование",
        "mean": "Средняя итоговая оценка",
        "mean_note": (
            "Примечание: для расчета средней итоговой оценки сумма выставленных оценок делится "
            "на количество оцениваемых параметров."
        ),
        "result_basis_diff": (
            "Результат оценки служащего выставляется на основании средней итоговой оценки."
        ),
        "grounds": "Обоснование выставленной оценки",
        "protocol_title": "Протокол калибровочной сессии",
        "protocol_basis": (
            "Калибровочная сессия по результатам оценки административного государственного "
            "служащего корпуса «Б», проведенная в соответствии с пп. 12, 37-41 Методики"
        ),
        "organisation": "Государственный орган",
        "date_place": "Дата и место проведения",
        "servant": "Оцениваемый служащий",
        "unit": "Структурное подразделение",
        "method": "Метод оценки",
        "evaluator_full": "Оценивающий",
        "evaluator_score": "Оценка оценивающего",
        "application": "Заявление о проведении калибровочной сессии",
        "submitted_on": "дата подачи",
        "decision": "Решение руководителя аппарата",
        "decided_on": "дата решения",
        "participants": "Участники калибровочной сессии",
        "presentation": "Выступление оценивающего (описание работы оцениваемого и обоснование "
        "оценки)",
        "voting": "Голосование",
        "round": "Тур %(number)s",
        "col_voter": "Участник",
        "col_choice": "Позиция",
        "col_vote_score": "Поддержанная оценка",
        "col_argument": "Доводы",
        "round_adopted": "Принята большинством голосов: %(score)s (%(votes)s из %(cast)s)",
        "round_no_majority": (
            "Ни одна оценка не набрала большинства (не более %(votes)s из %(cast)s): "
            "повторное голосование"
        ),
        "round_short": (
            "Проголосовали %(cast)s из %(total)s участников; руководитель службы управления "
            "персоналом завершил тур по поданным голосам"
        ),
        "no_votes": "Голосование не проводилось.",
        "adopted": "Принятая итоговая оценка",
        "not_adopted": "Итоговая оценка еще не принята.",
        "signed_on": "Дата подписания протокола",
        "signed_by": "Протокол подписал",
        "posted_on": "Дата размещения в информационной системе",
        "posting_due": "срок размещения",
        "signatures": "Подписи участников калибровочной сессии",
        "protocol_draft_note": "Протокол еще не подписан: это проект.",
        "none": "—",
        "method_kpi": "Оценка по КЦИ",
        "method_differentiation": "Оценка методом дифференциации",
        "method_annual": "Годовой результат",
        "choice_keep": "поддерживает оценку оценивающего",
        "choice_raise": "повысить оценку",
        "choice_lower": "понизить оценку",
        "decision_submitted": "решение еще не принято",
        "decision_accepted": "принято решение о проведении калибровочной сессии",
        "brief_title": (
            "Информация о служащем, подготовленная к калибровочной сессии (пп. 4) п. 19 Методики)"
        ),
        "brief_quarters": "Квартальные результаты года (п. 4 Методики)",
        "brief_application": "Текст заявления",
        "approve": "«УТВЕРЖДАЮ»",
        "superior": "вышестоящий руководитель",
        "plan_title": (
            "Индивидуальный план работы заместителя руководителя аппарата / руководителя "
            "структурного подразделения аппарата"
        ),
        "plan_year": "%(year)s год",
        "plan_year_caption": "(период, на который составляется индивидуальный план)",
        "servant_name": "Фамилия, имя, отчество (при его наличии) служащего",
        "servant_position": "Должность служащего",
        "servant_unit": "Наименование структурного подразделения служащего",
        "col_source": (
            "Из какого показателя соглашения служащего корпуса «А» или документа Системы "
            "государственного планирования вытекает"
        ),
        "col_deadline": "Срок достижения",
        "col_key_result": "Ключевой результат*",
        "key_result_note": (
            "Примечание: * положительные изменения, ожидаемые от достижения целевого индикатора."
        ),
        "plan_agreed": "Согласовано с Сектором",
        "plan_approved": "Утверждено",
        "plan_posted": "Размещено в информационной системе",
        # App. 1 of the typical-2018 methodology (seed 004, EDITIONS.md §6.1)
        "typical_to_methodology": (
            "к Методике оценки деятельности административных государственных служащих корпуса «Б»"
        ),
        "typical_plan_title": (
            "Индивидуальный план работы административного государственного служащего корпуса «Б»"
        ),
        "typical_col_source": (
            "Из какого показателя меморандума политического государственного служащего или "
            "соглашения служащего корпуса «А» либо документа системы государственного "
            "планирования вытекает"
        ),
        "typical_servant": "Служащий",
        "typical_direct_manager": "Непосредственный руководитель",
        "plan_not_approved": "План работы еще не утвержден: это проект.",
    },
    "en": {
        "form": "Form",
        "to_methodology": (
            "to the Methodology for evaluating «B» corps administrative civil servants of the "
            "Apparatus of the Supreme Judicial Council of the Republic of Kazakhstan"
        ),
        "appendix": "Appendix %(number)s",
        "confidential": "Strictly confidential (Methodology p.15)",
        "draft": "DRAFT",
        "draft_note": "Not signed by the evaluator: this is a draft of the sheet.",
        "quarter": "Q%(number)s",
        "period_quarter": "Q%(number)s %(year)s",
        "period_annual": "Year %(year)s",
        "period_dates": "%(start)s – %(end)s",
        "yes": "yes",
        "no": "no",
        "kpi_title": "KPI evaluation sheet",
        "evaluatee_caption": "(evaluatee's full name, position)",
        "period_caption": "(evaluated period)",
        "col_no": "No.",
        "col_kpi": "KPI",
        "col_unit": "Unit of measure",
        "col_plan": "Planned value",
        "col_actual": "Actual value",
        "col_percent": "KPI achievement, %",
        "col_score": "Score",
        "total": "Final score",
        "total_caption": "The sum of the KPI scores divided by the number of KPIs",
        "result": "Evaluation result",
        "result_basis_kpi": "The servant's result is set on the basis of the final score",
        "feedback": "Constructive feedback (p.17(3))",
        "calibrated": "Final score adopted by the calibration session",
        "no_kpis": "No KPIs were set for the evaluated quarter.",
        "evaluatee": "Evaluatee",
        "evaluator": "Evaluator",
        "name_caption": "(surname, initials)",
        "date": "date",
        "signature": "signature",
        "signed_in_system": "signed in the information system",
        "acknowledged_in_system": "acknowledged in the information system",
        "refused": "refused to acknowledge (act of %(date)s)",
        "in_absentia": "evaluated in absentia (Methodology p.6)",
        "diff_title": "Differentiation evaluation parameters",
        "evaluatee_name": "Evaluatee's full name",
        "evaluator_name": "Evaluator's full name",
        "position": "Position",
        "period": "Evaluated period",
        "diff_intro_1": (
            "To evaluate the work of «B» corps administrative civil servants (the evaluation), "
            "we ask you to rate your colleagues by the differentiation method on a 5-point scale."
        ),
        "diff_intro_2": "Give scores objectively, without personal likes or dislikes.",
        "diff_intro_3": (
            "Fill in the questionnaire from start to finish without interruption: it saves time "
            "and makes the results more reliable."
        ),
        "col_parameters": "Parameters",
        "col_criteria": "Criteria",
        "col_diff_score": "Score (%(min)s to %(max)s points)",
        "col_justification": "Justification",
        "mean": "Average final score",
        "mean_note": (
            "Note: the average final score is the sum of the scores divided by the number of "
            "parameters evaluated."
        ),
        "result_basis_diff": "The servant's result is set on the basis of the average final score.",
        "grounds": "Grounds for the score",
        "protocol_title": "Calibration session protocol",
        "protocol_basis": (
            "Calibration session on the evaluation results of a «B» corps administrative civil "
            "servant, held under p.12 and p.37-41 of the Methodology"
        ),
        "organisation": "State body",
        "date_place": "Date and place",
        "servant": "Evaluatee",
        "unit": "Structural unit",
        "method": "Method",
        "evaluator_full": "Evaluator",
        "evaluator_score": "Evaluator's score",
        "application": "Application for a calibration session",
        "submitted_on": "submitted on",
        "decision": "Decision of the head of the apparatus",
        "decided_on": "decided on",
        "participants": "Participants of the calibration session",
        "presentation": "Evaluator's presentation (the evaluatee's work and the reasons for the "
        "score)",
        "voting": "Voting",
        "round": "Round %(number)s",
        "col_voter": "Participant",
        "col_choice": "Position",
        "col_vote_score": "Score supported",
        "col_argument": "Arguments",
        "round_adopted": "Adopted by majority: %(score)s (%(votes)s of %(cast)s votes)",
        "round_no_majority": (
            "No score won a majority (at most %(votes)s of %(cast)s): the session voted again"
        ),
        "round_short": (
            "%(cast)s of %(total)s participants voted; the head of HR closed the round with the "
            "votes cast"
        ),
        "no_votes": "No votes were cast.",
        "adopted": "Final score adopted",
        "not_adopted": "No final score has been adopted yet.",
        "signed_on": "Protocol signed on",
        "signed_by": "Protocol signed by",
        "posted_on": "Posted in the information system on",
        "posting_due": "posting due",
        "signatures": "Signatures of the participants",
        "protocol_draft_note": "The protocol is not signed yet: this is a draft.",
        "none": "—",
        "method_kpi": "KPI evaluation",
        "method_differentiation": "Differentiation",
        "method_annual": "Annual result",
        "choice_keep": "keeps the evaluator's score",
        "choice_raise": "raise the score",
        "choice_lower": "lower the score",
        "decision_submitted": "not decided yet",
        "decision_accepted": "a calibration session was ordered",
        "brief_title": "Information on the servant prepared for the session (p.19(4))",
        "brief_quarters": "Quarterly results of the year (p.4)",
        "brief_application": "Text of the application",
        "approve": "APPROVED",
        "superior": "superior manager",
        "plan_title": (
            "Individual work plan of the deputy head of the apparatus / head of a structural "
            "unit of the apparatus"
        ),
        "plan_year": "Year %(year)s",
        "plan_year_caption": "(the period of the plan)",
        "servant_name": "Servant's surname, first name, patronymic (if any)",
        "servant_position": "Servant's position",
        "servant_unit": "Servant's structural unit",
        "col_source": (
            "Derived from which indicator of the «A» corps servant's agreement or document of "
            "the State planning system"
        ),
        "col_deadline": "Achievement date",
        "col_key_result": "Key result*",
        "key_result_note": "Note: * the positive changes expected from achieving the KPI.",
        "plan_agreed": "Agreed with the HR Sector",
        "plan_approved": "Approved",
        "plan_posted": "Posted in the information system",
        # App. 1 of the typical-2018 methodology (seed 004, EDITIONS.md §6.1)
        "typical_to_methodology": (
            "to the Methodology for evaluating «B» corps administrative civil servants"
        ),
        "typical_plan_title": "Individual work plan of a «B» corps administrative civil servant",
        "typical_col_source": (
            "Which indicator of the political servant's memorandum or the «A» corps servant's "
            "agreement, or which state-planning document, it derives from"
        ),
        "typical_servant": "Servant",
        "typical_direct_manager": "Direct manager",
        "plan_not_approved": "The work plan is not approved yet: this is a draft.",
    },
}
