"""Demo content of the toolbox and the knowledge repository, in French and Dutch."""

import datetime

from django.core.files.base import ContentFile
from django.utils.text import slugify
from wagtail.documents import get_document_model

from incommon_cms.core.demo_utils import child_page, locale, translated_page, translation

from .models import (
    KnowledgeAttachment,
    KnowledgeAuthor,
    KnowledgeIndexPage,
    KnowledgeItemPage,
    ToolboxIndexPage,
    ToolContributor,
    ToolPage,
    ToolRelatedTool,
    ToolTheme,
)
from .pdf import simple_pdf

ORDER = 30

# Per tool (by French title): audience, group size, duration, difficulty, contributing alternatives, related tools,
# prerequisites and steps in both languages.
TOOL_DETAILS = {
    "Météo d'entrée": {
        "audience": ["everyone", "facilitators"],
        "group_size": "small",
        "duration": "short",
        "difficulty": "easy",
        "contributors": ["Réseau Transition"],
        "related": ["Décision par consentement"],
        "prerequisites": {"fr": "Aucun. Un objet de parole peut aider.", "nl": "Geen. Een praatvoorwerp kan helpen."},
        "steps": {
            "fr": [
                "Annoncez le temps par personne (une minute).",
                "Chacun dit comment il arrive, sans être interrompu.",
                "Personne ne commente : on écoute.",
            ],
            "nl": [
                "Kondig de tijd per persoon aan (een minuut).",
                "Iedereen zegt hoe hij binnenkomt, zonder onderbreking.",
                "Niemand geeft commentaar: we luisteren.",
            ],
        },
    },
    "Décision par consentement": {
        "audience": ["everyone", "facilitators"],
        "group_size": "medium",
        "duration": "medium",
        "difficulty": "intermediate",
        "contributors": ["Réseau Transition", "Communa"],
        "related": ["Élection sans candidat", "Météo d'entrée"],
        "prerequisites": {
            "fr": "Une proposition écrite et une personne qui facilite.",
            "nl": "Een geschreven voorstel en iemand die faciliteert.",
        },
        "steps": {
            "fr": [
                "Présenter la proposition.",
                "Tour de questions de clarification.",
                "Tour de réactions.",
                "Tour d'objections argumentées, puis bonification de la proposition.",
            ],
            "nl": [
                "Het voorstel voorstellen.",
                "Ronde met verduidelijkingsvragen.",
                "Ronde met reacties.",
                "Ronde met beargumenteerde bezwaren, daarna het voorstel verbeteren.",
            ],
        },
    },
    "Élection sans candidat": {
        "audience": ["everyone", "board"],
        "group_size": "medium",
        "duration": "medium",
        "difficulty": "intermediate",
        "contributors": ["Réseau Transition"],
        "related": ["Décision par consentement"],
        "prerequisites": {
            "fr": "Une description claire du rôle à pourvoir.",
            "nl": "Een duidelijke beschrijving van de rol.",
        },
        "steps": {
            "fr": [
                "Décrire le rôle et ses compétences.",
                "Chacun écrit le nom de la personne qu'il propose.",
                "Tour des argumentaires, puis changements de vote.",
                "Proposition du facilitateur et consentement.",
            ],
            "nl": [
                "De rol en de nodige vaardigheden beschrijven.",
                "Iedereen schrijft de naam op van wie hij voorstelt.",
                "Ronde met argumenten, daarna stemwijzigingen.",
                "Voorstel van de facilitator en consent.",
            ],
        },
    },
    "World café": {
        "audience": ["everyone", "facilitators"],
        "group_size": "large",
        "duration": "medium",
        "difficulty": "easy",
        "contributors": ["BRAL"],
        "related": ["Forum ouvert"],
        "prerequisites": {
            "fr": "Des tables de 4 à 6 personnes, de grandes feuilles et des marqueurs.",
            "nl": "Tafels voor 4 tot 6 mensen, grote vellen en stiften.",
        },
        "steps": {
            "fr": [
                "Poser une question forte.",
                "Trois tours de 20 minutes en changeant de table.",
                "Récolte en plénière.",
            ],
            "nl": [
                "Een sterke vraag stellen.",
                "Drie rondes van 20 minuten, telkens aan een andere tafel.",
                "Oogst in plenaire.",
            ],
        },
    },
    "Forum ouvert": {
        "audience": ["everyone", "facilitators"],
        "group_size": "large",
        "duration": "day",
        "difficulty": "advanced",
        "contributors": ["BRAL", "Bruxelles en Mouvements"],
        "related": ["World café"],
        "prerequisites": {
            "fr": "Une grande salle, plusieurs espaces d'atelier et un mur pour le programme.",
            "nl": "Een grote zaal, meerdere werkruimtes en een muur voor het programma.",
        },
        "steps": {
            "fr": [
                "Ouverture en cercle et présentation du thème.",
                "Chacun peut proposer un atelier sur la place du marché.",
                "Ateliers en parallèle, compte rendu par atelier.",
                "Clôture en cercle.",
            ],
            "nl": [
                "Opening in een kring en voorstelling van het thema.",
                "Iedereen kan een workshop voorstellen op de marktplaats.",
                "Parallelle workshops, verslag per workshop.",
                "Afsluiting in een kring.",
            ],
        },
    },
    "Rédiger un communiqué de presse": {
        "audience": ["volunteers", "coordinators"],
        "group_size": "individual",
        "duration": "medium",
        "difficulty": "intermediate",
        "contributors": ["Radio Panik"],
        "related": ["Lettre d'information avec des outils libres"],
        "prerequisites": {
            "fr": "Une information nouvelle et une liste de contacts presse.",
            "nl": "Nieuw nieuws en een lijst met perscontacten.",
        },
        "steps": {
            "fr": [
                "Un titre qui dit l'essentiel.",
                "Qui, quoi, où, quand, pourquoi dans le premier paragraphe.",
                "Un contact joignable.",
            ],
            "nl": [
                "Een titel die de kern zegt.",
                "Wie, wat, waar, wanneer, waarom in de eerste alinea.",
                "Een bereikbaar contact.",
            ],
        },
    },
    "Lettre d'information avec des outils libres": {
        "audience": ["volunteers", "coordinators"],
        "group_size": "individual",
        "duration": "half-day",
        "difficulty": "intermediate",
        "contributors": ["Neutrinet", "Nubo"],
        "related": ["Rédiger un communiqué de presse", "Agenda partagé avec un calendrier libre"],
        "prerequisites": {
            "fr": "Un hébergement de messagerie et le consentement des abonnés.",
            "nl": "E-mailhosting en de toestemming van de abonnees.",
        },
        "steps": {
            "fr": [
                "Choisir un logiciel libre de listes de diffusion.",
                "Importer les abonnés consentants.",
                "Préparer un modèle simple.",
            ],
            "nl": [
                "Vrije software voor mailinglijsten kiezen.",
                "De abonnees met toestemming importeren.",
                "Een eenvoudig sjabloon maken.",
            ],
        },
    },
    "Tableau de rôles": {
        "audience": ["coordinators", "volunteers"],
        "group_size": "small",
        "duration": "medium",
        "difficulty": "easy",
        "contributors": ["Communa"],
        "related": ["Accueillir un nouveau bénévole"],
        "prerequisites": {"fr": "La liste des tâches récurrentes.", "nl": "De lijst van terugkerende taken."},
        "steps": {
            "fr": [
                "Lister les rôles.",
                "Nommer une personne et un suppléant par rôle.",
                "Revoir le tableau chaque trimestre.",
            ],
            "nl": [
                "De rollen oplijsten.",
                "Per rol een persoon en een vervanger aanduiden.",
                "Het bord elk kwartaal herzien.",
            ],
        },
    },
    "Accueillir un nouveau bénévole": {
        "audience": ["coordinators", "newcomers"],
        "group_size": "individual",
        "duration": "short",
        "difficulty": "easy",
        "contributors": ["Communa", "Potager collectif de Forest"],
        "related": ["Tableau de rôles"],
        "prerequisites": {
            "fr": "Une page de présentation du collectif.",
            "nl": "Een voorstellingspagina van het collectief.",
        },
        "steps": {
            "fr": ["Un café de bienvenue.", "Un parrain ou une marraine.", "Une première tâche simple et utile."],
            "nl": ["Een welkomstkoffie.", "Een peter of meter.", "Een eerste eenvoudige en nuttige taak."],
        },
    },
    "Budget prévisionnel d'un projet": {
        "audience": ["coordinators", "board"],
        "group_size": "small",
        "duration": "half-day",
        "difficulty": "intermediate",
        "contributors": ["Financité"],
        "related": ["Trouver un subside régional"],
        "prerequisites": {"fr": "Un tableur et les devis reçus.", "nl": "Een rekenblad en de ontvangen offertes."},
        "steps": {
            "fr": [
                "Lister les dépenses par poste.",
                "Lister les recettes attendues.",
                "Prévoir une marge pour l'imprévu.",
            ],
            "nl": [
                "De uitgaven per post oplijsten.",
                "De verwachte inkomsten oplijsten.",
                "Een marge voor onvoorziene kosten voorzien.",
            ],
        },
    },
    "Tenir l'assemblée générale d'une ASBL": {
        "audience": ["board"],
        "group_size": "medium",
        "duration": "half-day",
        "difficulty": "advanced",
        "contributors": ["ConcertES"],
        "related": ["RGPD pour petites associations", "Décision par consentement"],
        "prerequisites": {
            "fr": "Les statuts, la liste des membres et les comptes de l'année.",
            "nl": "De statuten, de ledenlijst en de jaarrekening.",
        },
        "steps": {
            "fr": [
                "Convoquer les membres dans le délai des statuts.",
                "Approuver les comptes et le budget.",
                "Rédiger et déposer le procès-verbal.",
            ],
            "nl": [
                "De leden oproepen binnen de termijn van de statuten.",
                "De rekeningen en de begroting goedkeuren.",
                "Het proces-verbaal opstellen en neerleggen.",
            ],
        },
    },
    "RGPD pour petites associations": {
        "audience": ["board", "coordinators"],
        "group_size": "individual",
        "duration": "half-day",
        "difficulty": "intermediate",
        "contributors": ["Neutrinet"],
        "related": ["Lettre d'information avec des outils libres"],
        "prerequisites": {
            "fr": "Savoir quelles données personnelles le collectif garde.",
            "nl": "Weten welke persoonsgegevens het collectief bijhoudt.",
        },
        "steps": {
            "fr": [
                "Faire le registre des traitements.",
                "Informer les personnes.",
                "Supprimer ce qui n'est plus utile.",
            ],
            "nl": [
                "Het register van verwerkingen opmaken.",
                "De betrokkenen informeren.",
                "Verwijderen wat niet meer nodig is.",
            ],
        },
    },
    "Trouver un subside régional": {
        "audience": ["coordinators", "board"],
        "group_size": "individual",
        "duration": "day",
        "difficulty": "advanced",
        "contributors": ["Financité", "ConcertES"],
        "related": ["Budget prévisionnel d'un projet"],
        "prerequisites": {
            "fr": "Un budget prévisionnel et les statuts à jour.",
            "nl": "Een begroting en bijgewerkte statuten.",
        },
        "steps": {
            "fr": ["Repérer les appels à projets.", "Vérifier les critères.", "Rédiger le dossier et le faire relire."],
            "nl": ["Projectoproepen opsporen.", "De criteria nagaan.", "Het dossier schrijven en laten nalezen."],
        },
    },
    "Agenda partagé avec un calendrier libre": {
        "audience": ["volunteers", "coordinators"],
        "group_size": "small",
        "duration": "medium",
        "difficulty": "easy",
        "contributors": ["Nubo", "Neutrinet"],
        "related": ["Carte collaborative de son quartier"],
        "prerequisites": {
            "fr": "Un serveur CalDAV (chez un hébergeur associatif).",
            "nl": "Een CalDAV-server (bij een verenigingshost).",
        },
        "steps": {
            "fr": ["Créer un calendrier partagé.", "Donner les droits aux membres.", "Publier le flux iCalendar."],
            "nl": ["Een gedeelde kalender maken.", "Rechten geven aan de leden.", "De iCalendar-feed publiceren."],
        },
    },
    "Carte collaborative de son quartier": {
        "audience": ["everyone", "volunteers"],
        "group_size": "medium",
        "duration": "ongoing",
        "difficulty": "intermediate",
        "contributors": ["Petites Singularités", "Bruxelles en Mouvements"],
        "related": ["Agenda partagé avec un calendrier libre"],
        "prerequisites": {
            "fr": "Une liste de lieux et un outil de carte libre.",
            "nl": "Een lijst van plekken en een vrije kaarttool.",
        },
        "steps": {
            "fr": [
                "Choisir les catégories.",
                "Organiser une balade de repérage.",
                "Vérifier les fiches une fois par an.",
            ],
            "nl": [
                "De categorieën kiezen.",
                "Een verkenningswandeling organiseren.",
                "De fiches jaarlijks controleren.",
            ],
        },
    },
}

