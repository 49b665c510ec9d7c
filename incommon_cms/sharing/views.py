"""Front-end views of the board, the rooms and the skills directory. Rules are in the service modules."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incommon_cms.directory.models import PlacePage
from incommon_cms.governance.desk import section_url

from . import access, board, moderation, rooms, skills
from .calendar import room_feed
from .forms import (
    AnswerForm,
    BookingAnswerForm,
    BookingForm,
    ClosedDayFormSet,
    CloseForm,
    ListingFilter,
    ListingForm,
    ModerationForm,
    RenewForm,
    ReplyForm,
    RoomForm,
    RoomSearchForm,
    SkillCardForm,
    SlotFormSet,
)
from .models import Answer, Booking, Listing, Moderated, Room, Skill

BOARD_PAGE_SIZE = 50


def _errors(error):
    return error.messages if isinstance(error, ValidationError) else [str(error)]


def _network_member_required(request):
    if not access.is_network_member(request.user):
        raise PermissionDenied(_("This part of the site is for members of a collective."))


# --- The board -------------------------------------------------------------------------------------------------


def board_view(request):
    filterset = ListingFilter(request.GET or None, queryset=board.public_listings())
    listings = filterset.qs if filterset.is_bound and filterset.is_valid() else board.public_listings()
    status = 400 if filterset.is_bound and not filterset.is_valid() else 200
    return render(
        request,
        "sharing/board.html",
        {
            "filter": filterset,
            "listings": list(listings[:BOARD_PAGE_SIZE]),
            "may_post": access.is_network_member(request.user),
        },
        status=status,
    )


def listing_view(request, pk):
    listing = get_object_or_404(Listing.objects.select_related("profile", "category", "commune"), pk=pk)
    if not board.visible_to(listing, request.user):
        raise Http404
    manages = access.manages_listing(request.user, listing)
    context = {
        "listing": listing,
        "manages": manages,
        "suggestions": board.suggestions(listing) if listing.state == Listing.OPEN else [],
        "conversations": board.conversations_for(listing, request.user),
        "may_answer": board.may_answer(listing, request.user),
        "answer_form": AnswerForm(user=request.user) if board.may_answer(listing, request.user) else None,
        "close_form": CloseForm() if manages else None,
        "renew_form": RenewForm(initial={"expires_on": listing.expires_on}) if manages else None,
        "reply_form": ReplyForm() if manages else None,
    }
    return render(request, "sharing/listing.html", context)


@login_required
def listing_edit(request, pk=None):
    listing = get_object_or_404(Listing, pk=pk) if pk else None
    if listing is not None and not access.manages_listing(request.user, listing):
        raise PermissionDenied
    if listing is None:
        _network_member_required(request)
    form = ListingForm(request.POST or None, instance=listing, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = board.save_listing(form.save(commit=False), request.user)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Sent to the moderators: it will appear on the board once approved."))
            return redirect(saved.get_absolute_url())
    return render(request, "sharing/listing_form.html", {"form": form, "listing": listing})


@require_POST
@login_required
def listing_close(request, pk):
    listing = get_object_or_404(Listing, pk=pk)
    form = CloseForm(request.POST)
    form.is_valid()
    board.close_listing(listing, request.user, met=form.cleaned_data.get("met", False))
    messages.success(request, _("Closed. It stays in your collective's history."))
    return redirect(listing.get_absolute_url())


@require_POST
@login_required
def listing_renew(request, pk):
    listing = get_object_or_404(Listing, pk=pk)
    if not access.manages_listing(request.user, listing):
        raise PermissionDenied
    form = RenewForm(request.POST)
    if form.is_valid():
        board.renew_listing(listing, request.user, until=form.cleaned_data["expires_on"])
        messages.success(request, _("Renewed."))
    else:
        for error in form.errors.get("expires_on", []):
            messages.error(request, error)
    return redirect(listing.get_absolute_url())


@login_required
def listing_answer(request, pk):
    listing = get_object_or_404(Listing.objects.select_related("profile"), pk=pk)
    if not board.may_answer(listing, request.user):
        raise PermissionDenied
    form = AnswerForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        board.answer(listing, request.user, body=form.cleaned_data["body"], profile=form.cleaned_data["profile"])
        messages.success(request, _("Your message was sent to the collective by e-mail."))
        return redirect(listing.get_absolute_url())
    return render(
        request, "sharing/answer_form.html", {"listing": listing, "form": form}, status=400 if form.errors else 200
    )


@require_POST
@login_required
def answer_reply(request, pk):
    answer = get_object_or_404(Answer.objects.select_related("listing", "listing__profile"), pk=pk, parent=None)
    if not access.manages_listing(request.user, answer.listing):
        raise PermissionDenied
    form = ReplyForm(request.POST)
    if form.is_valid():
        board.reply(answer, request.user, body=form.cleaned_data["body"])
        messages.success(request, _("Your reply was sent by e-mail."))
    else:
        messages.error(request, _("Write a reply before sending it."))
    return redirect(answer.listing.get_absolute_url() + f"#answer-{answer.pk}")


@login_required
def mine(request):
    """A member's sharing: their collectives' listings with suggestions, their bookings, the requests to answer."""
    collectives = list(access.collectives_of(request.user))
    keys = [profile.translation_key for profile in collectives]
    listings = (
        Listing.objects.filter(profile__translation_key__in=keys)
        .select_related("profile", "category", "commune")
        .order_by("state", "expires_on")
    )
    items = [
        {"listing": listing, "suggestions": board.suggestions(listing) if listing.state == Listing.OPEN else []}
        for listing in listings
    ]
    places = PlacePage.objects.filter(translation_key__in=keys)
    return render(
        request,
        "sharing/mine.html",
        {
            "items": items,
            "places": places,
            "my_rooms": Room.objects.filter(place__in=places).select_related("place"),
            "requested": rooms.bookings_requested_by(request.user),
            "to_manage": rooms.bookings_to_manage(request.user),
            "answer_form": BookingAnswerForm(),
        },
    )


@require_POST
@login_required
def moderate(request, kind, pk):
    model = {"listing": Listing, "room": Room}.get(kind)
    if model is None:
        raise Http404
    item = get_object_or_404(model, pk=pk)
    if not access.may_moderate(request.user, moderation.owner_profile(item)):
        raise PermissionDenied
    form = ModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or reject."))
        return redirect(section_url("sharing"))
    try:
        item = moderation.decide(
            item, request.user, action=form.cleaned_data["action"], reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        for text in _errors(error):
            messages.error(request, text)
    else:
        if item.status == Moderated.PENDING:
            messages.success(request, _("Your approval is counted; the decision waits for other moderators."))
        else:
            messages.success(request, _("Decision recorded in the public log."))
    return redirect(section_url("sharing"))


# --- Rooms -----------------------------------------------------------------------------------------------------


def room_search(request):
    form = RoomSearchForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid():
        start, end = form.interval()
        results = rooms.search(
            start=start,
            end=end,
            capacity=form.cleaned_data["capacity"],
            commune=form.cleaned_data["commune"],
            step_free=form.cleaned_data["step_free"],
        )
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "results": results, "query": request.GET.urlencode() if results is not None else ""}
    return render(request, "sharing/room_search.html", context, status=status)


def room_view(request, pk):
    room = get_object_or_404(Room.objects.select_related("place", "place__commune"), pk=pk)
    if not rooms.visible_to(room, request.user):
        raise Http404
    manages = access.manages_room(request.user, room)
    return render(
        request,
        "sharing/room.html",
        {
            "room": room,
            "manages": manages,
            "may_book": access.is_network_member(request.user) and room.status == Room.PUBLISHED,
            "feed_url": request.build_absolute_uri(reverse("sharing_room_calendar", args=[room.pk, room.feed_token]))
            if manages
            else None,
            "bookings": room.bookings.filter(status=Booking.ACCEPTED).select_related("requester_profile")
            if manages
            else None,
        },
    )


@login_required
def room_edit(request, pk=None, place_id=None):
    if pk is not None:
        room = get_object_or_404(Room.objects.select_related("place"), pk=pk)
        place = room.place
    else:
        room, place = None, get_object_or_404(PlacePage, pk=place_id)
    if not access.manages(request.user, place):
        raise PermissionDenied
    instance = room or Room(place=place)
    form = RoomForm(request.POST or None, instance=instance)
    slots = SlotFormSet(request.POST or None, instance=instance, prefix="slots")
    closed = ClosedDayFormSet(request.POST or None, instance=instance, prefix="closed")
    if request.method == "POST" and form.is_valid() and slots.is_valid() and closed.is_valid():
        saved = rooms.save_room(form, slots, closed, request.user)
        messages.success(request, _("Sent to the moderators: the room is listed once approved."))
        return redirect(saved.get_absolute_url())
    return render(
        request,
        "sharing/room_form.html",
        {"form": form, "slots": slots, "closed": closed, "place": place, "room": room},
    )


@login_required
def room_book(request, pk):
    room = get_object_or_404(Room.objects.select_related("place"), pk=pk, status=Room.PUBLISHED)
    _network_member_required(request)
    form = BookingForm(request.POST or None, user=request.user, initial=request.GET.dict())
    if request.method == "POST" and form.is_valid():
        start, end = form.interval()
        try:
            rooms.request_booking(
                room,
                request.user,
                profile=form.cleaned_data["requester_profile"],
                start=start,
                end=end,
                attendees=form.cleaned_data["attendees"],
                purpose=form.cleaned_data["purpose"],
            )
        except ValidationError as error:
            for text in _errors(error):
                form.add_error(None, text)
        else:
            messages.success(
                request, _("Request sent to the managers of the place. You will get their answer by e-mail.")
            )
            return redirect("sharing:mine")
    return render(request, "sharing/book.html", {"room": room, "form": form}, status=400 if form.errors else 200)


@require_POST
@login_required
def booking_decide(request, pk, action):
    form = BookingAnswerForm(request.POST)
    form.is_valid()
    message = form.cleaned_data.get("message", "")
    try:
        if action == "accept":
            rooms.accept(pk, request.user, message=message)
            messages.success(request, _("Booking accepted."))
        elif action == "decline":
            rooms.decline(pk, request.user, message=message)
            messages.success(request, _("Request declined."))
        elif action == "cancel":
            rooms.cancel(pk, request.user)
            messages.success(request, _("Booking cancelled."))
        else:
            raise Http404
    except Booking.DoesNotExist:
        raise Http404 from None
    except ValidationError as error:
        for text in _errors(error):
            messages.error(request, text)
    return redirect("sharing:mine")


def room_calendar(request, pk, token):
    room = get_object_or_404(Room.objects.select_related("place"), pk=pk, feed_token=token)
    response = HttpResponse(room_feed(room, request.get_host()), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


# --- Skills ----------------------------------------------------------------------------------------------------


@login_required
def skills_directory(request):
    _network_member_required(request)
    skill = Skill.objects.filter(slug=request.GET.get("skill", "")).first()
    words = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "sharing/skills.html",
        {
            "cards": skills.directory_for(request.user, skill=skill, words=words),
            "taxonomy": Skill.objects.all(),
            "skill": skill,
            "words": words,
            "own": skills.card_of(request.user),
        },
    )


@login_required
def my_skills(request):
    _network_member_required(request)
    card = skills.card_of(request.user)
    form = SkillCardForm(request.POST or None, instance=card)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.user = request.user
        saved.save()
        form.save_m2m()
        messages.success(request, _("Your skills card is saved."))
        return redirect("sharing:skills")
    return render(request, "sharing/my_skills.html", {"form": form, "card": card})


@require_POST
@login_required
def delete_skills(request):
    skills.delete_card(request.user)
    messages.success(request, _("Your skills card is deleted."))
    return redirect("sharing:skills")
