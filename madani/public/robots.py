"""robots.txt: search engines may read the public URLs the apps declare (``public_urls`` marked ``robots``
in their AppConfig, core/registry.py), in every language, and nothing else — so the sitemap, which
lists only public pages, can never point where robots.txt forbids."""

import os

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from madani.core.registry import public_urls


def path_prefix(name: str) -> str | None:
    """The path of URL ``name``; for one that takes arguments, its path up to the first argument."""
    try:
        return reverse(name)
    except NoReverseMatch:
        pass
    for count in (1, 2, 3):
        try:
            one, two = reverse(name, args=["1"] * count), reverse(name, args=["2"] * count)
        except NoReverseMatch:
            continue
        return os.path.commonprefix([one, two])
    return None


def allowed_paths() -> list[str]:
    """``Allow:`` values: public path prefixes in every language; a language's home page alone (``/$``), not
    everything under it."""
    roots, paths = set(), set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            roots.add(reverse("public:home"))
            for url in public_urls():
                if url.robots and (prefix := path_prefix(url.name)):
                    paths.add(prefix)
    prefixes = paths - roots
    covered = {path for path in prefixes if any(path != other and path.startswith(other) for other in prefixes)}
    return sorted(f"{path}$" if path in roots else path for path in paths - covered)


def robots_lines(sitemap_url: str) -> list[str]:
    return (["User-agent: *"] + [f"Allow: {path}" for path in allowed_paths()]
            + ["Disallow: /", f"Sitemap: {sitemap_url}", ""])


def allows(lines: list[str], path: str) -> bool:
    """Whether ``path`` may be crawled under these rules, as search engines read them (RFC 9309: the longest
    matching rule wins, Allow on a tie; ``$`` anchors the end)."""
    best = (-1, True)
    for line in lines:
        field, _, value = line.partition(":")
        value = value.strip()
        if field not in ("Allow", "Disallow") or not value:
            continue
        matches = path == value[:-1] if value.endswith("$") else path.startswith(value)
        if matches and (len(value), field == "Allow") > best:
            best = (len(value), field == "Allow")
    return best[1]