# Extra themes of tools and items besides their main one.
EXTRA_THEMES = {
    "Lettre d'information avec des outils libres": ["digital-tools"],
    "Tenir l'assemblée générale d'une ASBL": ["organisation"],
    "Budget prévisionnel d'un projet": ["funding"],
}

# Details of the knowledge items of the shared demo data, by French title prefix, and items of this app's own.
KNOWLEDGE_DETAILS = {
    "Cahier de synthèse 1": {
        "date": (2018, 6),
        "themes": ["organisation", "collective-intelligence"],
        "authors": {"alternatives": ["Réseau Transition"], "people": ["Équipe de recherche In Common"]},
        "abstract": {
            "fr": "Comment la mise en commun de ressources permet aux alternatives bruxelloises de grandir sans perdre leur âme.",
            "nl": "Hoe het delen van middelen Brusselse alternatieven laat groeien zonder hun ziel te verliezen.",
        },
        "pdf": {
            "title": "Cahier de synthèse 1 (PDF)",
            "lines": [
                "Cahier de synthèse 1 : la mutualisation comme trajectoire de mise à l'échelle",
                "Les collectifs interrogés partagent déjà une camionnette, une comptabilité et une photocopieuse.",
                "Mettre en commun, c'est d'abord se connaître : cartographier qui possède quoi.",
                "Recommandation : un inventaire partagé des ressources, tenu à jour par les collectifs eux-mêmes.",
            ],
        },
    },
    "Cahier de synthèse 2": {
        "date": (2018, 11),
        "themes": ["funding", "management"],
        "authors": {"alternatives": ["Réseau Transition", "ConcertES"], "people": []},
        "abstract": {
            "fr": "Temps bénévole, locaux, financements : un état des lieux des ressources qui manquent aux initiatives de transition.",
            "nl": "Vrijwilligerstijd, lokalen, financiering: een stand van zaken van de middelen die transitie-initiatieven missen.",
        },
    },
    "Cahier de synthèse 3": {
        "date": (2019, 3),
        "themes": ["organisation", "management"],
        "authors": {"alternatives": ["Réseau Transition"], "people": ["Équipe de recherche In Common"]},
        "abstract": {
            "fr": "Méthodes et conditions pour co-construire des mutualisations durables entre collectifs.",
            "nl": "Methodes en voorwaarden om samen duurzame gedeelde middelen op te bouwen tussen collectieven.",
        },
    },
    "Récit : le living lab Bota 75": {
        "date": (2019, 5),
        "themes": ["collective-intelligence", "group-dynamics"],
        "authors": {"alternatives": ["Bota 75"], "people": []},
        "abstract": {
            "fr": "Récit d'une occupation temporaire devenue laboratoire de vie collective.",
            "nl": "Verhaal van een tijdelijke bezetting die een labo voor samenleven werd.",
        },
    },
    "Récit : la carte des transitions": {
        "date": (2019, 9),
        "themes": ["digital-tools", "communication"],
        "authors": {"alternatives": ["Petites Singularités", "Réseau Transition"], "people": []},
        "abstract": {
            "fr": "Comment une base de données mutualisée des alternatives est née, et ce qu'elle demande comme soin.",
            "nl": "Hoe een gedeelde databank van de alternatieven ontstond, en welke zorg ze vraagt.",
        },
    },
    "Questionnaire lieu fédérateur": {
        "date": (2019, 12),
        "language": "mul",
        "themes": ["organisation"],
        "authors": {"alternatives": ["Réseau Transition"], "people": []},
        "abstract": {
            "fr": "Réponses agrégées de 64 collectifs sur leurs besoins d'un lieu commun.",
            "nl": "Geaggregeerde antwoorden van 64 collectieven over hun behoefte aan een gedeelde plek.",
        },
        "csv": {
            "title": "Réponses agrégées (CSV)",
            "licence": "ODbL-1.0",
            "content": "besoin;collectifs\nsalle de réunion;41\nstockage;29\ncuisine partagée;18\natelier;15\n",
        },
    },
    "Évaluer son impact social": {
        "date": (2020, 4),
        "themes": ["management", "funding"],
        "authors": {"alternatives": ["ConcertES"], "people": ["Claire Dubois"]},
        "abstract": {
            "fr": "Un guide pas à pas pour choisir ses indicateurs et raconter son impact.",
            "nl": "Een stapsgewijze gids om indicatoren te kiezen en je impact te vertellen.",
        },
    },
    "Note de synthèse : l'émergence": {
        "date": (2020, 10),
        "themes": ["group-dynamics", "communication"],
        "authors": {"alternatives": [], "people": ["Équipe de recherche In Common"]},
        "abstract": {
            "fr": "Ce qui rassemble des collectifs très différents : valeurs, récits et pratiques communes.",
            "nl": "Wat heel verschillende collectieven samenbrengt: waarden, verhalen en gedeelde praktijken.",
        },
    },
}

