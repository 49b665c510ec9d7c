"""`urlpatterns` are mounted at the site root; `localized_urlpatterns` under the language prefix."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "governance"

governance_patterns = [
    path(_("governance/"), views.overview, name="overview"),
    path(_("governance/log/"), views.decision_log, name="log"),
    path(_("governance/report/"), views.report, name="report"),
    path(_("governance/my-collectives/"), views.my_collectives, name="my_collectives"),
    path(_("governance/moderation/"), views.moderation_queue, name="queue"),
    path(_("governance/moderation/claim/<int:pk>/"), views.decide, {"kind": "claim"}, name="decide_claim"),
    path(_("governance/moderation/report/<int:pk>/"), views.decide, {"kind": "report"}, name="decide_report"),
    path(_("governance/moderation/change/<int:pk>/"), views.vote, name="vote"),
    path(_("governance/profile/new/"), views.new_profile, name="new_profile"),
    path(_("governance/profile/<int:page_id>/edit/"), views.edit_profile, name="edit_profile"),
    path(_("governance/profile/<int:page_id>/members/"), views.members, name="members"),
    path(_("governance/profile/<int:page_id>/claim/"), views.claim, name="claim"),
    path(_("governance/invitation/<str:token>/"), views.accept_invitation, name="accept_invitation"),
]

urlpatterns = []
localized_urlpatterns = [path("", include((governance_patterns, app_name)))]
