from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from madani.activities.models import Activity
from madani.activities.models import Status as ActivityStatus
from madani.core.concurrency import StaleVersion
from madani.core.confirm import NoForm, confirm_action
from madani.core.history import history_entries
from madani.core.lists import filtered_queryset, render_list
from madani.core.markdown import render_markdown
from madani.core.permissions import ObjectAccess, require

from . import services
from .drafting import companion_activities
from .filters import NewsPostFilter
from .forms import NewsPostForm
from .models import NewsPost, Tag
from .permissions import can_edit_news, can_publish_news, can_write_news
from .tables import NewsPostTable

PUBLIC_PAGE_SIZE = 10
COVER_MAX_AGE = 3600  # an unpublished cover may linger this long in a shared cache, no longer


def _published_in_language():
    return NewsPost.objects.published().in_language(get_language())


# -- public pages --------------------------------------------------------------------------------


def post_list(request):
    """Published posts in the page's language, newest first, optionally of one tag."""
    posts = _published_in_language().prefetch_related("tags")
    tag = None
    if request.GET.get("tag"):
        tag = get_object_or_404(Tag, slug=request.GET["tag"])
        posts = posts.filter(tags=tag)
    page = Paginator(posts.order_by("-published_at", "-pk"), PUBLIC_PAGE_SIZE).get_page(request.GET.get("page"))
    query = f"tag={tag.slug}" if tag else ""
    return render(request, "news/post_list.html", {"page": page, "tag": tag, "query": query})


def post_detail(request, slug):
    post = get_object_or_404(_published_in_language().prefetch_related("tags"), slug=slug)
    request.page_languages = post.languages  # the language switch and hreflang offer only these
    context = {
        "post": post,
        "body": render_markdown(post.body),
        "related": post.related(get_language()).prefetch_related("tags"),
    }
    return render(request, "news/post_detail.html", context)


def _cover(request, pk, field):
    """A post's cover: public, cacheable, once the post is published; before that only for those who
    may open the post in the newsroom (never cached). A missing file is a 404."""
    post = get_object_or_404(NewsPost, pk=pk)
    public = post.is_published
    if not public and not NewsPost.objects.visible_to(request.user).filter(pk=pk).exists():
        raise Http404
    image = getattr(post, field)
    if not image:
        raise Http404
    try:
        handle = image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type="image/jpeg")
    if public:
        patch_cache_control(response, public=True, max_age=COVER_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


def cover(request, pk):
    return _cover(request, pk, "cover")


def cover_thumbnail(request, pk):
    return _cover(request, pk, "cover_thumbnail")


# -- the newsroom --------------------------------------------------------------------------------


def _require_writer(user):
    if not can_write_news(user):
        raise PermissionDenied


def _get_post_for_user(user, pk) -> tuple[NewsPost, ObjectAccess]:
    """A post of the newsroom ``user`` sees (403 to those who write no news, 404 otherwise), and what they may
    do with it."""
    _require_writer(user)
    post = get_object_or_404(NewsPost.objects.visible_to(user).select_related("branch", "author"), pk=pk)
    return post, ObjectAccess(user, post, edit=can_edit_news, publish=can_publish_news, submit=can_write_news)


def _filtered(request):
    queryset = NewsPost.objects.visible_to(request.user).select_related("branch", "author").prefetch_related("tags")
    return NewsPostFilter(request.GET or None, queryset=queryset)


@login_required
def manage_list(request):
    _require_writer(request.user)
    return render_list(request, _filtered(request), ordering=["-updated_at", "-pk"], template="news/manage_list.html",
                       table=NewsPostTable(request), context={"export_url": reverse("news:manage_export")})


@login_required
def manage_export(request):
    _require_writer(request.user)
    return NewsPostTable(request).export(request, "news", filtered_queryset(_filtered(request)).order_by("pk"))


@login_required
def manage_detail(request, pk):
    post, access = _get_post_for_user(request.user, pk)
    context = {
        "post": post, "access": access,
        "versions": [(code, getattr(post, f"title_{code}"), getattr(post, f"summary_{code}"),
                      render_markdown(getattr(post, f"body_{code}"))) for code in post.languages],
        "history": history_entries(post),
    }
    return render(request, "news/manage_detail.html", context)


def _post_form(request, post=None):
    form = NewsPostForm(request.POST or None, request.FILES or None, instance=post, user=request.user)
    if request.method == "POST" and form.is_valid():
        cover = form.cleaned_data.get("cover_upload")
        try:
            if post is None:
                post = services.newspost_create(actor=request.user, data=form.post_data(), cover=cover)
            else:
                services.newspost_update(actor=request.user, post=post, data=form.post_data(), cover=cover,
                                         remove_cover=form.cleaned_data.get("remove_cover", False),
                                         version=form.version)
        except StaleVersion as stale:
            form.show_conflict(stale)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The post was saved."))
            return redirect("news:manage_detail", pk=post.pk)
    return render(request, "news/post_form.html", {"form": form, "post": post})


@login_required
def post_create(request):
    _require_writer(request.user)
    return _post_form(request)


@login_required
def post_edit(request, pk):
    post, access = _get_post_for_user(request.user, pk)
    require(access.can_edit)
    return _post_form(request, post)


def _post_action(request, pk, *, allowed, service, title, question, done):
    """A confirmation page (GET) and the workflow step (POST)."""
    post, access = _get_post_for_user(request.user, pk)
    require(getattr(access, f"can_{allowed}"))
    back = reverse("news:manage_detail", args=[post.pk])
    return confirm_action(
        request, title=title, button=title, button_class="btn-primary", form=NoForm, details=[post],
        question=question, action=lambda form: service(actor=request.user, post=post),
        done_message=done, done_url=back, back_url=back)


@login_required
def post_submit(request, pk):
    return _post_action(
        request, pk, allowed="submit", service=services.newspost_submit,
        title=_("Send to review"), question=_("Send this post to review? A publisher will read it and publish it."),
        done=_("The post was sent to review."),
    )


@login_required
def post_publish(request, pk):
    return _post_action(
        request, pk, allowed="publish", service=services.newspost_publish, title=_("Publish"),
        question=_("Publish this post? It will appear on the public news pages and feeds of its languages."),
        done=_("The post was published."),
    )


@login_required
def post_unpublish(request, pk):
    return _post_action(
        request, pk, allowed="publish", service=services.newspost_unpublish, title=_("Unpublish"),
        question=_("Take this post off the public pages and feeds? It becomes a draft again."),
        done=_("The post was unpublished; it is a draft again."),
    )


@login_required
def draft_from_activity(request, pk):
    """Write an Arabic and an English draft about a completed activity, then open the editor."""
    _require_writer(request.user)
    activity = get_object_or_404(Activity.objects.visible_to(request.user).select_related("branch"), pk=pk)
    if request.method == "POST":
        try:
            post = services.newspost_draft_from_activity(actor=request.user, activity=activity)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("activities:detail", pk=activity.pk)
        messages.success(request, _("A draft was written from the ledger in Arabic and English; check it, edit "
                                    "it and send it to review."))
        return redirect("news:edit", pk=post.pk)
    companions = companion_activities(activity, request.user)
    return render(request, "news/draft_from_activity.html", {
        "activity": activity, "companions": companions, "completed": activity.status == ActivityStatus.COMPLETED})
