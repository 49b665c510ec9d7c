"""Demo governance: collectives with their members, moderators in distinct collectives, the co-governance workflow,
a pending change, decisions in the log (approval, rejection, automatic approval), a claim and a report."""

from wagtail.models import WorkflowState

from .models import Claim, Decision, Membership, Report

ORDER = 20

# (user key, collective name, role)
MEMBERSHIPS = [
    ("member_1", "Communa", Membership.ADMIN),
    ("member_2", "BRAL", Membership.ADMIN),
    ("member_3", "Communa", Membership.EDITOR),
    ("member_3", "Potager collectif de Forest", Membership.ADMIN),
    ("member_4", "Neutrinet", Membership.ADMIN),
    ("moderator_1", "Réseau Transition", Membership.ADMIN),
    ("moderator_2", "Financité", Membership.EDITOR),
    ("moderator_3", "ConcertES", Membership.EDITOR),
]


def _submit(page, user, **changes):
    from .submissions import submit_revision

    draft = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    return submit_revision(draft, user)


def _seed_log(ctx, profiles, task):
    from .moderation import approve, reject

    users = ctx.users
    # An approved change: two moderators of two other collectives.
    state = _submit(
        profiles["BRAL"]["fr"],
        users["member_2"],
        short_description="Mouvement urbain pour une ville durable, ouverte et solidaire.",
    )
    approve(state.current_task_state, users["moderator_1"], comment="Vérifié sur le site de BRAL.")
    approve(state.current_task_state, users["moderator_3"])
    # A rejected change, with its reason.
    state = _submit(profiles["Neutrinet"]["fr"], users["member_4"], website="http://neutrinet.invalid")
    reject(state.current_task_state, users["moderator_2"], comment="Het nieuwe adres werkt niet: graag nakijken.")
    # A minor change published at once.
    task.minor_fields = ["opening_hours", "phone"]
    task.save(update_fields=["minor_fields"])
    _submit(profiles["Potager collectif de Forest"]["fr"], users["member_3"], opening_hours="Samedi 10h–13h")


def load(ctx):
    from .workflows import default_workflow, ensure_default_workflow

    profiles = ctx.shared.get("profiles", {})
    count = 0
    for user_key, name, role in MEMBERSHIPS:
        if name not in profiles:
            continue
        _, created = Membership.objects.get_or_create(
            user=ctx.users[user_key], profile=profiles[name]["fr"], defaults={"role": role}
        )
        count += created
    ensure_default_workflow()
    task = default_workflow().tasks.first().specific
    needed = {"BRAL", "Neutrinet", "Potager collectif de Forest", "Communa", "Radio Panik", "Repair Café Schaerbeek"}
    if needed <= set(profiles) and not Decision.objects.filter(action=Decision.APPROVE).exists():
        _seed_log(ctx, profiles, task)
    communa = profiles.get("Communa", {}).get("fr")
    if communa is not None and not WorkflowState.objects.active().filter(object_id=str(communa.pk)).exists():
        moved = {}
        if communa.latitude is not None and communa.longitude is not None:
            # About 150 m to the north-east: the diff says so in words, with the address.
            latitude, longitude = communa.latitude + 0.00095, communa.longitude + 0.0015
            moved = {"location": f"SRID=4326;POINT({longitude:.6f} {latitude:.6f})"}
        _submit(
            communa,
            ctx.users["member_1"],
            description=(
                "<p>Communa ouvre des bâtiments vides à des projets citoyens et à du logement temporaire.</p>"
                "<p>L&#x27;asbl cherche des bénévoles « bricoleurs » &amp; des juristes : écrivez-nous !</p>"
            ),
            opening_hours="Du lundi au vendredi, 9h–17h",
            **moved,
        )
    radio = profiles.get("Radio Panik", {}).get("fr")
    if radio is not None and not Claim.objects.filter(profile=radio).exists():
        Claim.objects.create(
            profile=radio, user=ctx.users["member_4"], message="Je suis bénévole à la programmation depuis 2019."
        )
    repair = profiles.get("Repair Café Schaerbeek", {}).get("fr")
    if repair is not None and not Report.objects.filter(page=repair.page_ptr).exists():
        Report.objects.create(
            page=repair.page_ptr,
            url=repair.url or "",
            kind=Report.ERROR,
            message="Le Repair Café a déménagé : la nouvelle adresse est rue Josaphat.",
        )
    ctx.log(
        f"  governance: {Membership.objects.count()} memberships, {Decision.objects.count()} decisions, "
        f"{Claim.objects.count()} claims, {Report.objects.count()} reports"
    )
