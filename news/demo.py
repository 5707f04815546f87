"""Demo data of the news app for `manage.py seed_demo` (DESIGN.md's demo data contract).

The body's four news items come from its seed document, told in our own words; the members'
items are invented but plausible; the three latest are dated relative to the day the demo is
seeded, so the news stays recent. Idempotent: rows are found again by their slugs.
"""

import datetime

from django.utils.text import slugify

from members.demo_seeding import GENEVA, month_from_now, translated_fields

from .models import Article, Category, Tag

CATEGORIES = {
    "general-assembly": {
        "en": "General Assembly",
        "fr": "Assemblée générale",
        "es": "Asamblea General",
        "ar": "الجمعية العامة",
    },
    "secretariat": {
        "en": "Secretariat",
        "fr": "Secrétariat",
        "es": "Secretaría",
        "ar": "الأمانة العامة",
    },
    "member-news": {
        "en": "Member news",
        "fr": "Actualités des membres",
        "es": "Noticias de los miembros",
        "ar": "أخبار الأعضاء",
    },
}

# (slug, organisation slug, author e-mail, category, date, tags, title, summary, body, featured)
ARTICLES = [
    (
        "general-assembly-approves-programmes-and-budget",
        "oec",
        "editor@oec.example",
        "general-assembly",
        datetime.datetime(2021, 12, 7, 17, 0, tzinfo=GENEVA),
        ["General Assembly", "Budget"],
        {
            "en": "General Assembly adopts the OEC's main programmes of activities and budget",
            "fr": "L'Assemblée générale adopte les grands programmes d'activités et le budget "
            "de l'OCE",
            "es": "La Asamblea General aprueba los programas de actividades y el presupuesto "
            "de la OCE",
        },
        {
            "en": "Founding States and Associate Members gave their unanimous backing to the work "
            "the Organisation will carry out and to the budget that pays for it.",
            "fr": "Les États fondateurs et les Membres associés ont soutenu à l'unanimité le "
            "travail que mènera l'Organisation et le budget qui le finance.",
        },
        {
            "en": "<p>Meeting in Geneva for the Organisation's first General Assembly, the "
            "Founding States and the Associate Members voted together, and without a single "
            "objection, for the main programmes of activities of the Organisation of "
            "Educational Cooperation and for the budget attached to them.</p><p>The decision "
            "gives the Secretariat a mandate to turn the commitments of the Constitutive "
            "Charter into concrete cooperation between members.</p>",
            "fr": "<p>Réunis à Genève pour la première Assemblée générale de l'Organisation, "
            "les États fondateurs et les Membres associés ont voté ensemble, sans aucune "
            "objection, les grands programmes d'activités de l'Organisation de coopération "
            "éducative et le budget qui les accompagne.</p><p>Cette décision donne au "
            "Secrétariat le mandat de traduire les engagements de la Charte constitutive en "
            "coopération concrète entre les membres.</p>",
        },
        True,
    ),
    (
        "eight-year-strategic-plan-approved",
        "oec",
        "editor@oec.example",
        "general-assembly",
        datetime.datetime(2021, 12, 8, 18, 0, tzinfo=GENEVA),
        ["General Assembly", "Strategy"],
        {
            "en": "Members unanimously approve an eight-year strategic plan",
            "fr": "Les membres approuvent à l'unanimité un plan stratégique sur huit ans",
            "es": "Los miembros aprueban por unanimidad un plan estratégico de ocho años",
            "ar": "الأعضاء يوافقون بالإجماع على خطة استراتيجية لثماني سنوات",
        },
        {
            "en": "On the General Assembly's third and closing day, the Organisation's members "
            "agreed on the strategy that will guide it for the next eight years.",
            "fr": "Le troisième et dernier jour de l'Assemblée générale, les membres de "
            "l'Organisation se sont accordés sur la stratégie qui la guidera pendant huit ans.",
        },
        {
            "en": "<p>The strategic plan was the last major item before the General Assembly "
            "closed. Founding States and Associate Members approved it unanimously, setting "
            "the Organisation's priorities for balanced and inclusive education over eight "
            "years.</p>",
            "fr": "<p>Le plan stratégique était le dernier grand point à l'ordre du jour avant "
            "la clôture de l'Assemblée générale. Les États fondateurs et les Membres associés "
            "l'ont approuvé à l'unanimité ; il fixe pour huit ans les priorités de "
            "l'Organisation en faveur d'une éducation équilibrée et inclusive.</p>",
        },
        True,
    ),
    (
        "jet-d-eau-lit-in-oec-colours",
        "oec",
        "editor@oec.example",
        "general-assembly",
        datetime.datetime(2021, 12, 6, 19, 0, tzinfo=GENEVA),
        ["Geneva", "General Assembly"],
        {
            "en": "Geneva's Jet d'eau shines in the OEC's colours for the General Assembly",
            "fr": "Le Jet d'eau de Genève aux couleurs de l'OCE pour l'Assemblée générale",
            "es": "El Jet d'eau de Ginebra se ilumina con los colores de la OCE",
        },
        {
            "en": "On the evening of 6 December 2021 the city's famous fountain was lit in the "
            "Organisation's colours to mark the opening of its General Assembly.",
            "fr": "Le soir du 6 décembre 2021, la célèbre fontaine de la ville s'est parée des "
            "couleurs de l'Organisation pour l'ouverture de son Assemblée générale.",
        },
        {
            "en": "<p>Geneva greeted the delegations arriving for the first General Assembly of "
            "the Organisation of Educational Cooperation by lighting the Jet d'eau, the "
            "landmark of its lakeside, in the Organisation's colours on 6 December 2021.</p>",
            "fr": "<p>Genève a salué les délégations venues pour la première Assemblée générale "
            "de l'Organisation de coopération éducative en illuminant le Jet d'eau, emblème "
            "de sa rade, aux couleurs de l'Organisation le 6 décembre 2021.</p>",
        },
        False,
    ),
    (
        "first-secretary-general-takes-office",
        "oec",
        "editor@oec.example",
        "secretariat",
        datetime.datetime(2021, 12, 7, 12, 0, tzinfo=GENEVA),
        ["Secretary-General", "General Assembly"],
        {
            "en": "Manssour Bin Mussallam becomes the OEC's first Secretary-General",
            "fr": "Manssour Bin Mussallam devient le premier Secrétaire général de l'OCE",
            "es": "Manssour Bin Mussallam asume como primer Secretario General de la OCE",
            "ar": "منصور بن مسلم أول أمين عام لمنظمة التعاون التربوي",
        },
        {
            "en": "His Excellency Manssour Bin Mussallam took up his duties as the Organisation's "
            "first Secretary-General during the First General Assembly in Geneva.",
            "fr": "Son Excellence Manssour Bin Mussallam a pris ses fonctions de premier "
            "Secrétaire général de l'Organisation lors de la première Assemblée générale, "
            "à Genève.",
            "es": "Su Excelencia Manssour Bin Mussallam asumió sus funciones como primer "
            "Secretario General de la Organización durante la primera Asamblea General, "
            "en Ginebra.",
            "ar": "تولّى معالي منصور بن مسلم مهامه بصفته أول أمين عام للمنظمة خلال الجمعية "
            "العامة الأولى في جنيف.",
        },
        {
            "en": "<p>The First General Assembly of the Organisation of Educational Cooperation, "
            "held in Geneva, Switzerland, saw His Excellency Manssour Bin Mussallam take office "
            "as the Organisation's first Secretary-General. He now leads the Secretariat that "
            "carries out the programmes the members approved.</p>",
            "fr": "<p>La première Assemblée générale de l'Organisation de coopération éducative, "
            "tenue à Genève (Suisse), a vu Son Excellence Manssour Bin Mussallam prendre ses "
            "fonctions de premier Secrétaire général. Il dirige désormais le Secrétariat "
            "chargé de mettre en œuvre les programmes approuvés par les membres.</p>",
            "es": "<p>La primera Asamblea General de la Organización de Cooperación Educativa, "
            "celebrada en Ginebra (Suiza), vio a Su Excelencia Manssour Bin Mussallam asumir "
            "el cargo de primer Secretario General. Desde entonces dirige la Secretaría que "
            "ejecuta los programas aprobados por los miembros.</p>",
            "ar": "<p>شهدت الجمعية العامة الأولى لمنظمة التعاون التربوي، المنعقدة في جنيف "
            "(سويسرا)، تولّي معالي منصور بن مسلم مهامه بصفته أول أمين عام للمنظمة. ويقود "
            "منذ ذلك الحين الأمانة العامة التي تنفّذ البرامج التي أقرّها الأعضاء.</p>",
        },
        False,
    ),
    (
        "occe-pupil-cooperatives-share-their-projects",
        "occe",
        "editor@occe.example",
        "member-news",
        datetime.datetime(2022, 3, 15, 10, 0, tzinfo=GENEVA),
        ["School cooperatives"],
        {
            "en": "Pupil-run cooperatives share a year of school projects",
            "fr": "Les coopératives d'élèves partagent une année de projets",
        },
        {
            "en": "Classes from across the OCCE's network presented the projects their "
            "cooperatives chose, ran and paid for themselves.",
            "fr": "Des classes de tout le réseau de l'OCCE ont présenté les projets que leurs "
            "coopératives ont choisis, menés et financés elles-mêmes.",
        },
        {
            "en": "<p>From school gardens to class newspapers, pupils explained how they voted on "
            "their projects, shared out the tasks and kept the accounts: democracy learnt by "
            "doing.</p>",
            "fr": "<p>Des jardins d'école aux journaux de classe, les élèves ont expliqué comment "
            "ils ont voté leurs projets, réparti les tâches et tenu les comptes : la démocratie "
            "apprise en la pratiquant.</p>",
        },
        False,
    ),
    (
        "djibouti-hosts-teacher-exchange",
        "djibouti",
        "focal@djibouti.example",
        "member-news",
        datetime.datetime(2022, 5, 10, 9, 0, tzinfo=GENEVA),
        ["Teachers", "South-South cooperation"],
        {
            "en": "Djibouti welcomes teachers from fellow member states for an exchange week",
            "fr": "Djibouti accueille des enseignants d'autres États membres pour une semaine "
            "d'échanges",
        },
        {
            "en": "Teachers from several member states spent a week in Djiboutian schools, "
            "comparing how they include every learner.",
            "fr": "Des enseignants de plusieurs États membres ont passé une semaine dans des "
            "écoles djiboutiennes pour comparer leurs pratiques d'inclusion.",
        },
        {
            "en": "<p>The exchange, the first of its kind since the Organisation was founded in "
            "Djibouti, paired visiting teachers with local colleagues in classrooms.</p>",
            "fr": "<p>Cet échange, le premier depuis la fondation de l'Organisation à Djibouti, "
            "a associé les enseignants invités à des collègues locaux dans les classes.</p>",
        },
        False,
    ),
    # The living part of the demo: recent items, dated relative to the day it is seeded.
    (
        "registration-opens-for-the-second-general-assembly",
        "oec",
        "editor@oec.example",
        "general-assembly",
        lambda: recent(months_ago=1, day=12, hour=10),
        ["General Assembly"],
        {
            "en": "Delegation registration opens for the second General Assembly",
            "fr": "L'inscription des délégations est ouverte pour la deuxième Assemblée générale",
            "es": "Abierta la inscripción de delegaciones para la segunda Asamblea General",
            "ar": "فتح باب تسجيل الوفود للدورة الثانية للجمعية العامة",
        },
        {
            "en": "Focal points can now register their delegations online, with the credentials "
            "letter signed by their authorities.",
            "fr": "Les points focaux peuvent désormais inscrire leur délégation en ligne, avec la "
            "lettre de créance signée par leurs autorités.",
            "es": "Los puntos focales ya pueden inscribir su delegación en línea, con la carta "
            "credencial firmada por sus autoridades.",
            "ar": "يمكن لجهات الاتصال الآن تسجيل وفودها عبر الإنترنت، مع خطاب التفويض الموقّع "
            "من سلطاتها.",
        },
        {
            "en": "<p>The secretariat has opened registration for the second ordinary session. "
            "Each member's focal point lists the delegation on the member dashboard and uploads "
            "the credentials letter; the secretariat confirms each delegation in turn.</p>",
            "fr": "<p>Le secrétariat a ouvert les inscriptions à la deuxième session ordinaire. "
            "Le point focal de chaque membre présente sa délégation depuis le tableau de bord "
            "et dépose la lettre de créance ; le secrétariat confirme chaque délégation.</p>",
            "es": "<p>La secretaría ha abierto la inscripción para la segunda sesión ordinaria. "
            "El punto focal de cada miembro presenta su delegación desde el panel y adjunta la "
            "carta credencial; la secretaría confirma cada delegación.</p>",
            "ar": "<p>فتحت الأمانة باب التسجيل للدورة العادية الثانية. تقدّم جهة الاتصال لدى "
            "كل عضو وفدها من لوحة العضو وترفع خطاب التفويض، ثم تؤكّد الأمانة كل وفد.</p>",
        },
        True,
    ),
    (
        "secretariat-consults-members-on-the-next-programme",
        "oec",
        "editor@oec.example",
        "secretariat",
        lambda: recent(months_ago=2, day=20, hour=9),
        ["Programme"],
        {
            "en": "The secretariat consults members on the next programme of work",
            "fr": "Le secrétariat consulte les membres sur le prochain programme de travail",
            "es": "La secretaría consulta a los miembros sobre el próximo programa de trabajo",
            "ar": "الأمانة تستشير الأعضاء بشأن برنامج العمل القادم",
        },
        {
            "en": "Members have until the Assembly to comment on the priorities drafted for "
            "inclusive and balanced education.",
            "fr": "Les membres ont jusqu'à l'Assemblée pour commenter les priorités proposées "
            "pour une éducation inclusive et équilibrée.",
            "es": "Los miembros tienen hasta la Asamblea para comentar las prioridades propuestas "
            "para una educación inclusiva y equilibrada.",
            "ar": "أمام الأعضاء حتى موعد الجمعية للتعليق على الأولويات المقترحة لتعليم شامل "
            "ومتوازن.",
        },
        {
            "en": "<p>The draft sets out three priorities: teacher exchanges, reading in the "
            "mother tongue and school cooperation. Comments reach the secretariat through each "
            "member's focal point.</p>",
            "fr": "<p>Le projet retient trois priorités : les échanges d'enseignants, la lecture "
            "en langue maternelle et la coopération scolaire. Les commentaires parviennent au "
            "secrétariat par le point focal de chaque membre.</p>",
            "es": "<p>El borrador fija tres prioridades: los intercambios de docentes, la lectura "
            "en lengua materna y la cooperación escolar. Los comentarios llegan a la secretaría "
            "a través del punto focal de cada miembro.</p>",
            "ar": "<p>تحدّد المسودة ثلاث أولويات: تبادل المعلمين، والقراءة باللغة الأم، "
            "والتعاون المدرسي. وتصل التعليقات إلى الأمانة عبر جهة الاتصال لدى كل عضو.</p>",
        },
        False,
    ),
    (
        "ecuador-trains-rural-teachers-in-reading",
        "ecuador",
        "focal@ecuador.example",
        "member-news",
        lambda: recent(months_ago=3, day=5, hour=15),
        ["Teachers", "Reading"],
        {
            "en": "Ecuador trains rural teachers to teach reading",
            "fr": "L'Équateur forme ses enseignants ruraux à l'apprentissage de la lecture",
            "es": "Ecuador forma a docentes rurales en la enseñanza de la lectura",
        },
        {
            "en": "A month of workshops for teachers of multi-grade rural schools.",
            "fr": "Un mois d'ateliers pour les enseignants des écoles rurales à classes "
            "multiniveaux.",
            "es": "Un mes de talleres para docentes de escuelas rurales multigrado.",
        },
        {
            "en": "<p>The workshops paired teachers from the highlands and the coast, who "
            "shared how they teach reading to pupils of several ages in one classroom.</p>",
            "fr": "<p>Les ateliers ont réuni des enseignants des Andes et de la côte, qui ont "
            "partagé leur manière d'apprendre à lire à des élèves de plusieurs âges dans une même "
            "classe.</p>",
            "es": "<p>Los talleres reunieron a docentes de la sierra y de la costa, que "
            "compartieron cómo enseñan a leer a alumnos de varias edades en una misma aula.</p>",
        },
        False,
    ),
]


