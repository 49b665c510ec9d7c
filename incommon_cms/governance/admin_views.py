"""Emergency publication: the one way a site administrator puts common data live (or takes it off) without a quorum."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page
from wagtail_localize.models import Translation

from incommon_cms.core.governed import is_governed
from incommon_cms.core.roles import can_see_translation_queue, is_site_admin

from . import publishing
from .diffs import changed_fields, published_version
from .submissions import submit_revision


class EmergencyForm(forms.Form):
    PUBLISH, UNPUBLISH = "publish", "unpublish"

    action = forms.ChoiceField(
        label=gettext_lazy("What must happen now?"),
        choices=[
            (PUBLISH, gettext_lazy("Publish the latest version now")),
            (UNPUBLISH, gettext_lazy("Take the page off the public site now")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Why can this not wait for the moderators?"),
        help_text=gettext_lazy("Published in the public decision log with your name."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


def emergency(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not is_site_admin(request.user) or not is_governed(page):
        raise PermissionDenied
    form = EmergencyForm(request.POST or None, initial={"action": EmergencyForm.PUBLISH})
    if request.method == "POST" and form.is_valid():
        try:
            publishing.emergency(
                page, request.user, action=form.cleaned_data["action"], reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Done. The decision and its reason are in the public log."))
            return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    latest = page.get_latest_revision()
    fields = changed_fields(published_version(page), latest.as_object()) if latest else []
    labels = [str(page._meta.get_field(name).verbose_name) for name in fields]
    return TemplateResponse(
        request,
        "governance/admin/emergency.html",
        {
            "page": page,
            "form": form,
            "changed_labels": labels,
            "in_moderation": page.workflow_in_progress,
        },
        status=400 if form.errors else 200,
    )


def translation_of(page):
    """The wagtail-localize translation whose target is `page` (None for an original or a page translated by hand)."""
    return (
        Translation.objects.filter(source__object_id=page.translation_key, target_locale_id=page.locale_id)
        .exclude(source__locale_id=page.locale_id)
        .first()
    )


def submit_translation(request, page_id):
    """Translators cannot publish common data either: they send their translation to the co-governance vote.

    The translation editor (wagtail-localize) only knows Publish; this saves its current translation as a draft of
    the translated page and submits that draft to the page's workflow, like a collective's own change.
    """
    page = get_object_or_404(Page, pk=page_id).specific
    translation = translation_of(page)
    if not (can_see_translation_queue(request.user) and is_governed(page) and translation is not None):
        raise PermissionDenied
    if request.method == "POST":
        translation.save_target(user=request.user, publish=False)
        page = Page.objects.get(pk=page.pk).specific
        submit_revision(page.get_latest_revision_as_object(), request.user)
        messages.success(
            request, _("The translation was sent to the moderators: it is published once they approve it.")
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return TemplateResponse(request, "governance/admin/submit_translation.html", {"page": page})
