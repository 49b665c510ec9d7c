from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    """The content blocks every page body can use."""

    heading = blocks.CharBlock(
        form_classname="title", icon="title", label=_("Heading"), template="blocks/heading_block.html"
    )
    paragraph = blocks.RichTextBlock(icon="pilcrow", label=_("Paragraph"))
    image = ImageBlock(label=_("Image"))
    quote = QuoteBlock(label=_("Quote"))
    embed = EmbedBlock(icon="media", label=_("Embed"))
    document = DocumentChooserBlock(icon="doc-full", label=_("Document"), template="blocks/document_block.html")
