"""WAGTAIL_FINISH_WORKFLOW_ACTION: what happens when a co-governance workflow is approved.

Wagtail imports this module while its own models load, so it imports nothing at module level; the rule itself lives
in `governance.publishing.publish_approved`.
"""


def publish_approved(workflow_state, user=None):
    # Imported here: Wagtail resolves this function while `wagtail.models` is still loading.
    from .publishing import publish_approved as publish

    return publish(workflow_state, user=user)
