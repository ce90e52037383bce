"""The 2018 meeting's facts, Committees, sessions and agenda items in the five other
languages, keyed by the English text (programme/reference.py loads them).

The Committees' names and the Convention's terms follow docs/glossary/ (rows marked
there as unverified are the best known form: have the ISU or a UN translator check
them before publishing). The rest was translated by the team."""

# English text -> {language: text}; the languages are the modeltranslation suffixes.
TRANSLATIONS_2018 = {
    # The meeting
    "2018 Intersessional Meetings": {
        "fr": "Réunions intersessions de 2018",
        "es": "Reuniones Intersesionales de 2018",
        "ru": "Межсессионные совещания 2018 года",
        "zh_hans": "2018年闭会期间会议",
        "ar": "الاجتماعات المعقودة بين الدورات لعام 2018",
    },
    "President of the Seventeenth Meeting of the States Parties": {
        "fr": "Présidente de la dix-septième Assemblée des États parties",
        "es": "Presidenta de la Decimoséptima Reunión de los Estados Partes",
        "ru": "Председатель семнадцатого Совещания государств-участников",
        "zh_hans": "缔约国第十七届会议主席",
        "ar": "رئيسة الاجتماع السابع عشر للدول الأطراف",
    },
    "H.E. Suraya Dalil": {
        "fr": "S. E. Mme Suraya Dalil",
        "es": "Excma. Sra. Suraya Dalil",
        "ru": "Е. П. г-жа Сурайя Далил",
        "zh_hans": "苏拉娅·达利勒阁下",
        "ar": "سعادة السيدة ثريا دليل",
    },
    "World Meteorological Organization Building": {
        "fr": "Bâtiment de l'Organisation météorologique mondiale",
        "es": "Edificio de la Organización Meteorológica Mundial",
        "ru": "Здание Всемирной метеорологической организации",
        "zh_hans": "世界气象组织大楼",
        "ar": "مبنى المنظمة العالمية للأرصاد الجوية",
    },
    "Avenue de la Paix 7bis, Geneva": {
        "fr": "7bis, avenue de la Paix, Genève",
        "es": "Avenue de la Paix 7bis, Ginebra",
        "ru": "Авеню де ла Пэ, 7бис, Женева",
        "zh_hans": "日内瓦和平大道7号之二",
        "ar": "7 مكرر، شارع السلام (Avenue de la Paix)، جنيف",
    },
    "Implementation of Article 5 of the Convention": {
        "fr": "Application de l'article 5 de la Convention",
        "es": "Aplicación del artículo 5 de la Convención",
        "ru": "Осуществление статьи 5 Конвенции",
        "zh_hans": "公约第5条的执行",
        "ar": "تنفيذ المادة 5 من الاتفاقية",
    },
    # The four Committees (docs/glossary/apmbc_terms_six_languages.csv)
    "Committee on Article 5 Implementation": {
        "fr": "Comité sur l'application de l'article 5",
        "es": "Comité sobre la Aplicación del Artículo 5",
        "ru": "Комитет по осуществлению статьи 5",
        "zh_hans": "第5条执行委员会",
        "ar": "لجنة تنفيذ المادة 5",
    },
    "Committee on Victim Assistance": {
        "fr": "Comité sur l'assistance aux victimes",
        "es": "Comité de Asistencia a las Víctimas",
        "ru": "Комитет по оказанию помощи жертвам",
        "zh_hans": "受害者援助委员会",
        "ar": "لجنة مساعدة الضحايا",
    },
    "Committee on Cooperative Compliance": {
        "fr": "Comité sur le respect des obligations fondé sur la coopération",
        "es": "Comité sobre el Cumplimiento Cooperativo",
        "ru": "Комитет по соблюдению на основе сотрудничества",
        "zh_hans": "合作遵约委员会",
        "ar": "لجنة الامتثال التعاوني",
    },
    "Committee on the Enhancement of Cooperation and Assistance": {
        "fr": "Comité sur le renforcement de la coopération et de l'assistance",
        "es": "Comité sobre la Mejora de la Cooperación y la Asistencia",
        "ru": "Комитет по укреплению сотрудничества и помощи",
        "zh_hans": "加强合作与援助委员会",
        "ar": "لجنة تعزيز التعاون والمساعدة",
    },
    # Rooms
    "Main conference room": {
        "fr": "Grande salle de conférence",
        "es": "Sala de conferencias principal",
        "ru": "Главный конференц-зал",
        "zh_hans": "主会议厅",
        "ar": "قاعة المؤتمرات الرئيسية",
    },
    "Bilateral meeting rooms": {
        "fr": "Salles des réunions bilatérales",
        "es": "Salas de reuniones bilaterales",
        "ru": "Залы для двусторонних встреч",
        "zh_hans": "双边会晤室",
        "ar": "قاعات الاجتماعات الثنائية",
    },
    # Sessions
    "Bilateral meetings of the President and the Committees (by invitation only)": {
        "fr": "Réunions bilatérales de la Présidente et des Comités (sur invitation uniquement)",
        "es": "Reuniones bilaterales de la Presidenta y los Comités (solo por invitación)",
        "ru": "Двусторонние встречи Председателя и комитетов (только по приглашению)",
        "zh_hans": "主席和各委员会的双边会晤（仅限受邀者）",
        "ar": "الاجتماعات الثنائية للرئيسة واللجان (بدعوة فقط)",
    },
    "Opening and victim assistance": {
        "fr": "Ouverture et assistance aux victimes",
        "es": "Apertura y asistencia a las víctimas",
        "ru": "Открытие и помощь жертвам",
        "zh_hans": "开幕和受害者援助",
        "ar": "الافتتاح ومساعدة الضحايا",
    },
    "The Committees' work": {
        "fr": "Les travaux des Comités",
        "es": "La labor de los Comités",
        "ru": "Работа комитетов",
        "zh_hans": "各委员会的工作",
        "ar": "أعمال اللجان",
    },
    "Thematic discussion": {
        "fr": "Débat thématique",
        "es": "Debate temático",
        "ru": "Тематическое обсуждение",
        "zh_hans": "专题讨论",
        "ar": "مناقشة مواضيعية",
    },
    "Other matters of the Convention's intersessional work and closing": {
        "fr": "Autres questions relevant des travaux intersessions de la Convention et clôture",
        "es": "Otras cuestiones de la labor entre períodos de sesiones de la Convención y clausura",
        "ru": "Другие вопросы межсессионной работы Конвенции и закрытие",
        "zh_hans": "公约闭会期间工作的其他事项和闭幕",
        "ar": "مسائل أخرى من أعمال الاتفاقية فيما بين الدورات، والاختتام",
    },
    # Agenda items
    "Opening of the intersessional meetings by the President of the Seventeenth "
    "Meeting of the States Parties and the Director of the GICHD": {
        "fr": "Ouverture des réunions intersessions par la Présidente de la dix-septième "
        "Assemblée des États parties et le Directeur du CIDHG",
        "es": "Apertura de las Reuniones Intersesionales por la Presidenta de la Decimoséptima "
        "Reunión de los Estados Partes y el Director del CIDHG",
        "ru": "Открытие межсессионных совещаний Председателем семнадцатого Совещания "
        "государств-участников и Директором ЖМЦГР",
        "zh_hans": "缔约国第十七届会议主席和日内瓦国际人道主义排雷中心主任宣布闭会期间会议开幕",
        "ar": "افتتاح الاجتماعات المعقودة بين الدورات من قبل رئيسة الاجتماع السابع عشر "
        "للدول الأطراف ومدير مركز جنيف الدولي لإزالة الألغام للأغراض الإنسانية",
    },
    "Victim assistance": {
        "fr": "Assistance aux victimes",
        "es": "Asistencia a las víctimas",
        "ru": "Помощь жертвам",
        "zh_hans": "受害者援助",
        "ar": "مساعدة الضحايا",
    },
    "Article 5 implementation, with the presentation of requests for extension "
    "of Article 5 deadlines": {
        "fr": "Application de l'article 5, avec la présentation des demandes de prolongation "
        "des délais prévus à l'article 5",
        "es": "Aplicación del artículo 5, con la presentación de las solicitudes de prórroga "
        "de los plazos del artículo 5",
        "ru": "Осуществление статьи 5, включая представление запросов о продлении "
        "предельных сроков по статье 5",
        "zh_hans": "第5条的执行，包括提交延长第5条规定期限的请求",
        "ar": "تنفيذ المادة 5، مع عرض طلبات تمديد المواعيد النهائية المحددة بموجب المادة 5",
    },
    "Cooperative compliance": {
        "fr": "Respect des obligations fondé sur la coopération",
        "es": "Cumplimiento cooperativo",
        "ru": "Соблюдение на основе сотрудничества",
        "zh_hans": "合作遵约",
        "ar": "الامتثال التعاوني",
    },
    "Enhancement of cooperation and assistance": {
        "fr": "Renforcement de la coopération et de l'assistance",
        "es": "Mejora de la cooperación y la asistencia",
        "ru": "Укрепление сотрудничества и помощи",
        "zh_hans": "加强合作与援助",
        "ar": "تعزيز التعاون والمساعدة",
    },
    "Thematic discussion on the implementation of Article 5": {
        "fr": "Débat thématique sur l'application de l'article 5",
        "es": "Debate temático sobre la aplicación del artículo 5",
        "ru": "Тематическое обсуждение осуществления статьи 5",
        "zh_hans": "关于第5条执行情况的专题讨论",
        "ar": "مناقشة مواضيعية بشأن تنفيذ المادة 5",
    },
    "Stockpile destruction (Article 4)": {
        "fr": "Destruction des stocks (article 4)",
        "es": "Destrucción de existencias (artículo 4)",
        "ru": "Уничтожение запасов (статья 4)",
        "zh_hans": "销毁库存（第4条）",
        "ar": "تدمير المخزونات (المادة 4)",
    },
    "Universalisation of the Convention": {
        "fr": "Universalisation de la Convention",
        "es": "Universalización de la Convención",
        "ru": "Универсализация Конвенции",
        "zh_hans": "公约的普遍加入",
        "ar": "إضفاء الطابع العالمي على الاتفاقية",
    },
    "Transparency and the exchange of information": {
        "fr": "Transparence et échange d'informations",
        "es": "Transparencia e intercambio de información",
        "ru": "Транспарентность и обмен информацией",
        "zh_hans": "透明度和信息交流",
        "ar": "الشفافية وتبادل المعلومات",
    },
    "Implementation support, including the finances of the Implementation Support Unit": {
        "fr": "Appui à l'application, y compris les finances de l'Unité d'appui à l'application",
        "es": "Apoyo a la aplicación, incluidas las finanzas de la Dependencia de Apoyo para "
        "la Aplicación",
        "ru": "Имплементационная поддержка, включая финансирование Группы имплементационной "
        "поддержки",
        "zh_hans": "执行支助，包括执行支助股的财务",
        "ar": "دعم التنفيذ، بما في ذلك الشؤون المالية لوحدة دعم تنفيذ الاتفاقية",
    },
    "Closing of the intersessional meetings": {
        "fr": "Clôture des réunions intersessions",
        "es": "Clausura de las Reuniones Intersesionales",
        "ru": "Закрытие межсессионных совещаний",
        "zh_hans": "闭会期间会议闭幕",
        "ar": "اختتام الاجتماعات المعقودة بين الدورات",
    },
}

LANGUAGE_SUFFIXES = ("fr", "es", "ru", "zh_hans", "ar")


def translated(field: str, english: str) -> dict:
    """{field_en: english, field_fr: ..., ...} for a model's translated field."""
    values = {f"{field}_en": english}
    for suffix, text in TRANSLATIONS_2018.get(english, {}).items():
        values[f"{field}_{suffix}"] = text
    return values
