from .documents import items_using, refresh_items, refresh_items_using


def document_saved(sender, instance, created, **kwargs):
    """A document's file may have been replaced: the items attaching it get its new text."""
    if not created:
        refresh_items_using(instance)


def document_deleting(sender, instance, **kwargs):
    instance._toolbox_item_ids = items_using(instance)


def document_deleted(sender, instance, **kwargs):
    """A deleted document's words no longer find the items that attached it."""
    refresh_items(getattr(instance, "_toolbox_item_ids", []))
