from django.dispatch import receiver
from wagtail import hooks

from incommon_cms.core.pagecache import page_served_from_cache

from .counting import count_page_view, count_view


@hooks.register("before_serve_page")
def count_served_view(page, request, serve_args, serve_kwargs):
    count_page_view(page, request)


@receiver(page_served_from_cache, dispatch_uid="ecosystem-count-cached-view")
def count_cached_view(sender, page_id, page_model, request, **kwargs):
    count_view(page_id, page_model, request)
