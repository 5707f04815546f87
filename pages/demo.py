"""Demo data of the pages app for `manage.py seed_demo` (DESIGN.md's demo data contract).

The body's mission pages and the school-cooperation association's (OCCE) pages. Their facts come
from the seed documents (shared/seeds/000 and 001), told in our own words. Idempotent: pages are
found by (organisation, slug) and brought up to date.
"""

from members.demo_seeding import translated_fields, update_or_create_if_changed

from .models import Page

# (slug, order, parent slug, {language: title}, {language: meta description}, {language: body})
HOST_PAGES = [
    (
        "about",
        10,
        None,
        {
            "en": "Who we are",
            "fr": "Qui sommes-nous",
            "es": "Quiénes somos",
            "ar": "من نحن",
        },
        {
            "en": "An intergovernmental body of the Global South for balanced and inclusive "
            "education, founded in Djibouti on 29 January 2020.",
            "fr": "Une organisation intergouvernementale des pays du Sud pour une éducation "
            "équilibrée et inclusive, fondée à Djibouti le 29 janvier 2020.",
        },
        {
            "en": (
                "<p>The Organisation of Educational Cooperation came into being on "
                "<strong>29 January 2020</strong> in <strong>Djibouti</strong>, at an "
                "international summit devoted to balanced and inclusive education. Its founders "
                "are countries of Latin America and the Caribbean, Africa, Asia, the Middle East "
                "and the Pacific Islands.</p>"
                "<p>It is an intergovernmental organisation with a difference: civil society "
                "organisations and academic institutions sit beside states as Associate "
                "Members, and its membership is not drawn along the borders of one region or "
                "culture.</p>"
                "<h2>Where it comes from</h2>"
                "<p>The Organisation grew out of three years of conversations between "
                "governments, non-governmental organisations and universities, which convinced "
                "them that concrete, shared plans of action work better than isolated "
                "projects. That habit of talking across sectors, and of turning talk into "
                "decisions, is still how it works today.</p>"
            ),
            "fr": (
                "<p>L'Organisation de coopération éducative est née le "
                "<strong>29 janvier 2020</strong> à <strong>Djibouti</strong>, lors d'un sommet "
                "international consacré à l'éducation équilibrée et inclusive. Ses fondateurs "
                "sont des pays d'Amérique latine et des Caraïbes, d'Afrique, d'Asie, du "
                "Moyen-Orient et des îles du Pacifique.</p>"
                "<p>C'est une organisation intergouvernementale pas comme les autres : des "
                "organisations de la société civile et des institutions universitaires y "
                "siègent aux côtés des États comme Membres associés, et ses membres ne sont pas "
                "réunis selon les frontières d'une seule région ou culture.</p>"
                "<h2>D'où elle vient</h2>"
                "<p>L'Organisation est issue de trois années d'échanges entre gouvernements, "
                "organisations non gouvernementales et universités, qui les ont convaincus que "
                "des plans d'action concrets et partagés valent mieux que des projets isolés. "
                "Cette habitude de dialoguer entre secteurs, et de passer du dialogue à la "
                "décision, reste sa manière de travailler.</p>"
            ),
        },
    ),
    (
        "purpose",
        20,
        "about",
        {
            "en": "Our purpose",
            "fr": "Notre raison d'être",
            "es": "Nuestro propósito",
            "ar": "غايتنا",
        },
        {
            "en": "What the Constitutive Charter asks of the Organisation: education that is "
            "balanced and inclusive, for fairer and more cohesive societies.",
            "fr": "Ce que la Charte constitutive demande à l'Organisation : une éducation "
            "équilibrée et inclusive, pour des sociétés plus justes et plus solidaires.",
        },
        {
            "en": (
                "<p>The Constitutive Charter gives the Organisation one aim: to help societies "
                "change for the better, becoming fairer, more equitable and more prosperous, by "
                "advancing education that is balanced and inclusive.</p>"
                "<p>Education, in the Charter's view, is the way for people everywhere to "
                "enjoy their fundamental rights:</p>"
                "<ul><li>freedom, justice and dignity;</li>"
                "<li>a sustainable future and cohesive communities;</li>"
                "<li>security, both material and in the things money cannot buy.</li></ul>"
                "<p>To get there, countries need roadmaps they build together and that fit "
                "their own contexts, and strong ways of sharing knowledge and coordinating "
                "action.</p>"
            ),
            "fr": (
                "<p>La Charte constitutive assigne à l'Organisation un seul but : aider les "
                "sociétés à se transformer pour devenir plus justes, plus équitables et plus "
                "prospères, en faisant progresser une éducation équilibrée et inclusive.</p>"
                "<p>Pour la Charte, l'éducation est le chemin par lequel chacun, partout, peut "
                "exercer ses droits fondamentaux :</p>"
                "<ul><li>la liberté, la justice et la dignité ;</li>"
                "<li>un avenir durable et des communautés soudées ;</li>"
                "<li>la sécurité, matérielle comme immatérielle.</li></ul>"
                "<p>Pour y parvenir, les pays ont besoin de feuilles de route construites "
                "ensemble et adaptées à leur contexte, ainsi que de moyens solides pour partager "
                "les savoirs et coordonner l'action.</p>"
            ),
        },
    ),
    (
        "how-we-cooperate",
        30,
        "about",
        {
            "en": "How we cooperate",
            "fr": "Comment nous coopérons",
            "es": "Cómo cooperamos",
            "ar": "كيف نتعاون",
        },
        {
            "en": "Horizontal South-South cooperation between equals, South-North partnerships "
            "of equals, and a membership that spans states, civil society and academia.",
            "fr": "Une coopération Sud-Sud horizontale entre égaux, des partenariats Sud-Nord "
            "d'égal à égal et des membres issus des États, de la société civile et du monde "
            "universitaire.",
        },
        {
            "en": (
                "<h2>Cooperation, not aid</h2>"
                "<p>Aid tends to run from the top down and can leave institutions dependent on "
                "it. Cooperation runs sideways: partners meet as equals and aim to rely on "
                "their own collective strength. The Organisation therefore puts South-South "
                "exchange between governments and between sectors at the centre of its work, "
                "so that countries can find where their strengths complement each other and "
                "tackle the problems they share.</p>"
                "<h2>South-North partnerships of equals</h2>"
                "<p>The Organisation also builds partnerships with the North, on one "
                "condition: both sides must gain and both must stand on the same footing. The "
                "variety of the Global South has produced inventive answers that suit their "
                "context, and those answers can enrich the North as much as the South.</p>"
                "<h2>Across sectors</h2>"
                "<p>Civil society organisations and academic bodies are Associate Members, "
                "not guests. The Organisation pools intellectual, technical and financial "
                "resources across countries, organisations and sectors, acts as a neutral "
                "broker of knowledge, and gives a platform to ideas that are rarely heard at "
                "international level.</p>"
            ),
            "fr": (
                "<h2>La coopération plutôt que l'aide</h2>"
                "<p>L'aide descend souvent du haut vers le bas et peut rendre les institutions "
                "dépendantes. La coopération, elle, se pratique à l'horizontale : les "
                "partenaires se rencontrent d'égal à égal et visent l'autonomie collective. "
                "L'Organisation place donc au cœur de son action les échanges Sud-Sud entre "
                "gouvernements et entre secteurs, pour que les pays repèrent leurs forces "
                "complémentaires et relèvent ensemble leurs défis communs.</p>"
                "<h2>Des partenariats Sud-Nord d'égal à égal</h2>"
                "<p>L'Organisation noue aussi des partenariats avec le Nord, à une condition : "
                "que chaque partie y gagne et que toutes soient sur un pied d'égalité. La "
                "diversité des pays du Sud a produit des réponses inventives, adaptées à leur "
                "contexte, qui peuvent enrichir le Nord autant que le Sud.</p>"
                "<h2>Entre les secteurs</h2>"
                "<p>Les organisations de la société civile et les institutions universitaires "
                "sont Membres associés, pas invitées. L'Organisation met en commun des "
                "ressources intellectuelles, techniques et financières entre pays, "
                "organisations et secteurs, joue le rôle de courtier neutre du savoir et fait "
                "entendre des idées encore peu présentes sur la scène internationale.</p>"
            ),
        },
    ),
    (
        "governance",
        40,
        "about",
        {
            "en": "Governance",
            "fr": "Gouvernance",
            "es": "Gobernanza",
            "ar": "الحوكمة",
        },
        {
            "en": "The General Assembly of Founding States and Associate Members decides; the "
            "Secretary-General leads the Secretariat.",
            "fr": "L'Assemblée générale des États fondateurs et des Membres associés décide ; "
            "le Secrétaire général dirige le Secrétariat.",
        },
        {
            "en": (
                "<h2>The General Assembly</h2>"
                "<p>The General Assembly brings together the Founding States and the Associate "
                "Members. It is where the Organisation takes its decisions: it approves the "
                "main programmes of activities and the budget, and adopts the strategic "
                "plan.</p>"
                "<h2>The Secretary-General</h2>"
                "<p>The Secretary-General heads the Secretariat, which carries out what the "
                "Assembly decides and runs the Organisation from day to day. The first "
                "Secretary-General took office at the first General Assembly, held in Geneva.</p>"
            ),
            "fr": (
                "<h2>L'Assemblée générale</h2>"
                "<p>L'Assemblée générale réunit les États fondateurs et les Membres associés. "
                "C'est là que l'Organisation prend ses décisions : elle approuve les principaux "
                "programmes d'activités et le budget, et adopte le plan stratégique.</p>"
                "<h2>Le Secrétaire général</h2>"
                "<p>Le Secrétaire général dirige le Secrétariat, qui met en œuvre les décisions "
                "de l'Assemblée et fait fonctionner l'Organisation au quotidien. Le premier "
                "Secrétaire général a pris ses fonctions lors de la première Assemblée "
                "générale, tenue à Genève.</p>"
            ),
        },
    ),
    (
        "strategic-plan",
        50,
        "about",
        {
            "en": "Strategic plan",
            "fr": "Plan stratégique",
            "es": "Plan estratégico",
            "ar": "الخطة الاستراتيجية",
        },
        {
            "en": "An eight-year strategic plan, approved unanimously by the General Assembly.",
            "fr": "Un plan stratégique sur huit ans, approuvé à l'unanimité par l'Assemblée "
            "générale.",
        },
        {
            "en": (
                "<p>The General Assembly approved the Organisation's strategic plan "
                "<strong>unanimously</strong>. It covers <strong>eight years</strong> and sets "
                "the direction for the programmes of activities and the budgets that the "
                "Assembly approves along the way.</p>"
                "<p>The plan keeps the Organisation's way of working at its heart:</p>"
                "<ul><li>roadmaps built together, suited to each context;</li>"
                "<li>knowledge shared across countries and sectors;</li>"
                "<li>solutions grown locally that can make the case for change worldwide.</li>"
                "</ul>"
            ),
            "fr": (
                "<p>L'Assemblée générale a approuvé <strong>à l'unanimité</strong> le plan "
                "stratégique de l'Organisation. Il porte sur <strong>huit ans</strong> et fixe "
                "le cap des programmes d'activités et des budgets que l'Assemblée approuve au "
                "fil du temps.</p>"
                "<p>Le plan garde au centre la manière de travailler de l'Organisation :</p>"
                "<ul><li>des feuilles de route construites ensemble, adaptées à chaque "
                "contexte ;</li>"
                "<li>des savoirs partagés entre pays et entre secteurs ;</li>"
                "<li>des solutions nées sur le terrain, capables de plaider pour le changement "
                "à l'échelle mondiale.</li></ul>"
            ),
        },
    ),
]

