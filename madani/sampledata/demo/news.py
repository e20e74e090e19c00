"""Demo news: seed 000's article drafted from the ledger, edited and published on 23 July 2021, a few
more published posts (drafted from recent activities, and an Arabic-only announcement), one post in
review and a network editor's draft. Covers are drawn with Pillow (no download) and go through the
same upload processing as a real photo. Runs after the activities demo (``DEMO_STEPS``)."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from madani.accounts.models import User
from madani.activities.models import Activity, Kind
from madani.news import services
from madani.news.models import NewsPost, Tag
from madani.sampledata.demo.core import DEMO_DOMAIN

TAGS = [
    ("advocacy", "المناصرة", "Advocacy"),
    ("networking", "التشبيك", "Networking"),
    ("participatory-democracy", "الديمقراطية التشاركية", "Participatory democracy"),
    ("trainings", "التدريب", "Trainings"),
    ("co-working", "مساحة العمل المشتركة", "Co-working space"),
    ("networks", "الشبكات", "Networks"),
]
# What the editor added to the seed 000 draft: the project manager's words, which the ledger does not hold.
SEED_000_QUOTE_AR = (
    "وأوضح عماد أحمي، مدير مشروع تعزيز نهج الديمقراطية، أنّ «الهدف من تنظيم هكذا ورش تدريبية متتابعة هو تقديم "
    "الدعم بكافة أشكاله وتطوير قدرات المنظمات الأعضاء في المنصّة، لتطوير استراتيجية عملها ضمن أساليب الحشد "
    "والمناصرة، بالإضافة إلى تشجيع الحوار والتشبيك وبناء السلام».")
SEED_000_QUOTE_EN = (
    "Imad Ahmi, manager of the Enhancing Participatory Democracy project, said that “such successive workshops aim "
    "to support and develop the capacities of the platform's member organizations and their strategy for "
    "mobilization and advocacy, and to encourage dialogue, networking and peace-building among them.”")


def _cover(rng, name: str) -> SimpleUploadedFile:
    """A 1200 × 675 picture: a sky-to-ground gradient with a few shapes, different for each post."""
    top, bottom = [rng.randint(40, 220) for _ in range(3)], [rng.randint(20, 160) for _ in range(3)]
    image = Image.new("RGB", (1200, 675))
    draw = ImageDraw.Draw(image)
    for y in range(675):
        mix = y / 674
        draw.line([(0, y), (1200, y)], fill=tuple(round(a + (b - a) * mix) for a, b in zip(top, bottom)))
    for _ in range(6):
        x, y, size = rng.randint(0, 1100), rng.randint(250, 600), rng.randint(60, 220)
        draw.rectangle([x, y, x + size, y + size // 2], fill=tuple(rng.randint(0, 255) for _ in range(3)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return SimpleUploadedFile(f"{name}.jpg", buffer.getvalue(), content_type="image/jpeg")


def _published_on(post, day: datetime.date):
    when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    NewsPost.objects.filter(pk=post.pk).update(published_at=when)


def _from_activity(rng, actor, publisher, activity, *, extra_ar="", extra_en="", publish_on=None):
    post = services.newspost_draft_from_activity(actor=actor, activity=activity)
    data = {}
    if extra_ar or extra_en:
        data = {"body_ar": f"{post.body_ar}\n\n{extra_ar}".strip(), "body_en": f"{post.body_en}\n\n{extra_en}".strip()}
    post = services.newspost_update(actor=actor, post=post, data=data, cover=_cover(rng, f"activity-{activity.pk}"))
    if publish_on:
        services.newspost_submit(actor=actor, post=post)
        services.newspost_publish(actor=publisher, post=post)
        _published_on(post, publish_on)
    return post


def load(rng):
    users = {u.email.split("@")[0]: u for u in User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")}
    if "admin" not in users:
        return
    # Tags have no service (administrators add them in the Django admin); publication dates are set back to
    # the day each post went out (a service publishes now).
    tags = {slug: Tag.objects.create(slug=slug, name=ar, name_ar=ar, name_en=en) for slug, ar, en in TAGS}
    admin, deir = users["admin"], users.get("manager.deir", users["admin"])
    completed = Activity.objects.completed().select_related("branch")

    seed_000 = completed.filter(start_date=datetime.date(2021, 7, 20), kind=Kind.WORKSHOP).order_by("pk").first()
    if seed_000:
        post = _from_activity(rng, deir, deir, seed_000, extra_ar=SEED_000_QUOTE_AR, extra_en=SEED_000_QUOTE_EN,
                              publish_on=datetime.date(2021, 7, 23))
        post.tags.add(tags["trainings"])

    recent = {}
    own = completed.filter(branch__code__in=["raqqa", "deir-ez-zor"], kind__in=[Kind.DIALOGUE, Kind.NETWORKING,
                                                                             Kind.TRAINING])
    for activity in own.order_by("-end_date"):
        recent.setdefault(activity.kind, activity)
    for kind, tag in [(Kind.DIALOGUE, "participatory-democracy"), (Kind.NETWORKING, "networking")]:
        activity = recent.get(kind)
        if activity:
            publisher = users.get(f"manager.{'raqqa' if activity.branch.code == 'raqqa' else 'deir'}", admin)
            post = _from_activity(rng, users.get("me.officer", admin), publisher, activity,
                                  publish_on=activity.end_date + datetime.timedelta(days=2))
            post.tags.add(tags[tag])
    if Kind.TRAINING in recent:  # written by the M&E officer, waiting for the branch manager
        post = _from_activity(rng, users.get("me.officer", admin), admin, recent[Kind.TRAINING])
        post.tags.add(tags["trainings"])
        services.newspost_submit(actor=post.author, post=post)

    space = services.newspost_create(actor=admin, cover=_cover(rng, "co-working"), data={
        "title_ar": "مساحة العمل المشتركة تفتح أبوابها لمنظمات المجتمع المدني",
        "summary_ar": "مكاتب وقاعة اجتماعات وإنترنت مجاناً للمنظمات والمبادرات الناشئة، بالحجز المسبق.",
        "body_ar": ("يفتح المركز مساحة العمل المشتركة أمام منظمات المجتمع المدني والمبادرات الناشئة: مكاتب مجهزة، "
                    "وقاعة للاجتماعات والتدريب، واتصال بالإنترنت، دون مقابل.\n\n"
                    "يتم الحجز عبر فريق المركز، وتُعطى الأولوية للمنظمات المحتضنة في برنامج الاحتضان."),
        "tags": [tags["co-working"]],
    })
    services.newspost_publish(actor=admin, post=space)
    _published_on(space, timezone.localdate() - datetime.timedelta(days=12))

    editor = users.get("network.editor")
    if editor:
        services.newspost_create(actor=editor, data={
            "title_ar": "شبكة وصل تراجع خطتها الاستراتيجية مع المنظمات الأعضاء",
            "body_ar": ("عقد مجلس إدارة شبكة وصل اجتماعه الدوري مع ممثلي المنظمات الأعضاء التسع في ريف حلب، "
                        "لمراجعة الخطة الاستراتيجية للشبكة ومتابعة زيارات الترخيص إلى المجالس المحلية."),
            "tags": [tags["networks"]],
        })
