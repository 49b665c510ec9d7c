"""What happens when a workflow is approved (WAGTAIL_FINISH_WORKFLOW_ACTION).

The approval itself is the permission: moderators of other collectives need no publish right on the page, and a
minor change is published for its author. Kept free of imports, as Wagtail loads it while its models load.
"""


def publish_approved(workflow_state, user=None):
    workflow_state.content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)