OCCE_VALUES = [
    (
        ("Cooperation", "Coopération"),
        (
            "Pupils work as a team and answer together for what the team achieves.",
            "Les élèves travaillent en équipe et répondent ensemble de ce que l'équipe réalise.",
        ),
    ),
    (
        ("Responsibility", "Responsabilité"),
        (
            "Running real projects and taking real decisions teaches pupils to be accountable.",
            "Mener de vrais projets et prendre de vraies décisions apprend aux élèves à rendre "
            "des comptes.",
        ),
    ),
    (
        ("Solidarity", "Solidarité"),
        (
            "Pupils and teachers support one another and learn empathy by practising it.",
            "Élèves et enseignants s'entraident et apprennent l'empathie en la pratiquant.",
        ),
    ),
    (
        ("Democracy", "Démocratie"),
        (
            "Pupils debate, vote and decide, so that democratic life is something they do.",
            "Les élèves débattent, votent et décident : la vie démocratique devient une pratique.",
        ),
    ),
    (
        ("Active citizenship", "Citoyenneté active"),
        (
            "Young people get ready to take their full part in their community and society.",
            "Les jeunes se préparent à prendre toute leur place dans leur communauté et la "
            "société.",
        ),
    ),
    (
        ("Learning together", "Apprendre ensemble"),
        (
            "Pupils learn by doing, with their classmates, guided by adults who mentor them.",
            "Les élèves apprennent en faisant, avec leurs camarades, guidés par des adultes "
            "qui les accompagnent.",
        ),
    ),
]


