"""StreamField blocks of a practice's approach: text, steps, quotes and media."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

# No raw HTML, no images inside text (images have their own block with alt text).
PRACTICE_RICH_TEXT_FEATURES = [
    "h2",
    "h3",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
]


class TextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=PRACTICE_RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "practices/blocks/text_block.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("step"), max_length=200)
    text = blocks.TextBlock(label=_("what to do"), required=False, max_length=2000)

    class Meta:
        icon = "list-ol"
        label = _("Step")


class StepsBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(StepBlock(), min_num=1, max_num=30, **kwargs)

    class Meta:
        icon = "list-ol"
        label = _("Steps")
        template = "practices/blocks/steps_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"), max_length=800)
    attribution = blocks.CharBlock(
        label=_("who said it"),
        required=False,
        max_length=150,
        help_text=_("A role, not a client's name (for example: social worker)."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "practices/blocks/quote_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("text alternative"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "practices/blocks/image_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "practices/blocks/document_block.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(
        label=_("video address"),
        max_width=800,
        help_text=_("A YouTube or Vimeo address."),
    )
    title = blocks.CharBlock(
        label=_("title"),
        max_length=200,
        help_text=_("Describes the video for screen readers."),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "practices/blocks/video_block.html"


class ApproachBlock(blocks.StreamBlock):
    text = TextBlock()
    steps = StepsBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    document = DocumentBlock()
    video = VideoBlock()

    class Meta:
        block_counts = {"video": {"max_num": 5}, "image": {"max_num": 20}}
