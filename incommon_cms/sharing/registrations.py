"""What the sharing app plugs into the other apps' registries (called once from `SharingConfig.ready()`)."""

from django.utils.translation import gettext_lazy as _

from incommon_cms.accounts.gdpr import register_personal_data
from incommon_cms.core.home import register_home_section
from incommon_cms.directory.sections import register_profile_section
from incommon_cms.governance.desk import register_desk_section

from . import board, desk
from .gdpr import export_sharing
from .models import Room


def profile_sharing(profile, request):
    """The collective's offers and needs, open and closed ("what we shared"), and a place's rooms."""
    listings = list(board.history(profile))
    room_list = list(Room.objects.filter(place_id=profile.pk, status=Room.PUBLISHED))
    if not listings and not room_list:
        return None
    return {
        "open": [item for item in listings if item.state == item.OPEN and not item.is_expired],
        "shared": [item for item in listings if item.state == item.CLOSED],
        "rooms": room_list,
    }


HOME_LISTINGS = 4


def home_sharing(page, request):
    """The latest open offers and needs, on the home page."""
    latest = list(board.public_listings().order_by("-created_at")[:HOME_LISTINGS])
    return {"listings": latest} if latest else None


def register():
    register_personal_data("sharing", export=export_sharing)
    register_home_section("sharing", order=30, template="sharing/home_section.html", get_context=home_sharing)
    register_profile_section("sharing", order=40, template="sharing/profile_section.html", get_context=profile_sharing)
    register_desk_section(
        "sharing",
        order=35,
        title=_("Offers, needs and rooms awaiting moderation"),
        template="sharing/desk.html",
        get_items=desk.items,
        count=desk.count,
    )