OWN_KNOWLEDGE = [
    {
        "type": "training",
        "date": (2021, 2),
        "language": "fr",
        "title": {
            "fr": "Kit de formation : animer une réunion horizontale",
            "nl": "Vormingskit: een horizontale vergadering leiden",
        },
        "themes": ["group-dynamics", "collective-intelligence"],
        "authors": {"alternatives": ["Réseau Transition", "Communa"], "people": []},
        "abstract": {
            "fr": "Supports de formation de deux jours : rôles de réunion, tours de parole, gestion des tensions.",
            "nl": "Vormingsmateriaal voor twee dagen: vergaderrollen, spreekbeurten, omgaan met spanningen.",
        },
        "pdf": {
            "title": "Kit de formation réunion horizontale (PDF)",
            "lines": [
                "Jour 1 : les rôles de réunion (facilitation, gardien du temps, secrétaire).",
                "Exercice du bâton de parole et tour de clôture.",
                "Jour 2 : accueillir les tensions et les transformer en propositions.",
            ],
        },
    },
    {
        "type": "study",
        "date": (2022, 6),
        "language": "nl",
        "title": {
            "fr": "Étude : les épiceries solidaires face à l'inflation",
            "nl": "Studie: solidaire kruideniers en de inflatie",
        },
        "themes": ["management", "funding"],
        "authors": {"alternatives": ["Épicerie sociale du Midi", "Financité"], "people": ["Jan Peeters"]},
        "abstract": {
            "fr": "Enquête auprès de douze épiceries solidaires bruxelloises sur leurs prix et leurs approvisionnements.",
            "nl": "Onderzoek bij twaalf Brusselse solidaire kruideniers naar hun prijzen en bevoorrading.",
        },
    },
    {
        "type": "research-data",
        "date": (2023, 1),
        "language": "en",
        "title": {
            "fr": "Données : inventaire des salles partagées à Bruxelles",
            "nl": "Gegevens: inventaris van gedeelde zalen in Brussel",
        },
        "themes": ["organisation", "digital-tools"],
        "authors": {"alternatives": ["Communa"], "people": []},
        "abstract": {
            "fr": "Jeu de données ouvert des salles que les collectifs prêtent ou louent, avec capacité et accessibilité.",
            "nl": "Open dataset van zalen die collectieven uitlenen of verhuren, met capaciteit en toegankelijkheid.",
        },
        "csv": {
            "title": "Inventaire des salles (CSV)",
            "licence": "ODbL-1.0",
            "content": "room;commune;capacity;wheelchair\nSalle polyvalente;Saint-Gilles;60;yes\nAtelier;Forest;20;no\n",
        },
    },
]


