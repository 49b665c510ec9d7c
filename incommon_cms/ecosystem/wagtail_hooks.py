from wagtail import hooks

from .counting import count_page_view


@hooks.register("before_serve_page")
def count_view(page, request, serve_args, serve_kwargs):
    count_page_view(page, request)
