"""StreamField blocks of tool sheets: the shared content blocks plus steps and a checklist."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from incommon_cms.core.blocks import BaseStreamBlock


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"))
    text = blocks.RichTextBlock(required=False, features=["bold", "italic", "link", "ul"], label=_("Details"))
    duration = blocks.CharBlock(required=False, max_length=40, label=_("Duration"), help_text=_("For example: 10 min"))


class StepsBlock(blocks.StructBlock):
    """An ordered sequence of steps, rendered as a numbered list."""

    heading = blocks.CharBlock(required=False, label=_("Heading"))
    steps = blocks.ListBlock(StepBlock(), label=_("Steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Steps")
        template = "toolbox/blocks/steps_block.html"


class ChecklistBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, label=_("Heading"))
    items = blocks.ListBlock(blocks.CharBlock(label=_("Item")), label=_("Items"), min_num=1)

    class Meta:
        icon = "tasks"
        label = _("Checklist")
        template = "toolbox/blocks/checklist_block.html"


class ToolStreamBlock(BaseStreamBlock):
    """Text, steps, checklist, quote, image, embed and downloadable document."""

    steps = StepsBlock()
    checklist = ChecklistBlock()
