"""Wasl's forum (seed 004: "a discussion forum for regional civil-society news"): three categories, threads
in Arabic written by the staff of four member organizations and approved by the network's forum moderator
(a new author's posts wait for approval), one reply still held for approval, one post flagged once (open,
below the number that hides it), and the forum's watched words. Everything goes through the forum
services, as the members and the moderator write it.

Not written by a service: the four members' staff logins (no service writes users; the administrator
invites them in the Django admin), made here with the demo password."""

from madani.accounts.models import Role, User
from madani.forum import services
from madani.forum.models import FlagReason, WordAction
from madani.organizations.models import Organization
from madani.sampledata.demo.core import DEMO_DOMAIN, DEMO_PASSWORD

# email local part, first name, last name, member organization (English name)
MEMBERS_STAFF = [
    ("wasl.azaz", "مازن", "الحمادي", "Azaz Youth Initiative"),
    ("wasl.albab", "سلمى", "الدرويش", "Al-Bab Women's Organization"),
    ("wasl.civic", "خالد", "البكر", "Civic House Association"),
    ("wasl.qalam", "رغد", "الموسى", "Qalam for Education"),
]

CATEGORIES = [
    ("أخبار المجتمع المدني في المنطقة", "أخبار منظمات ريف حلب الشمالي والشرقي ونشاطاتها"),
    ("حرية التعبير والحوكمة المحلية", "المجالس المحلية والترخيص وحرية التعبير"),
    ("فرص وتدريبات", "دورات ومنح وفرص للمنظمات والشباب"),
]

# category index, author index, title, opening post, replies [(author index, text)]
THREADS = [
    (0, 0, "انطلاق الدورة الثالثة من مشروع «10% شباب»",
     "بدأت اليوم في اعزاز **الدورة الثالثة** من مشروع «10% شباب» حول السياسات الخاصة بالمشاركة السياسية.\n\n"
     "- المدة: خمسة أيام\n- المشاركون: ٢٤ شابة وشاباً من الريف الشمالي",
     [(1, "نتمنى لكم التوفيق. هل ستُنشر مواد الدورة في مكتبة الشبكة؟"),
      (0, "نعم، سنرفعها بعد انتهاء الدورة مع تقرير مختصر.")]),
    (1, 2, "تجربتنا في ترخيص الجمعية لدى المجلس المحلي في الباب",
     "بعد زيارة الشبكة للمجلس المحلي حصلنا على موعد لتقديم الأوراق. الأوراق المطلوبة: النظام الداخلي، "
     "محضر الاجتماع التأسيسي، وقائمة بأعضاء مجلس الإدارة.",
     [(1, "شكراً على المشاركة، هذا مفيد لنا جداً."),
      (3, "هل طلبوا منكم كفالة أو رسوماً؟")]),
    (1, 1, "توصيات حول حرية التعبير بعد زيارة المكاتب القضائية",
     "ناقشنا مع المكاتب القضائية توصيات الشبكة حول حرية التعبير. أهم ما طرحناه: حماية الناشطين من "
     "الملاحقة بسبب منشوراتهم، ووضوح الإجراءات.",
     [(2, "نقترح أن نعدّ ورقة موقف مشتركة باسم الشبكة.")]),
    (2, 3, "فرصة تدريب على كتابة المقترحات للمنظمات الناشئة",
     "يعلن مركز الدعم عن دورة في كتابة المقترحات للمنظمات الناشئة الشهر القادم. التسجيل عبر موقع المركز.",
     []),
]
HELD_REPLY = (3, 2, "أضيف أن الاجتماع القادم للمدراء سيكون في مكتب جمعية البيت المدني.")
FLAGGED = (0, 2)  # the second reply of the first thread
WATCHED = [("خائن", WordAction.HOLD), ("عميل", WordAction.HOLD), ("كلمة-محظورة", WordAction.BLOCK),
           ("غبي", WordAction.CENSOR)]


def load(rng):
    wasl = Organization.objects.filter(name_en="Wasl Network").first()
    moderator = User.objects.filter(email=f"forum.moderator@{DEMO_DOMAIN}").first()
    if wasl is None or moderator is None:
        return
    admin = User.objects.get(email=f"admin@{DEMO_DOMAIN}")
    organizations = {o.name_en: o for o in Organization.objects.filter(name_en__in=[m[3] for m in MEMBERS_STAFF])}
    authors = [User.objects.create_user(email=f"{local}@{DEMO_DOMAIN}", password=DEMO_PASSWORD, first_name=first,
                                        last_name=last, role=Role.CSO_MEMBER, organization=organizations[name])
               for local, first, last, name in MEMBERS_STAFF]

    forum = services.forum_create(actor=admin, network=wasl, slug="wasl")
    categories = [services.category_create(actor=moderator, forum=forum, name=name, description=description,
                                           position=n) for n, (name, description) in enumerate(CATEGORIES)]
    for word, action in WATCHED:
        services.watched_word_add(actor=moderator, forum=forum, word=word, action=action)

    threads = []
    for category, author, title, body, replies in THREADS:
        thread = services.thread_start(actor=authors[author], forum=forum, category=categories[category],
                                       title=title, body=body)
        _approve_if_held(moderator, thread.posts.get())
        posts = []
        for replier, text in replies:
            post = services.post_reply(actor=authors[replier], thread=thread, body=text)
            _approve_if_held(moderator, post)
            posts.append(post)
        threads.append((thread, posts))

    thread_index, author, text = HELD_REPLY
    services.post_reply(actor=authors[author], thread=threads[thread_index][0], body=text)  # stays held

    thread_index, reply_index = FLAGGED
    services.flag_post(actor=authors[2], post=threads[thread_index][1][reply_index - 1],
                       reason=FlagReason.MISINFORMATION, note="المواد لم تُنشر بعد في مكتبة الشبكة.")


def _approve_if_held(moderator, post):
    if post.status == "held":
        services.post_approve(actor=moderator, post=post)
