import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task

from incommon_cms.core.roles import is_moderator
from incommon_cms.directory.fields import ChoiceListField

from . import log


class Membership(models.Model):
    """A user's role in a collective (a directory profile)."""

    EDITOR = "editor"
    ADMIN = "admin"
    ROLE_CHOICES = [(EDITOR, _("Editor")), (ADMIN, _("Administrator"))]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    profile = models.ForeignKey(
        "directory.ProfilePage", on_delete=models.CASCADE, related_name="memberships", verbose_name=_("collective")
    )
    role = models.CharField(_("role"), max_length=10, choices=ROLE_CHOICES, default=EDITOR)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "profile"], name="unique_membership")]

    def __str__(self):
        return f"{self.user} – {self.profile} ({self.get_role_display()})"


class Decision(models.Model):
    """An entry of the public decision log: who decided what, when, for which collective, and why.

    Only public information is stored: titles and URLs as they were at decision time, never private field values.
    """

    # The governance's own verbs (`governance.log`); the other apps register theirs from their ready().
    APPROVE = log.APPROVE
    REJECT = log.REJECT
    AUTO_APPROVE = log.AUTO_APPROVE
    CLAIM_ACCEPT = log.CLAIM_ACCEPT
    CLAIM_REFUSE = log.CLAIM_REFUSE
    REPORT_RESOLVE = log.REPORT_RESOLVE
    REPORT_DISMISS = log.REPORT_DISMISS
    ROLE_CHANGE = log.ROLE_CHANGE
    MEMBER_REMOVE = log.MEMBER_REMOVE
    IMPORT = log.IMPORT
    MEMBER_JOIN = log.MEMBER_JOIN
    EMERGENCY_PUBLISH = log.EMERGENCY_PUBLISH
    EMERGENCY_UNPUBLISH = log.EMERGENCY_UNPUBLISH

    action = models.CharField(_("decision"), max_length=log.MAX_LENGTH, choices=log.verb_choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    actor_name = models.CharField(_("decided by"), max_length=150, blank=True)
    actor_collectives = models.CharField(_("collectives of the decider"), max_length=500, blank=True)
    profile = models.ForeignKey(
        "directory.ProfilePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        verbose_name=_("collective concerned"),
    )
    target_title = models.CharField(_("concerning"), max_length=255, blank=True)
    target_url = models.CharField(max_length=500, blank=True)
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return f"{self.get_action_display()} – {self.target_title}"


MINOR_FIELD_CHOICES = [
    ("opening_hours", _("opening hours")),
    ("phone", _("phone")),
    ("email", _("e-mail")),
    ("website", _("website")),
    ("social_links", _("social networks")),
    ("languages", _("languages spoken")),
    ("short_description", _("short description")),
    ("last_verified", _("last verified")),
    ("booking_contact", _("booking contact")),
    ("price_details", _("price details")),
]


class CoGovernanceTask(Task):
    """Approval by moderators of several collectives, none of them a member of the collective being edited.

    The rules themselves live in `governance.moderation`; this model only holds their configuration.
    """

    required_approvals = models.PositiveSmallIntegerField(
        _("approvals needed"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("How many moderators must approve a change."),
    )
    distinct_collectives = models.BooleanField(
        _("approvers from at least two collectives"),
        default=True,
        help_text=_(
            "Approvals count only if the moderators who give them belong to at least two different collectives."
        ),
    )
    minor_fields = ChoiceListField(
        verbose_name=_("minor edits approved automatically"),
        item_choices=MINOR_FIELD_CHOICES,
        help_text=_(
            "A change touching only these fields is published at once (and logged). Leave empty to review every change."
        ),
    )

    admin_form_fields = [*Task.admin_form_fields, "required_approvals", "distinct_collectives", "minor_fields"]

    class Meta:
        verbose_name = _("co-governance approval")
        verbose_name_plural = _("co-governance approvals")

    @classmethod
    def get_description(cls):
        return _("Moderators of several collectives approve; nobody approves their own collective's changes.")

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        from .moderation import auto_approve_if_minor

        auto_approve_if_minor(self, task_state, user)
        return task_state

    def user_can_access_editor(self, obj, user):
        return is_moderator(user)

    def locked_for_user(self, obj, user):
        from .roles import can_edit_profile

        return not (is_moderator(user) or can_edit_profile(user, obj))

    def get_actions(self, obj, user):
        from .moderation import can_vote

        if not can_vote(self, obj, user, task_state=getattr(obj, "current_workflow_task_state", None)):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve"), False),
            ("approve", _("Approve with comment"), True),
        ]

    def get_form_for_action(self, action):
        from .forms import ApproveForm, RejectForm

        return RejectForm if action == "reject" else ApproveForm

    def on_action(self, task_state, user, action_name, **kwargs):
        from .moderation import approve, reject

        if action_name == "approve":
            approve(task_state, user, comment=kwargs.get("comment", ""))
        elif action_name == "reject":
            reject(task_state, user, comment=kwargs.get("comment", ""))

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from .moderation import task_states_for_moderator

        return task_states_for_moderator(self, user)


class BaseVote(models.Model):
    """A moderator's approval or rejection, with the collectives they belonged to when voting (what the quorum rule,
    `moderation.tally`, counts). Concrete votes say what they are about and who voted."""

    APPROVE = "approve"
    REJECT = "reject"
    CHOICES = [(APPROVE, _("Approved")), (REJECT, _("Requested changes"))]

    vote = models.CharField(_("vote"), max_length=10, choices=CHOICES)
    collective_keys = models.JSONField(default=list, blank=True)
    collectives = models.CharField(_("collectives"), max_length=500, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]
        verbose_name = _("moderation vote")
        verbose_name_plural = _("moderation votes")

    def __str__(self):
        return f"{self.user} – {self.get_vote_display()}"


class Vote(BaseVote):
    """One moderator's vote on one revision of a page (a task state)."""

    task_state = models.ForeignKey("wagtailcore.TaskState", on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_votes")

    class Meta(BaseVote.Meta):
        constraints = [models.UniqueConstraint(fields=["task_state", "user"], name="one_vote_per_moderator")]


def _token():
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An invitation by e-mail to join a collective; accepted after logging in or signing up."""

    profile = models.ForeignKey(
        "directory.ProfilePage", on_delete=models.CASCADE, related_name="invitations", verbose_name=_("collective")
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=10, choices=Membership.ROLE_CHOICES, default=Membership.EDITOR)
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    VALID_DAYS = 14

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.profile}"

    @property
    def is_expired(self):
        return self.created_at < timezone.now() - timedelta(days=self.VALID_DAYS)

    @property
    def is_open(self):
        return self.accepted_at is None and not self.is_expired


class Claim(models.Model):
    """A request by a signed-in user to manage a profile that has no members yet."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    STATUS_CHOICES = [(PENDING, _("Pending")), (ACCEPTED, _("Accepted")), (REFUSED, _("Refused"))]

    profile = models.ForeignKey(
        "directory.ProfilePage", on_delete=models.CASCADE, related_name="claims", verbose_name=_("collective")
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="claims")
    message = models.TextField(_("how are you linked to this organisation?"))
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=PENDING, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")

    def __str__(self):
        return f"{self.user} → {self.profile}"


class Report(models.Model):
    """A report of an error or abuse on a page, by anyone; handled by moderators."""

    ERROR = "error"
    ABUSE = "abuse"
    KIND_CHOICES = [(ERROR, _("An error or outdated information")), (ABUSE, _("Abuse or content against the charter"))]
    OPEN = "open"
    RESOLVED = "resolved"
    DISMISSED = "dismissed"
    STATUS_CHOICES = [(OPEN, _("Open")), (RESOLVED, _("Resolved")), (DISMISSED, _("Dismissed"))]

    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("page")
    )
    url = models.CharField(_("address"), max_length=500, blank=True)
    kind = models.CharField(_("what is wrong?"), max_length=10, choices=KIND_CHOICES, default=ERROR)
    message = models.TextField(_("details"))
    email = models.EmailField(_("your e-mail (optional)"), blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=OPEN, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self):
        return f"{self.get_kind_display()} – {self.page or self.url}"