def recent(*, months_ago, day, hour):
    """A publication time `months_ago` months before today's month, on `day` at `hour` (Geneva);
    always in the past, and the same all month long."""
    month = month_from_now(-months_ago)
    return datetime.datetime(month.year, month.month, day, hour, tzinfo=GENEVA)


def seed(*, organisations, users):
    """Create or update this app's demo rows idempotently; `organisations` are by slug."""
    categories = {}
    for slug, names in CATEGORIES.items():
        categories[slug], _created = Category.objects.update_or_create(
            slug=slug,
            defaults={
                "name": names["en"],
                **translated_fields("name", names),
                # Where the body speaks for itself; members file their news elsewhere.
                "members_may_use": slug == "member-news",
            },
        )
    for (
        slug,
        organisation_slug,
        author_email,
        category_slug,
        published_at,
        tag_names,
        title,
        summary,
        body,
        featured,
    ) in ARTICLES:
        defaults = {
            "organisation": organisations[organisation_slug],
            "author": users.get(author_email),
            "category": categories[category_slug],
            "status": Article.Status.PUBLISHED,
            "publish_at": published_at() if callable(published_at) else published_at,
            "featured_on_home": featured,
            **translated_fields("title", title),
            **translated_fields("summary", summary),
            **translated_fields("body", body),
        }
        article = Article.objects.filter(slug=slug).first() or Article(slug=slug)
        # Saved only when something differs, so seeding again adds no version to the history.
        if article.pk is None or any(
            getattr(article, name) != value for name, value in defaults.items()
        ):
            for name, value in defaults.items():
                setattr(article, name, value)
            article.save()
        tags = [
            Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
            for name in tag_names
        ]
        article.tags.set(tags)
