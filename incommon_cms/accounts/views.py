from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .forms import AccountSettingsForm


@login_required
def account_settings(request):
    user = request.user
    form = AccountSettingsForm(request.POST or None, initial={"first_name": user.first_name, "language": user.language})
    if request.method == "POST" and form.is_valid():
        user.first_name = form.cleaned_data["first_name"]
        user.language = form.cleaned_data["language"]
        user.save(update_fields=["first_name", "language"])
        messages.success(request, _("Your settings have been saved."))
        return redirect("account_settings")
    return render(request, "account/settings.html", {"form": form})
