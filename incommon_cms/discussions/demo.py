"""Demo content of the discussions: the topic space in fr/nl/en, topics, and threads with replies."""

from incommon_cms.core.demo_utils import child_page, translated_page

from . import moderation
from .models import Comment, TopicIndexPage, TopicPage
from .threads import comments_of

ORDER = 50

INDEX = {
    "slugs": {"fr": "espace-de-partage", "nl": "uitwisselingsruimte", "en": "sharing-space"},
    "titles": {"fr": "Espace de partage", "nl": "Uitwisselingsruimte", "en": "Sharing space"},
    "intros": {
        "fr": "<p>Questions, retours d'expérience, offres et demandes entre collectifs bruxellois.</p>",
        "nl": "<p>Vragen, ervaringen, aanbod en verzoeken tussen Brusselse collectieven.</p>",
        "en": "<p>Questions, experiences, offers and requests between Brussels collectives.</p>",
    },
}

# (language, slug, title, type, theme slug, author key, body, [(author key, text, [(author key, reply)])])
TOPICS = [
    (
        "fr",
        "camionnette-a-partager",
        "Qui partage une camionnette pour les déménagements de matériel ?",
        TopicPage.REQUEST,
        "mobility",
        "member_1",
        "Nous devons déplacer des **tables et des bancs** deux fois par mois. Une autre asbl aurait-elle une "
        "camionnette à partager ? Nous participons aux frais.",
        [
            (
                "member_2",
                "Nous en avons une, libre la plupart des *mardis*. Écrivez-nous via notre fiche.",
                [("member_1", "Parfait, merci ! Je vous écris cette semaine.")],
            ),
            ("member_4", "Sinon, la coopérative de voitures partagées loue aussi des utilitaires.", []),
        ],
    ),
    (
        "fr",
        "outils-gestion-benevoles",
        "Quels outils libres pour gérer les plannings de bénévoles ?",
        TopicPage.QUESTION,
        "digital-commons",
        "member_4",
        "Nous cherchons un outil **libre** pour les plannings de permanences. Vos expériences ?\n\n"
        "- simple sur téléphone\n- sans compte obligatoire pour les bénévoles",
        [
            (
                "moderator_1",
                "Nous utilisons un simple tableur partagé sur notre propre Nextcloud : suffisant jusqu'à 30 personnes.",
                [("member_3", "Pareil chez nous, avec un rappel automatique par e-mail.", [])],
            ),
        ],
    ),
    (
        "fr",
        "retour-assemblee-sociocratique",
        "Retour d'expérience : notre première assemblée en sociocratie",
        TopicPage.EXPERIENCE,
        "solidarity",
        "member_3",
        "Nous avons testé l'élection sans candidat. Ce qui a marché : le tour de parole. Ce qui a coincé : le temps.",
        [],
    ),
    (
        "nl",
        "zaal-te-huur-voor-workshops",
        "Zaal beschikbaar voor workshops op zaterdag",
        TopicPage.OFFER,
        "culture",
        "member_2",
        "Onze zaal (30 personen) is vrij op **zaterdagnamiddag**. Solidaire prijs voor verenigingen.",
        [
            (
                "moderator_2",
                "Goed om te weten! Is de zaal toegankelijk met een rolstoel?",
                [("member_2", "Ja, gelijkvloers en met aangepast sanitair.")],
            ),
        ],
    ),
    (
        "nl",
        "ervaring-buurtcompost",
        "Ervaring met een buurtcompost opstarten",
        TopicPage.EXPERIENCE,
        "environment",
        "member_3",
        "Na een jaar draaien we met 40 gezinnen. Tips: duidelijke afspraken en een vaste beurtrol.",
        [],
    ),
]

# (profile name, [(author key, text, [(author key, reply)])])
PROFILE_THREADS = [
    (
        "Communa",
        [
            (
                "member_2",
                "Merci pour l'accueil lors de la journée portes ouvertes, très inspirant !",
                [("member_1", "Avec plaisir, revenez quand vous voulez.")],
            ),
            ("translator", "Est-ce que vous cherchez encore des bénévoles pour le chantier de printemps ?", []),
        ],
    ),
    (
        "BRAL",
        [
            (
                "member_4",
                "Goed dossier over de mobiliteit in de Vijfhoek. Komt er nog een infoavond?",
                [("member_2", "Ja, in het voorjaar. De datum staat binnenkort in de agenda.")],
            ),
        ],
    ),
]


def _thread(target, comments, users):
    """Post each comment and its replies once: comments already in the thread are left alone."""
    existing = set(comments_of(target).values_list("user_id", "comment"))
    count = 0
    for author, text, replies in comments:
        if (users[author].pk, text) in existing:
            parent = comments_of(target).filter(user=users[author], comment=text).first()
        else:
            parent = moderation.post_comment(user=users[author], target=target, text=text, follow=False)
            count += 1
        for reply in replies:
            reply_author, reply_text = reply[0], reply[1]
            if (users[reply_author].pk, reply_text) in existing or not parent.is_public:
                continue
            moderation.post_comment(
                user=users[reply_author], target=target, text=reply_text, parent=Comment.objects.get(pk=parent.pk)
            )
            count += 1
    return count


def load(ctx):
    index_pages = translated_page(
        ctx.homes["fr"],
        TopicIndexPage,
        INDEX["slugs"],
        INDEX["titles"],
        {code: {"intro": intro} for code, intro in INDEX["intros"].items()},
        languages=("fr", "nl", "en"),
    )
    ctx.shared["topic_index"] = index_pages
    categories = ctx.shared.get("categories", {})
    users = ctx.users
    created = 0
    for language, slug, title, topic_type, theme, author, body, comments in TOPICS:
        topic = child_page(
            index_pages[language],
            TopicPage,
            slug,
            title=title,
            topic_type=topic_type,
            theme=categories.get(theme, {}).get(language),
            body=body,
            author=users.get(author),
        )
        created += _thread(topic, comments, users)
    profiles = ctx.shared.get("profiles", {})
    for name, comments in PROFILE_THREADS:
        if name in profiles:
            created += _thread(profiles[name]["fr"], comments, users)
    ctx.log(f"  discussions: {TopicPage.objects.count()} topics, {created} new comments")