def _themes(ctx_themes, slugs, code):
    return [ctx_themes[slug][code] for slug in slugs if slug in ctx_themes]


def load_themes(ctx):
    themes = {}
    fr, nl = locale("fr"), locale("nl")
    for order, (slug, names) in enumerate(ctx.data["tool_themes"].items()):
        source, _created = ToolTheme.objects.get_or_create(
            slug=slug, locale=fr, defaults={"name": names["fr"], "sort_order": order}
        )
        translated = source.get_translation_or_none(nl)
        if translated is None:
            translated = source.copy_for_translation(nl)
            translated.name = names["nl"]
            translated.save()
        themes[slug] = {"fr": source, "nl": translated}
    ctx.shared["tool_themes"] = themes
    return themes


def _steps_body(steps, heading):
    return [
        {
            "type": "steps",
            "value": {"heading": heading, "steps": [{"title": step, "text": "", "duration": ""} for step in steps]},
        }
    ]


def _profile(ctx, name):
    return ctx.shared.get("profiles", {}).get(name, {}).get("fr")


def load_tools(ctx, themes):
    index = translated_page(
        ctx.homes["fr"],
        ToolboxIndexPage,
        {"fr": "boite-a-outils", "nl": "gereedschapskist", "en": "toolbox"},
        {"fr": "Boîte à outils", "nl": "Gereedschapskist", "en": "Toolbox"},
        {
            "fr": {
                "intro": "<p>Des fiches pratiques pour gagner du temps : animer, décider, financer, communiquer.</p>"
            },
            "nl": {
                "intro": "<p>Praktische fiches om tijd te winnen: faciliteren, beslissen, financieren, communiceren.</p>"
            },
            "en": {"intro": "<p>Practical sheets to save time: facilitating, deciding, funding, communicating.</p>"},
        },
        languages=("fr", "nl", "en"),
    )
    headings = {"fr": "Étapes", "nl": "Stappen"}
    tools = {}
    for item in ctx.data["tools"]:
        title = item["title"]
        details = TOOL_DETAILS[title["fr"]]
        slugs = [item["theme"], *EXTRA_THEMES.get(title["fr"], [])]
        common = {key: details[key] for key in ("audience", "group_size", "duration", "difficulty")}
        fields = {
            code: {
                **common,
                "summary": item["summary"][code],
                "prerequisites": details["prerequisites"][code],
                "body": _steps_body(details["steps"][code], headings[code]),
                "themes": _themes(themes, slugs, code),
            }
            for code in ("fr", "nl")
        }
        contributors = [_profile(ctx, name) for name in details["contributors"]]
        fields["fr"]["contributors"] = [ToolContributor(alternative=page) for page in contributors if page]
        tools[title["fr"]] = translated_page(
            index["fr"], ToolPage, {"fr": slugify(title["fr"]), "nl": slugify(title["nl"])}, title, fields
        )
    for title, pages in tools.items():
        source = pages["fr"]
        if source.related_tool_links.exists():
            continue
        wanted = [tools[other]["fr"] for other in TOOL_DETAILS[title]["related"] if other in tools]
        for page in pages.values():
            page.related_tool_links = [ToolRelatedTool(tool=tool) for tool in wanted]
            page.save_revision(log_action=False).publish(log_action=False)
    ctx.shared["toolbox_index"] = index
    ctx.shared["tools"] = tools
    return tools


