"""Cover images (issue 5): checked by content, resized, compressed and stripped of metadata on upload."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext
from PIL import ExifTags, Image

from madani.core.images import prepare_image
from madani.news import services
from madani.news.models import NewsPost
from madani.news.tests.conftest import jpeg, make_post


def _create(client, branch, upload):
    return client.post(reverse("news:create"), {"title_ar": "خبر بصورة", "body_ar": "نص", "branch": branch.pk,
                                                "cover_upload": upload})


def _photo_with_gps() -> SimpleUploadedFile:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (35.0, 20.0, 12.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (40.0, 8.0, 30.0)
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), (200, 80, 40)).save(buffer, "JPEG", exif=exif)
    data = buffer.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the photo says where it was taken
    return SimpleUploadedFile("street.jpg", data, content_type="image/jpeg")


def _png_claiming(width, height) -> SimpleUploadedFile:
    """A tiny PNG whose header announces ``width`` × ``height`` pixels: a decompression bomb."""
    buffer = io.BytesIO()
    Image.new("L", (1, 1)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    header = b"IHDR" + struct.pack(">II", width, height) + bytes(data[24:29])
    data[12:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(header))
    return SimpleUploadedFile("bomb.png", bytes(data), content_type="image/png")


def test_a_text_file_renamed_jpg_is_refused_with_a_translated_error(client_a, branch_a):
    upload = SimpleUploadedFile("photo.jpg", b"just some text, not a picture", content_type="image/jpeg")
    response = _create(client_a, branch_a, upload)
    assert response.status_code == 200
    assert gettext("Upload a JPEG, PNG or WebP image.") in response.content.decode()
    assert not NewsPost.objects.exists()


def test_other_image_formats_are_refused(client_a, branch_a):
    for fmt in ("GIF", "BMP"):
        response = _create(client_a, branch_a, jpeg(fmt=fmt))
        assert gettext("Upload a JPEG, PNG or WebP image.") in response.content.decode(), fmt
    assert not NewsPost.objects.exists()


def test_a_decompression_bomb_is_refused_before_it_is_decoded(client_a, branch_a):
    response = _create(client_a, branch_a, _png_claiming(30000, 30000))
    assert gettext("The image has too many pixels; upload a smaller picture.") in response.content.decode()
    assert not NewsPost.objects.exists()
    with pytest.raises(ValidationError):
        prepare_image(_png_claiming(9000, 9000))


def test_the_gps_position_and_every_other_exif_tag_are_stripped(client_a, branch_a):
    _create(client_a, branch_a, _photo_with_gps())
    post = NewsPost.objects.get()
    for field in (post.cover, post.cover_thumbnail):
        data = field.read()
        stored = Image.open(io.BytesIO(data))
        assert stored.format == "JPEG"
        assert not stored.getexif() and b"Exif" not in data and b"PhoneMaker" not in data


def test_a_4000_pixel_photo_is_resized_and_compressed(staff_a):
    upload = jpeg(4000, 3000, quality=100)
    post = make_post(staff_a, cover=upload)
    cover, thumbnail = Image.open(post.cover), Image.open(post.cover_thumbnail)
    assert cover.size == (1600, 1200) and thumbnail.size == (400, 300)
    assert post.cover.size < upload.size / 4
    assert post.cover.name.startswith("news/covers/") and post.cover.name.endswith(".jpg")


def test_png_and_webp_are_accepted_and_transparency_becomes_white(staff_a):
    buffer = io.BytesIO()
    Image.new("RGBA", (300, 200), (0, 0, 0, 0)).save(buffer, "PNG")
    post = make_post(staff_a, cover=SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png"))
    assert Image.open(post.cover).convert("RGB").getpixel((10, 10)) == (255, 255, 255)
    assert make_post(staff_a, cover=jpeg(fmt="WEBP")).cover


def test_replacing_and_removing_a_cover_deletes_the_old_files(staff_a, draft_a, django_capture_on_commit_callbacks):
    storage, old = draft_a.cover.storage, [draft_a.cover.name, draft_a.cover_thumbnail.name]
    with django_capture_on_commit_callbacks(execute=True):
        services.newspost_update(actor=staff_a, post=draft_a, data={}, cover=jpeg(color=(0, 0, 0)))
    assert not any(storage.exists(name) for name in old)
    new = draft_a.cover.name
    assert storage.exists(new)
    with django_capture_on_commit_callbacks(execute=True):
        services.newspost_update(actor=staff_a, post=draft_a, data={}, remove_cover=True)
    draft_a.refresh_from_db()
    assert not draft_a.cover and not storage.exists(new)
