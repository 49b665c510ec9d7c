"""`urlpatterns` are mounted at the site root; `localized_urlpatterns` under the language prefix."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
    path("agenda/feed.ics", views.feed, name="agenda_feed"),
    path("agenda/feed/organiser/<int:pk>.ics", views.organiser_feed, name="agenda_organiser_feed"),
    path("agenda/feed/category/<slug:slug>.ics", views.category_feed, name="agenda_category_feed"),
    path("agenda/events/<int:pk>.ics", views.event_ics, name="agenda_event_ics"),
    path("agenda/events.geojson", views.geojson, name="agenda_geojson"),
]
localized_urlpatterns = [
    path(_("agenda/new-event/"), views.submit_event, name="agenda_submit"),
    path(_("agenda/propose-an-event/"), views.propose_event, name="agenda_propose"),
    path(_("agenda/confirm/<str:token>/"), views.confirm_proposal_view, name="agenda_confirm"),
]
