"""A network's forum: public pages (index, category, thread, search) that work without JavaScript, and the
moderators' pages. Thin views: fetch through ``visible_to`` within the forum of the address (404
otherwise), check the rule (403), call a service, redirect (post/redirect/get)."""

import datetime
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from madani.core.confirm import NoForm, ReasonForm, confirm_action
from madani.core.exports import csv_response
from madani.core.markdown import render_markdown
from madani.core.permissions import require

from . import services
from .forms import (
    AppealForm,
    DecideForm,
    EditForm,
    FlagForm,
    MoveForm,
    ReplyForm,
    SanctionForm,
    SearchForm,
    ThreadForm,
    WatchedWordForm,
)
from .models import (
    Appeal,
    AppealStatus,
    Flag,
    FlagStatus,
    Forum,
    ModerationAction,
    Post,
    PostStatus,
    Sanction,
    Thread,
    WatchedWord,
)
from .permissions import active_sanction, can_flag_posts, can_moderate_forum, can_post_in_forum
from .text import fold

POSTS_PER_PAGE = 10
THREADS_PER_PAGE = 25


class ForumAccess:
    def __init__(self, user, forum):
        self.can_moderate = can_moderate_forum(user, forum)
        self.can_post = can_post_in_forum(user, forum)
        self.can_flag = can_flag_posts(user, forum)
        self.sanction = active_sanction(user, forum) if user.is_authenticated else None


def _get_forum(request, slug):
    forum = get_object_or_404(Forum.objects.select_related("network"), slug=slug)
    return forum, ForumAccess(request.user, forum)


def _get_thread_for_user(user, forum, pk):
    return get_object_or_404(Thread.objects.visible_to(user).select_related("category", "author"),
                             forum=forum, pk=pk)


def _get_post_for_user(user, forum, pk):
    return get_object_or_404(Post.objects.visible_to(user).select_related("thread__category", "author"),
                             thread__forum=forum, pk=pk)


def _moderator(request, slug):
    forum, access = _get_forum(request, slug)
    require(access.can_moderate)
    return forum, access


def _thread_url(thread, post=None, user=None):
    """The thread's address; with ``post``, the page where ``user`` (its author by default) finds it."""
    url = reverse("forum:thread", args=[thread.forum.slug, thread.pk])
    if post is None:
        return url
    shown = Post.objects.visible_to(user or post.author).filter(thread=thread)
    before = shown.filter(Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, pk__lt=post.pk)).count()
    page = before // POSTS_PER_PAGE + 1
    return f"{url}?page={page}#post-{post.pk}" if page > 1 else f"{url}#post-{post.pk}"


def _base(forum, access, **context):
    return {"forum": forum, "network": forum.network, "access": access, **context}


# -- public pages ----------------------------------------------------------------------------------------


def forum_list(request):
    """Every network's forum (they are all public)."""
    forums = Forum.objects.select_related("network").order_by("network__name")
    return render(request, "forum/forum_list.html", {"forums": forums})


def forum_index(request, slug):
    forum, access = _get_forum(request, slug)
    visible = Thread.objects.visible_to(request.user).filter(forum=forum)
    categories = forum.categories.annotate(
        thread_count=Count("threads", filter=Q(threads__in=visible.values("pk")))).order_by("position", "pk")
    latest = visible.select_related("category", "author")[:10]
    return render(request, "forum/index.html", _base(forum, access, categories=categories, latest=latest,
                                                     search_form=SearchForm()))


def category_detail(request, slug, pk):
    forum, access = _get_forum(request, slug)
    category = get_object_or_404(forum.categories, pk=pk)
    threads = Thread.objects.visible_to(request.user).filter(category=category).select_related("author") \
        .annotate(replies=Count("posts", filter=Q(posts__status=PostStatus.VISIBLE))).order_by("-last_post_at", "-pk")
    page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "forum/category.html", _base(forum, access, category=category, page=page))


def thread_detail(request, slug, pk):
    forum, access = _get_forum(request, slug)
    thread = _get_thread_for_user(request.user, forum, pk)
    posts = Post.objects.visible_to(request.user).filter(thread=thread).select_related("author") \
        .order_by("created_at", "pk")
    page = Paginator(posts, POSTS_PER_PAGE).get_page(request.GET.get("page"))
    rendered = [(post, render_markdown(post.body)) for post in page]
    form = ReplyForm() if access.can_post and (not thread.locked or access.can_moderate) else None
    return render(request, "forum/thread.html", _base(forum, access, thread=thread, page=page, rendered=rendered,
                                                      form=form))