def _values_body(index):
    items = "".join(
        f"<li><strong>{titles[index]}</strong> — {descriptions[index]}</li>"
        for titles, descriptions in OCCE_VALUES
    )
    intro = (
        "Six values guide every school cooperative we support:",
        "Six valeurs guident chaque coopérative scolaire que nous accompagnons :",
    )[index]
    outro = (
        "Together they give pupils skills for their own lives and for life with others.",
        "Ensemble, elles donnent aux élèves des compétences pour leur vie personnelle et pour "
        "la vie avec les autres.",
    )[index]
    return f"<p>{intro}</p><ol>{items}</ol><p>{outro}</p>"


def _list(items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


OCCE_PAGES = [
    (
        "journey",
        10,
        {"en": "Our journey and purpose", "fr": "Notre parcours et notre mission"},
        {
            "en": (
                "<p>For more than ten years, OCCE has helped young people grow through "
                "cooperation at school. We work in secular schools, where we help pupils set up "
                "school cooperatives and groups that they run themselves.</p>"
                "<p>In these cooperatives pupils plan projects, take decisions and carry them "
                "out with their classmates. Along the way they learn civic and moral values "
                "and what it means to be responsible for something shared.</p>"
                "<p>Our aim is simple: every pupil should have first-hand experience of "
                "responsibility, solidarity and democracy, and leave school ready to play an "
                "active part in society.</p>"
            ),
            "fr": (
                "<p>Depuis plus de dix ans, l'OCCE aide les jeunes à grandir grâce à la "
                "coopération à l'école. Nous agissons dans les établissements laïques, où nous "
                "aidons les élèves à créer des coopératives scolaires et des groupes qu'ils "
                "gèrent eux-mêmes.</p>"
                "<p>Dans ces coopératives, les élèves conçoivent des projets, prennent des "
                "décisions et les mènent à bien avec leurs camarades. Ils y apprennent les "
                "valeurs civiques et morales, et ce que signifie être responsable d'un bien "
                "commun.</p>"
                "<p>Notre but est simple : que chaque élève vive concrètement la "
                "responsabilité, la solidarité et la démocratie, et quitte l'école prêt à "
                "prendre une part active dans la société.</p>"
            ),
        },
    ),
    (
        "vision",
        20,
        {"en": "Our vision", "fr": "Notre vision"},
        {
            "en": (
                "<p>We see schools as communities where pupils learn and cooperate, and help "
                "shape the place where they learn.</p>"
                + _list(
                    [
                        "Pupils practise democracy: they debate, decide and run projects together.",
                        "Cooperative activities make schools places of solidarity, "
                        "responsibility and awareness of others.",
                        "Teachers act as mentors who back pupils' initiatives and help them "
                        "become independent.",
                        "Communities gain young people who are ready to act, to work with "
                        "others and to contribute to civic life.",
                    ]
                )
                + "<p>For us, education is more than good marks: it is where responsible, "
                "cooperative citizens are formed.</p>"
            ),
            "fr": (
                "<p>Nous voyons l'école comme une communauté où les élèves apprennent, "
                "coopèrent et participent à l'organisation de leur lieu d'apprentissage.</p>"
                + _list(
                    [
                        "Les élèves pratiquent la démocratie : ils débattent, décident et "
                        "mènent des projets ensemble.",
                        "Les activités coopératives font de l'école un lieu de solidarité, de "
                        "responsabilité et d'attention aux autres.",
                        "Les enseignants sont des mentors qui soutiennent les initiatives des "
                        "élèves et les aident à devenir autonomes.",
                        "Les communautés gagnent des jeunes prêts à agir, à travailler avec "
                        "les autres et à s'engager dans la vie civique.",
                    ]
                )
                + "<p>Pour nous, l'éducation ne se résume pas aux bonnes notes : c'est là que "
                "se forment des citoyens responsables et coopératifs.</p>"
            ),
        },
    ),
    (
        "values",
        30,
        {"en": "Our values", "fr": "Nos valeurs"},
        {"en": _values_body(0), "fr": _values_body(1)},
    ),
    (
        "what-we-do",
        40,
        {"en": "What we do", "fr": "Nos actions"},
        {
            "en": (
                "<p>We support schools, teachers and communities with programmes that make "
                "cooperative learning part of everyday school life:</p>"
                + _list(
                    [
                        "<strong>School cooperatives</strong>: help to create and run "
                        "cooperatives in which pupils organise projects and events.",
                        "<strong>Pupil-led groups</strong>: teams and clubs where pupils "
                        "practise leadership and teamwork.",
                        "<strong>Support for teachers</strong>: tools, resources and mentoring "
                        "to lead cooperative learning.",
                        "<strong>Civic projects</strong>: community service, environmental and "
                        "social projects run by pupils.",
                        "<strong>Workshops and training</strong>: project management, "
                        "democratic decision-making and working together.",
                        "<strong>Local partnerships</strong>: links between schools and local "
                        "institutions and associations.",
                    ]
                )
            ),
            "fr": (
                "<p>Nous accompagnons les écoles, les enseignants et les communautés avec des "
                "programmes qui font de l'apprentissage coopératif une réalité quotidienne :</p>"
                + _list(
                    [
                        "<strong>Coopératives scolaires</strong> : aide à la création et à la "
                        "gestion de coopératives où les élèves organisent projets et "
                        "événements.",
                        "<strong>Groupes d'élèves</strong> : équipes et clubs où les élèves "
                        "s'exercent au travail d'équipe et à l'initiative.",
                        "<strong>Soutien aux enseignants</strong> : outils, ressources et "
                        "accompagnement pour animer l'apprentissage coopératif.",
                        "<strong>Projets citoyens</strong> : actions de solidarité, "
                        "d'environnement et de vie locale menées par les élèves.",
                        "<strong>Ateliers et formations</strong> : gestion de projet, décision "
                        "démocratique et travail collectif.",
                        "<strong>Partenariats locaux</strong> : des liens entre les écoles et "
                        "les institutions et associations du territoire.",
                    ]
                )
            ),
        },
    ),
    (
        "impact",
        50,
        {"en": "Our impact", "fr": "Notre impact"},
        {
            "en": (
                "<p>What changes where cooperative learning takes root:</p>"
                + _list(
                    [
                        "Pupils gain leadership, teamwork and problem-solving skills.",
                        "Schools become more collaborative and more participatory.",
                        "Teachers get support to try pupil-centred ways of teaching.",
                        "Communities benefit from youth projects built on solidarity and "
                        "civic responsibility.",
                    ]
                )
                + "<p>Because cooperation becomes part of daily school life, the values and "
                "skills it builds stay with pupils long after they leave.</p>"
            ),
            "fr": (
                "<p>Ce qui change là où l'apprentissage coopératif s'installe :</p>"
                + _list(
                    [
                        "Les élèves développent leur sens de l'initiative, du travail en "
                        "équipe et de la résolution de problèmes.",
                        "Les écoles deviennent plus collaboratives et plus participatives.",
                        "Les enseignants sont soutenus pour essayer des pédagogies centrées "
                        "sur l'élève.",
                        "Les communautés profitent de projets de jeunes fondés sur la "
                        "solidarité et la responsabilité civique.",
                    ]
                )
                + "<p>Parce que la coopération entre dans la vie quotidienne de l'école, les "
                "valeurs et compétences qu'elle construit accompagnent les élèves bien "
                "au-delà.</p>"
            ),
        },
    ),
    (
        "why-we-exist",
        60,
        {"en": "Why we exist", "fr": "Pourquoi nous existons"},
        {
            "en": (
                "<p>School often measures success in marks alone. Yet life skills, civic "
                "engagement and a sense of responsibility towards others matter just as much, "
                "and many pupils finish school without ever having taken part in a democratic "
                "decision or led a shared project.</p>"
                "<p>OCCE is here to close that gap. Through school cooperatives and pupil-led "
                "projects, we make sure that school:</p>"
                + _list(
                    [
                        "invites pupils to take part and to decide;",
                        "builds solidarity, cooperation and empathy;",
                        "teaches practical skills such as running a project and working in a team;",
                        "prepares engaged citizens who contribute to society.",
                    ]
                )
                + "<p>Pupils do not only learn about democracy: they practise it.</p>"
            ),
            "fr": (
                "<p>L'école mesure souvent la réussite aux seules notes. Pourtant, les "
                "compétences de vie, l'engagement civique et le sens des responsabilités "
                "envers les autres comptent tout autant, et beaucoup d'élèves terminent leur "
                "scolarité sans avoir jamais pris part à une décision démocratique ni conduit "
                "un projet commun.</p>"
                "<p>L'OCCE existe pour combler ce manque. Par les coopératives scolaires et "
                "les projets menés par les élèves, nous faisons en sorte que l'école :</p>"
                + _list(
                    [
                        "invite les élèves à participer et à décider ;",
                        "développe la solidarité, la coopération et l'empathie ;",
                        "enseigne des savoir-faire concrets comme la conduite de projet et le "
                        "travail en équipe ;",
                        "forme des citoyens engagés qui contribuent à la société.",
                    ]
                )
                + "<p>Les élèves n'apprennent pas seulement ce qu'est la démocratie : ils la "
                "pratiquent.</p>"
            ),
        },
    ),
    (
        "looking-ahead",
        70,
        {"en": "Looking ahead", "fr": "Nos perspectives"},
        {
            "en": (
                "<p>In the years to come we want cooperative learning to reach many more "
                "schools across the country. We plan to:</p>"
                + _list(
                    [
                        "open more school cooperatives and pupil-led projects;",
                        "train more teachers and give them better resources;",
                        "work more closely with local associations and authorities;",
                        "back projects on today's challenges: sustainability, inclusion and "
                        "local development;",
                        "keep renewing our methods so that cooperation stays lively and useful.",
                    ]
                )
                + "<p>Our long-term goal: cooperative, democratic education as the norm in "
                "every school.</p>"
            ),
            "fr": (
                "<p>Dans les années qui viennent, nous voulons que l'apprentissage coopératif "
                "gagne beaucoup plus d'écoles dans tout le pays. Nous prévoyons de :</p>"
                + _list(
                    [
                        "ouvrir davantage de coopératives scolaires et de projets d'élèves ;",
                        "former plus d'enseignants et mieux les outiller ;",
                        "travailler plus étroitement avec les associations et les autorités "
                        "locales ;",
                        "soutenir des projets sur les défis actuels : durabilité, inclusion et "
                        "développement local ;",
                        "renouveler sans cesse nos méthodes pour que la coopération reste "
                        "vivante et utile.",
                    ]
                )
                + "<p>Notre objectif à long terme : que l'éducation coopérative et "
                "démocratique devienne la norme dans chaque école.</p>"
            ),
        },
    ),
]


def _upsert(*, organisation, slug, order, parent, titles, descriptions, bodies):
    page, _changed = update_or_create_if_changed(
        Page,
        organisation=organisation,
        slug=slug,
        defaults={
            "order": order,
            "parent": parent,
            "status": Page.Status.PUBLISHED,
            "show_in_menu": True,
            **translated_fields("title", titles),
            **translated_fields("meta_description", descriptions),
            **translated_fields("body", bodies),
        },
    )
    return page


def seed(*, organisations, users):
    """Create or update this app's demo rows idempotently; `organisations` are by slug."""
    host = organisations["oec"]
    by_slug = {}
    for slug, order, parent_slug, titles, descriptions, bodies in HOST_PAGES:
        by_slug[slug] = _upsert(
            organisation=host,
            slug=slug,
            order=order,
            parent=by_slug.get(parent_slug),
            titles=titles,
            descriptions=descriptions,
            bodies=bodies,
        )
    occe = organisations["occe"]
    for slug, order, titles, bodies in OCCE_PAGES:
        _upsert(
            organisation=occe,
            slug=slug,
            order=order,
            parent=None,
            titles=titles,
            descriptions={},
            bodies=bodies,
        )
