"""The file download (issue 5): an attachment that is never sniffed, read from the storage in chunks; a
single Range is honoured so that audio and video players can seek."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from madani.library.views import UnsatisfiableRange, byte_range

from .conftest import MP3, PDF

AUDIO = bytes(range(256)) * 40  # 10,240 bytes whose every position is recognizable


@pytest.fixture
def episode(add_resource):
    return add_resource("حلقة إذاعية", kind="audio", name="episode.mp3", content=MP3[:10] + AUDIO[10:])


def _get(client, resource, **headers):
    response = client.get(reverse("library:file", args=[resource.pk]), headers=headers)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_a_file_is_downloaded_as_an_attachment_never_sniffed(anonymous, add_resource):
    resource = add_resource(name="civic-guide.pdf", content=PDF)
    response, body = _get(anonymous, resource)
    assert response.status_code == 200 and body == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="civic-guide.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == str(len(PDF))


def test_a_restricted_file_is_never_stored_by_shared_caches(client_a, add_resource):
    response, _body = _get(client_a, add_resource(access="members"))
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_a_public_file_is_not_marked_private_for_anonymous_visitors(anonymous, add_resource):
    response, _body = _get(anonymous, add_resource())
    assert "private" not in response.get("Cache-Control", "")


def test_a_range_answers_206_with_exactly_those_bytes(anonymous, episode):
    response, body = _get(anonymous, episode, Range="bytes=1000-1999")
    assert response.status_code == 206
    assert body == AUDIO[1000:2000]
    assert response["Content-Range"] == f"bytes 1000-1999/{len(AUDIO)}"
    assert response["Content-Length"] == "1000"
    assert response["Content-Type"] == "audio/mpeg"


def test_an_open_range_runs_to_the_end_of_the_file(anonymous, episode):
    response, body = _get(anonymous, episode, Range="bytes=10000-")
    assert response.status_code == 206 and body == AUDIO[10000:]
    assert response["Content-Range"] == f"bytes 10000-{len(AUDIO) - 1}/{len(AUDIO)}"


def test_a_suffix_range_gives_the_last_bytes(anonymous, episode):
    response, body = _get(anonymous, episode, Range="bytes=-500")
    assert response.status_code == 206 and body == AUDIO[-500:]
    assert response["Content-Range"] == f"bytes {len(AUDIO) - 500}-{len(AUDIO) - 1}/{len(AUDIO)}"


def test_a_range_past_the_end_is_unsatisfiable(anonymous, episode):
    response, _body = _get(anonymous, episode, Range=f"bytes={len(AUDIO)}-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(AUDIO)}"


def test_a_range_larger_than_the_chunk_size_is_streamed_whole(anonymous, add_resource):
    big = MP3[:10] + bytes(range(256)) * 1000  # 256 KB: several chunks
    resource = add_resource(kind="audio", name="long.mp3", content=big)
    response, body = _get(anonymous, resource, Range="bytes=100-200000")
    assert body == big[100:200001] and response["Content-Length"] == str(200001 - 100)


def test_several_ranges_get_the_whole_file(anonymous, episode):
    response, body = _get(anonymous, episode, Range="bytes=0-9,100-109")
    assert response.status_code == 200 and body == MP3[:10] + AUDIO[10:]


def test_a_range_is_not_served_from_a_resource_one_may_not_see(anonymous, add_resource):
    resource = add_resource(kind="audio", name="episode.mp3", content=MP3, access="staff")
    assert anonymous.get(reverse("library:file", args=[resource.pk]), headers={"Range": "bytes=0-1"}).status_code == 404


@pytest.mark.parametrize("header, expected", [
    ("bytes=0-0", (0, 0)),
    ("bytes=0-99", (0, 99)),
    ("bytes=90-200", (90, 99)),  # clipped to the file
    ("bytes=50-", (50, 99)),
    ("bytes=-10", (90, 99)),
    ("bytes=-1000", (0, 99)),  # more than the file: all of it
    (None, None),
    ("", None),
    ("bytes=5-1", None),  # invalid: ignored
    ("bytes=-", None),
    ("items=0-1", None),
    ("bytes=0-1,5-6", None),
])
def test_byte_ranges_follow_the_http_rules(header, expected):
    assert byte_range(header, 100) == expected


@pytest.mark.parametrize("header", ["bytes=100-", "bytes=100-200", "bytes=-0"])
def test_byte_ranges_outside_the_file_are_refused(header):
    with pytest.raises(UnsatisfiableRange):
        byte_range(header, 100)


def test_a_stored_file_that_went_missing_is_404(anonymous, add_resource):
    resource = add_resource()
    default_storage.delete(resource.file.name)
    assert anonymous.get(reverse("library:file", args=[resource.pk])).status_code == 404


def test_the_detail_page_plays_audio_and_video_from_the_download_view(anonymous, episode, add_resource):
    from .conftest import MP4

    url = reverse("library:file", args=[episode.pk])
    assert f'<audio class="w-100 mb-3" controls preload="metadata" src="{url}">' in anonymous.get(
        reverse("library:detail", args=[episode.pk])).content.decode()
    video = add_resource(kind="video", name="lecture.mp4", content=MP4)
    page = anonymous.get(reverse("library:detail", args=[video.pk])).content.decode()
    assert f'src="{reverse("library:file", args=[video.pk])}"' in page and "<video" in page


def test_a_link_opens_in_a_new_tab_without_handing_over_the_page(anonymous, add_resource):
    link = add_resource(kind="link", url="https://data.humdata.org/dataset/cod-ab-syr")
    page = anonymous.get(reverse("library:detail", args=[link.pk])).content.decode()
    url = "https://data.humdata.org/dataset/cod-ab-syr"
    assert f'href="{url}" target="_blank" rel="noopener noreferrer nofollow"' in page
    assert anonymous.get(reverse("library:file", args=[link.pk])).status_code == 404


class _S3Body:
    def __init__(self, data):
        self.data, self.closed = data, False

    def iter_chunks(self, size):
        return (self.data[i:i + size] for i in range(0, len(self.data), size))

    def close(self):
        self.closed = True


class _S3Object:
    """What django-storages' S3File exposes as ``obj`` (a boto3 Object): get(Range=…) returns a body."""

    def __init__(self, data):
        self.data, self.requested = data, []

    def get(self, Range):  # noqa: N803 (boto3's argument name)
        self.requested.append(Range)
        first, last = (int(n) for n in Range.removeprefix("bytes=").split("-"))
        self.body = _S3Body(self.data[first:last + 1])
        return {"Body": self.body}


class _S3File:
    def __init__(self, data):
        self.obj = _S3Object(data)

    def read(self, *args):
        raise AssertionError("the whole object would be downloaded")


def test_from_an_s3_store_only_the_requested_bytes_are_fetched():
    from madani.library.views import _StoredBytes

    handle = _S3File(AUDIO)
    assert b"".join(_StoredBytes(handle, 1000, 1000)) == AUDIO[1000:2000]
    assert handle.obj.requested == ["bytes=1000-1999"] and handle.obj.body.closed
