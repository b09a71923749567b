"""The blocks a lesson (or any page body) is written with; each renders its own template."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "superscript", "subscript"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200)
    level = blocks.ChoiceBlock(choices=[("h2", "Section"), ("h3", "Subsection")], default="h2")

    class Meta:
        icon = "title"
        template = "cms/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text="Describe what the image shows for people who cannot see it. Required.",
    )
    caption = blocks.CharBlock(required=False, max_length=300)
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "image"
        template = "cms/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(help_text="A YouTube or Vimeo address.")
    title = blocks.CharBlock(max_length=200)
    duration_minutes = blocks.IntegerBlock(
        min_value=1, help_text="Running time; counts towards reading time and CE hours."
    )
    transcript = blocks.RichTextBlock(required=False, features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "media"
        template = "cms/blocks/video.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[
            ("tip", "Tip"),
            ("safety", "Safety note"),
            ("contraindication", "Contraindication"),
        ],
        default="tip",
    )
    title = blocks.CharBlock(max_length=200)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        template = "cms/blocks/callout.html"


class KeyPointsBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, default="Key points")
    points = blocks.ListBlock(blocks.CharBlock(max_length=400), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "cms/blocks/key_points.html"


class TechniqueStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    image = ImageChooserBlock(required=False)
    image_alt = blocks.CharBlock(
        required=False, max_length=250, help_text="Required when the step has an image."
    )

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not value.get("image_alt", "").strip():
            raise blocks.StructBlockValidationError(
                block_errors={
                    "image_alt": ValidationError("Describe the image for screen readers.")
                }
            )
        return value


class TechniqueStepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    steps = blocks.ListBlock(TechniqueStepBlock(), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "cms/blocks/technique_steps.html"


class ReferenceBlock(blocks.StructBlock):
    citation = blocks.CharBlock(max_length=500)
    url = blocks.URLBlock(required=False)


class ReferencesBlock(blocks.StructBlock):
    items = blocks.ListBlock(ReferenceBlock(), min_num=1)

    class Meta:
        icon = "doc-full"
        template = "cms/blocks/references.html"


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, icon="pilcrow", template="cms/blocks/paragraph.html"
    )
    image = ImageBlock()
    video = VideoBlock()
    callout = CalloutBlock()
    key_points = KeyPointsBlock()
    technique_steps = TechniqueStepsBlock()
    references = ReferencesBlock()