def search(request, slug):
    """Published posts (and the user's own and moderated ones) holding every word of the query, however
    either is written (``text.fold`` on both sides)."""
    forum, access = _get_forum(request, slug)
    form = SearchForm(request.GET)
    query = form.data.get("q", "")[:100]
    results = None
    if form.is_valid() and fold(query).split():
        posts = Post.objects.visible_to(request.user).filter(thread__forum=forum)
        for term in fold(query).split():
            posts = posts.filter(search_key__contains=term)
        results = Paginator(posts.select_related("thread", "author").order_by("-created_at", "-pk"),
                            THREADS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "forum/search.html", _base(forum, access, search_form=form, query=query,
                                                      page=results))


# -- taking part -----------------------------------------------------------------------------------------


def _held_message(request, post):
    if post.status == PostStatus.HELD:
        messages.info(request, _("Thank you. Your post waits for a moderator's approval; until then only you "
                                 "and the moderators see it."))
    else:
        messages.success(request, _("Your post is published."))


@login_required
def thread_new(request, slug):
    forum, access = _get_forum(request, slug)
    require(access.can_post)
    initial = {"category": request.GET.get("category")} if request.GET.get("category") else {}
    form = ThreadForm(request.POST or None, forum=forum, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.thread_start(actor=request.user, forum=forum, category=form.cleaned_data["category"],
                                           title=form.cleaned_data["title"], body=form.cleaned_data["body"],
                                           token=form.cleaned_data["token"])
        except ValidationError as error:
            form.add_error(None, error) if not hasattr(error, "error_dict") else _add_errors(form, error)
        else:
            _held_message(request, thread.posts.get(is_opening=True))
            return redirect(_thread_url(thread))
    return render(request, "forum/form.html", _base(forum, access, form=form, title=_("New thread"),
                                                    back_url=reverse("forum:index", args=[slug])))


def _add_errors(form, error):
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
def reply(request, slug, pk):
    forum, access = _get_forum(request, slug)
    thread = _get_thread_for_user(request.user, forum, pk)
    require(access.can_post)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.post_reply(actor=request.user, thread=thread, body=form.cleaned_data["body"],
                                       token=form.cleaned_data["token"])
        except ValidationError as error:
            form.add_error(None, error) if not hasattr(error, "error_dict") else _add_errors(form, error)
        else:
            _held_message(request, post)
            return redirect(_thread_url(thread, post))
    return render(request, "forum/form.html", _base(forum, access, form=form, title=_("Reply"),
                                                    details=[thread.title], back_url=_thread_url(thread)))


@login_required
def post_flag(request, slug, pk):
    forum, access = _get_forum(request, slug)
    post = _get_post_for_user(request.user, forum, pk)
    require(access.can_flag)
    return confirm_action(
        request, title=_("Flag a post"), form=FlagForm, button=_("Flag"), button_class="btn-warning",
        question=_("Tell the moderators what is wrong. A post that exposes a person's identity or location is "
                   "hidden at once until they review it."),
        action=lambda form: services.flag_post(actor=request.user, post=post, **form.cleaned_data),
        done_message=_("Thank you: the moderators will review it."), done_url=_thread_url(post.thread),
        back_url=_thread_url(post.thread, post, request.user))


@login_required
def post_appeal(request, slug, pk):
    """The author of a hidden post asks for it back (anyone else: 404)."""
    forum, access = _get_forum(request, slug)
    post = get_object_or_404(Post.objects.select_related("thread"), thread__forum=forum, author=request.user, pk=pk)
    return confirm_action(
        request, title=_("Appeal"), form=AppealForm, button=_("Send the appeal"), button_class="btn-primary",
        question=_("The forum's moderators will read your appeal and answer it."),
        action=lambda form: services.appeal_send(actor=request.user, post=post, text=form.cleaned_data["text"]),
        done_message=_("Your appeal is sent."), done_url=_thread_url(post.thread, post),
        back_url=_thread_url(post.thread, post, request.user))


@login_required
def sanction_appeal(request, slug, pk):
    forum, access = _get_forum(request, slug)
    sanction = get_object_or_404(Sanction, forum=forum, user=request.user, pk=pk)
    return confirm_action(
        request, title=_("Appeal"), form=AppealForm, button=_("Send the appeal"), button_class="btn-primary",
        details=[sanction.get_kind_display(), sanction.reason],
        action=lambda form: services.appeal_send(actor=request.user, sanction=sanction,
                                                 text=form.cleaned_data["text"]),
        done_message=_("Your appeal is sent."), done_url=reverse("forum:index", args=[slug]),
        back_url=reverse("forum:index", args=[slug]))


@login_required
def my_posts(request):
    """Everything the user posted, in every forum: JSON (default) or CSV (formula-safe, core/exports)."""
    posts = services.posts_of(request.user)
    rows = [{
        "network": str(post.thread.forum.network), "forum": post.thread.forum.slug,
        "category": post.thread.category.name, "thread": post.thread.title, "opens_thread": post.is_opening,
        "posted_at": timezone.localtime(post.created_at).isoformat(), "status": post.status,
        "edited_at": timezone.localtime(post.edited_at).isoformat() if post.edited_at else "",
        "edit_reason": post.edit_reason, "text": post.body,
        "address": request.build_absolute_uri(_thread_url(post.thread)),
    } for post in posts]
    if request.GET.get("format") == "csv":
        header = list(rows[0]) if rows else ["network", "forum", "category", "thread", "opens_thread", "posted_at",
                                             "status", "edited_at", "edit_reason", "text", "address"]
        return csv_response("my-forum-posts.csv", header, [list(row.values()) for row in rows])
    response = HttpResponse(json.dumps({"posts": rows}, ensure_ascii=False, indent=1),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-forum-posts.json"'
    return response


# -- moderation ------------------------------------------------------------------------------------------


@login_required
def queue(request, slug):
    forum, access = _moderator(request, slug)
    posts = Post.objects.filter(thread__forum=forum).select_related("thread", "author")
    context = _base(
        forum, access,
        held=posts.filter(status=PostStatus.HELD).order_by("created_at"),
        hidden=posts.filter(status=PostStatus.HIDDEN).exclude(hidden_because="moderator").order_by("created_at"),
        flagged=posts.filter(status=PostStatus.VISIBLE, flags__status=FlagStatus.OPEN).distinct()
        .annotate(open_flags=Count("flags", filter=Q(flags__status=FlagStatus.OPEN))),
        appeals=Appeal.objects.filter(forum=forum, status=AppealStatus.OPEN).select_related("author", "post__thread",
                                                                                              "sanction"),
        sanctions=Sanction.objects.filter(forum=forum, lifted_at__isnull=True, ends_at__gt=timezone.now())
        .select_related("user"),
    )
    flags = Flag.objects.filter(post__thread__forum=forum, status=FlagStatus.OPEN).select_related("user")
    by_post = {}
    for flag in flags:
        by_post.setdefault(flag.post_id, []).append(flag)
    context["flags_by_post"] = by_post
    return render(request, "forum/queue.html", context)


@login_required
def history(request, slug):
    forum, access = _moderator(request, slug)
    actions = ModerationAction.objects.filter(forum=forum).select_related("actor", "target_user", "thread", "post")
    page = Paginator(actions, 50).get_page(request.GET.get("page"))
    return render(request, "forum/history.html", _base(forum, access, page=page))


@login_required
def watched_words(request, slug):
    forum, access = _moderator(request, slug)
    form = WatchedWordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.watched_word_add(actor=request.user, forum=forum, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The word is watched."))
            return redirect("forum:watched_words", slug)
    return render(request, "forum/watched_words.html", _base(forum, access, form=form,
                                                             words=WatchedWord.objects.filter(forum=forum)))


@login_required
def watched_word_remove(request, slug, pk):
    forum, access = _moderator(request, slug)
    watched = get_object_or_404(WatchedWord, forum=forum, pk=pk)
    back = reverse("forum:watched_words", args=[slug])
    return confirm_action(request, title=_("Stop watching a word"), form=NoForm, button=_("Remove"),
                          question=watched.word,
                          action=lambda form: services.watched_word_remove(actor=request.user, watched=watched),
                          done_url=back, back_url=back)


def _post_action(request, slug, pk):
    forum, access = _get_forum(request, slug)
    post = _get_post_for_user(request.user, forum, pk)
    require(access.can_moderate)
    return forum, post, reverse("forum:queue", args=[slug])


@login_required
def post_approve(request, slug, pk):
    forum, post, back = _post_action(request, slug, pk)
    return confirm_action(request, title=_("Publish a post"), form=NoForm, button=_("Publish"),
                          button_class="btn-success", details=[post.thread.title, post.body[:300]],
                          action=lambda form: services.post_approve(actor=request.user, post=post),
                          done_message=_("The post is published."), done_url=back, back_url=back)


@login_required
def post_hide(request, slug, pk):
    forum, post, back = _post_action(request, slug, pk)
    return confirm_action(request, title=_("Hide a post"), form=ReasonForm, button=_("Hide"),
                          details=[post.thread.title, post.body[:300]],
                          action=lambda form: services.post_hide(actor=request.user, post=post,
                                                                 reason=form.cleaned_data["reason"]),
                          done_message=_("The post is hidden."), done_url=back, back_url=back)


@login_required
def post_edit(request, slug, pk):
    forum, post, back = _post_action(request, slug, pk)
    return confirm_action(
        request, title=_("Edit a post"), form=lambda data: EditForm(data, initial={"body": post.body}),
        button=_("Save"), button_class="btn-primary", errors_on_form=True,
        action=lambda form: services.post_edit(actor=request.user, post=post, **form.cleaned_data),
        done_message=_("The post is changed; the reason is shown under it."),
        done_url=_thread_url(post.thread, post, request.user), back_url=_thread_url(post.thread, post, request.user))


@login_required
def thread_lock(request, slug, pk, locked):
    forum, access = _get_forum(request, slug)
    thread = _get_thread_for_user(request.user, forum, pk)
    require(access.can_moderate)
    return confirm_action(
        request, title=_("Lock the thread") if locked else _("Unlock the thread"),
        form=lambda data: ReasonForm(data, required=False), button=_("Lock") if locked else _("Unlock"),
        details=[thread.title],
        action=lambda form: services.thread_lock(actor=request.user, thread=thread, locked=locked,
                                                 reason=form.cleaned_data["reason"]),
        done_url=_thread_url(thread), back_url=_thread_url(thread))


@login_required
def thread_move(request, slug, pk):
    forum, access = _get_forum(request, slug)
    thread = _get_thread_for_user(request.user, forum, pk)
    require(access.can_moderate)
    return confirm_action(
        request, title=_("Move the thread"), form=lambda data: MoveForm(data, forum=forum), button=_("Move"),
        button_class="btn-primary", details=[thread.title], errors_on_form=True,
        action=lambda form: services.thread_move(actor=request.user, thread=thread, **form.cleaned_data),
        done_url=_thread_url(thread), back_url=_thread_url(thread))


@login_required
def sanction_impose(request, slug, pk):
    """Silence or ban the author of a post, for a number of days."""
    forum, post, back = _post_action(request, slug, pk)

    def act(form):
        data = form.cleaned_data
        return services.sanction_impose(actor=request.user, forum=forum, user=post.author, kind=data["kind"],
                                        ends_at=timezone.now() + datetime.timedelta(days=data["days"]),
                                        reason=data["reason"])

    return confirm_action(request, title=_("Silence or ban %(user)s") % {"user": post.author}, form=SanctionForm,
                          button=_("Apply"), errors_on_form=True, action=act,
                          done_message=_("Done: it ends by itself on the day given."), done_url=back, back_url=back)


@login_required
def sanction_lift(request, slug, pk):
    forum, access = _moderator(request, slug)
    sanction = get_object_or_404(Sanction, forum=forum, pk=pk)
    back = reverse("forum:queue", args=[slug])
    return confirm_action(request, title=_("Lift a sanction"), form=lambda data: ReasonForm(data, required=False),
                          button=_("Lift"), button_class="btn-primary", details=[str(sanction.user), sanction.reason],
                          action=lambda form: services.sanction_lift(actor=request.user, sanction=sanction,
                                                                     reason=form.cleaned_data["reason"]),
                          done_url=back, back_url=back)


@login_required
def appeal_decide(request, slug, pk):
    forum, access = _moderator(request, slug)
    appeal = get_object_or_404(Appeal.objects.select_related("post", "sanction", "author"), forum=forum, pk=pk)
    back = reverse("forum:queue", args=[slug])
    details = [str(appeal.author), appeal.text]
    if appeal.post:
        details.append(appeal.post.body[:300])
    return confirm_action(
        request, title=_("Decide an appeal"), form=DecideForm, button=_("Decide"), button_class="btn-primary",
        details=details,
        action=lambda form: services.appeal_decide(actor=request.user, appeal=appeal,
                                                   uphold=form.cleaned_data["decision"] == AppealStatus.UPHELD,
                                                   note=form.cleaned_data["note"]),
        done_url=back, back_url=back)