def _document(title, filename, content):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(filename, ContentFile(content), save=False)
        document.save()
    return document


def _attachments(details):
    attachments = []
    if "pdf" in details:
        pdf = details["pdf"]
        document = _document(pdf["title"], slugify(pdf["title"]) + ".pdf", simple_pdf(pdf["lines"], pdf["title"]))
        attachments.append(KnowledgeAttachment(document=document, licence="CC-BY-SA-4.0"))
    if "csv" in details:
        csv = details["csv"]
        document = _document(csv["title"], slugify(csv["title"]) + ".csv", csv["content"].encode("utf-8"))
        attachments.append(KnowledgeAttachment(document=document, licence=csv["licence"]))
    return attachments


def _knowledge_item(ctx, index, themes, item, details):
    year, month = details["date"]
    year = item.get("year", year)
    authors = [KnowledgeAuthor(name=name) for name in details["authors"]["people"]]
    authors += [
        KnowledgeAuthor(alternative=page)
        for page in (_profile(ctx, name) for name in details["authors"]["alternatives"])
        if page
    ]
    common = {
        "item_type": item["type"],
        "date": datetime.date(year, month, 1),
        "language": details.get("language", item.get("language", "fr")),
    }
    fields = {
        code: {**common, "abstract": details["abstract"][code], "themes": _themes(themes, details["themes"], code)}
        for code in ("fr", "nl")
    }
    fields["fr"].update({"authors": authors, "attachments": _attachments(details)})
    title = item["title"]
    slugs = {code: slugify(title[code])[:80] for code in ("fr", "nl")}
    source = child_page(index["fr"], KnowledgeItemPage, slugs["fr"], title=title["fr"], **fields["fr"])
    return {"fr": source, "nl": translation(source, "nl", title=title["nl"], slug=slugs["nl"], **fields["nl"])}


