"""Sections of a profile page: the tool sheets and knowledge items the alternative contributed to."""

from wagtail.models import Locale

from .models import KnowledgeItemPage, ToolPage
from .selectors import one_per_translation


def _active_locale():
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return None


def tools_section(profile, request):
    tools = ToolPage.objects.live().public().filter(contributors__alternative__translation_key=profile.translation_key)
    tools = sorted(one_per_translation(tools.distinct(), _active_locale()), key=lambda page: page.title.lower())
    return {"tools": tools} if tools else None


def knowledge_section(profile, request):
    items = (
        KnowledgeItemPage.objects.live().public().filter(authors__alternative__translation_key=profile.translation_key)
    )
    items = sorted(one_per_translation(items.distinct(), _active_locale()), key=lambda page: (page.date, page.title))
    return {"items": items[::-1]} if items else None
