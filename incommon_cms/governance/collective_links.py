"""Links other apps add to each collective on the member's one "My collectives" page (governance:my_collectives).

An app registers a callable in its `AppConfig.ready()`:

    register_collective_link(get_link)

`get_link(profile, user)` returns `(label, url)` for this collective and member, or None to add nothing. Governance
knows no other app: the statistics (ecosystem) come through here, so the page stays the only one of its kind.
"""

_registry = []


def register_collective_link(get_link):
    if get_link not in _registry:
        _registry.append(get_link)


def links_for(profile, user):
    """The (label, url) pairs registered apps add for `profile`, in registration order."""
    return [link for link in (get_link(profile, user) for get_link in _registry) if link]