def load_knowledge(ctx, themes):
    index = translated_page(
        ctx.homes["fr"],
        KnowledgeIndexPage,
        {"fr": "savoirs", "nl": "kennis", "en": "knowledge"},
        {"fr": "Savoirs partagés", "nl": "Gedeelde kennis", "en": "Shared knowledge"},
        {
            "fr": {"intro": "<p>Publications, études, données et récits produits par et pour les alternatives.</p>"},
            "nl": {"intro": "<p>Publicaties, studies, gegevens en verhalen door en voor de alternatieven.</p>"},
            "en": {"intro": "<p>Publications, studies, data and stories by and for the alternatives.</p>"},
        },
        languages=("fr", "nl", "en"),
    )
    items = {}
    for item in ctx.data["knowledge"]:
        details = next(value for prefix, value in KNOWLEDGE_DETAILS.items() if item["title"]["fr"].startswith(prefix))
        items[item["title"]["fr"]] = _knowledge_item(ctx, index, themes, item, details)
    for item in OWN_KNOWLEDGE:
        items[item["title"]["fr"]] = _knowledge_item(ctx, index, themes, item, item)
    ctx.shared["knowledge_index"] = index
    ctx.shared["knowledge_items"] = items
    return items


def load(ctx):
    themes = load_themes(ctx)
    tools = load_tools(ctx, themes)
    items = load_knowledge(ctx, themes)
    ctx.log(f"  toolbox: {len(tools)} tool sheets, {len(items)} knowledge items, in French and Dutch")
