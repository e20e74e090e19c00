"""Uploaded pictures (DESIGN.md §5): checked by their content, never trusted by their name.

``prepare_image`` accepts JPEG, PNG and WebP only, refuses decompression bombs, applies the EXIF
orientation and then drops every piece of metadata (a photo's EXIF GPS position can put the people in
it at risk), resizes, and re-encodes as a compressed progressive JPEG: a page of news stays light.
"""

import io
import os
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # 8000 × 5000: more is refused before a single pixel is decoded
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
JPEG_QUALITY = 80


@dataclass
class PreparedImage:
    """The re-encoded picture and its small version, ready for ``FieldFile.save``."""

    full: ContentFile
    thumbnail: ContentFile


def _open(upload) -> Image.Image:
    if upload.size is not None and upload.size > MAX_IMAGE_BYTES:
        limit = filesizeformat(MAX_IMAGE_BYTES)
        raise ValidationError(_("The image is too large (at most %(size)s).") % {"size": limit})
    upload.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(upload)
            if image.format not in ACCEPTED_FORMATS:
                raise ValidationError(_("Upload a JPEG, PNG or WebP image."))
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise ValidationError(_("The image has too many pixels; upload a smaller picture."))
            image.load()
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ValidationError(_("The image has too many pixels; upload a smaller picture.")) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise ValidationError(_("Upload a JPEG, PNG or WebP image.")) from None
    return image


def _flatten(image: Image.Image) -> Image.Image:
    """RGB without metadata: transparency on white, EXIF orientation applied, EXIF itself dropped."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        return background
    clean = image.convert("RGB")
    clean.info = {}
    return clean


def _encode(image: Image.Image, width: int, name: str) -> ContentFile:
    if image.width > width:
        image = image.resize((width, max(1, round(image.height * width / image.width))), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return ContentFile(buffer.getvalue(), name=name)


def validate_image(upload) -> None:
    """Raise a translated ValidationError unless ``upload`` is a JPEG, PNG or WebP picture we accept."""
    _open(upload)
    upload.seek(0)


def prepare_image(upload, *, max_width: int = 1600, thumbnail_width: int = 400) -> PreparedImage:
    """The upload re-encoded as JPEG at most ``max_width`` pixels wide, and a thumbnail."""
    image = _flatten(_open(upload))
    stem = os.path.splitext(os.path.basename(upload.name or "image"))[0][:40] or "image"
    return PreparedImage(full=_encode(image, max_width, f"{stem}.jpg"),
                         thumbnail=_encode(image, thumbnail_width, f"{stem}-small.jpg"))
