"""`urlpatterns` are mounted at the site root; `localized_urlpatterns` under the language prefix."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

discussion_patterns = [
    path("comments/post/", views.post_comment, name="discussions-post"),
    path("comments/<int:pk>/edit/", views.edit_comment, name="discussions-edit"),
    path("comments/<int:pk>/delete/", views.delete_comment, name="discussions-delete"),
    path("comments/<int:pk>/report/", views.flag_comment, name="discussions-flag"),
    path("comments/<int:pk>/moderate/", views.moderate_comment, name="discussions-moderate"),
    path("topics/<int:pk>/moderate/", views.moderate_topic, name="discussions-moderate-topic"),
    path("follow/", views.follow_thread, name="discussions-follow"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="discussions-unsubscribe"),
    path("moderation/", views.moderation_queue, name="discussions-moderation"),
]

urlpatterns = []
localized_urlpatterns = [path(_("discussions/"), include(discussion_patterns))]
