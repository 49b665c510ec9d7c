"""`urlpatterns` are mounted at the site root; `localized_urlpatterns` under the language prefix."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "sharing"

sharing_patterns = [
    path(_("sharing/"), views.board_view, name="board"),
    path(_("sharing/new/"), views.listing_edit, name="listing_new"),
    path(_("sharing/mine/"), views.mine, name="mine"),
    path(_("sharing/<int:pk>/"), views.listing_view, name="listing"),
    path(_("sharing/<int:pk>/edit/"), views.listing_edit, name="listing_edit"),
    path(_("sharing/<int:pk>/close/"), views.listing_close, name="listing_close"),
    path(_("sharing/<int:pk>/renew/"), views.listing_renew, name="listing_renew"),
    path(_("sharing/<int:pk>/answer/"), views.listing_answer, name="listing_answer"),
    path(_("sharing/answers/<int:pk>/reply/"), views.answer_reply, name="answer_reply"),
    path(_("sharing/moderation/<str:kind>/<int:pk>/"), views.moderate, name="moderate"),
    path(_("sharing/rooms/"), views.room_search, name="rooms"),
    path(_("sharing/rooms/<int:pk>/"), views.room_view, name="room"),
    path(_("sharing/rooms/<int:pk>/edit/"), views.room_edit, name="room_edit"),
    path(_("sharing/rooms/<int:pk>/book/"), views.room_book, name="room_book"),
    path(_("sharing/places/<int:place_id>/new-room/"), views.room_edit, name="room_new"),
    path(_("sharing/bookings/<int:pk>/<str:action>/"), views.booking_decide, name="booking_decide"),
    path(_("sharing/skills/"), views.skills_directory, name="skills"),
    path(_("sharing/skills/mine/"), views.my_skills, name="my_skills"),
    path(_("sharing/skills/mine/delete/"), views.delete_skills, name="delete_skills"),
]

urlpatterns = [
    path("sharing/rooms/<int:pk>/<str:token>.ics", views.room_calendar, name="sharing_room_calendar"),
]
localized_urlpatterns = [path("", include((sharing_patterns, app_name)))]
