"""One chart script, one palette: every chart is drawn by static/madani/charts.js, and women and men
carry the same keys (hence the same colours) wherever they are drawn."""

from pathlib import Path

from django.urls import reverse

from madani.people.models import Gender

PACKAGE = Path(__file__).resolve().parents[2]
CHARTS = PACKAGE / "static" / "madani" / "charts.js"


def test_only_the_shared_script_draws_charts():
    drawing = [path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.js")
               if "vendor" not in path.parts and "new window.Chart(" in path.read_text(encoding="utf-8")]
    assert drawing == ["static/madani/charts.js"]


def test_the_palette_gives_women_and_men_their_own_colours():
    script = CHARTS.read_text(encoding="utf-8")
    assert f"{Gender.FEMALE.value}: " in script and f"{Gender.MALE.value}: " in script


def test_the_dashboard_marks_its_women_and_men_series(client_a):
    charts = client_a.get(reverse("dashboard:index")).context["charts"]
    for name in ("timeline", "branches"):
        assert [d["key"] for d in charts[name]["datasets"]] == [Gender.FEMALE, Gender.MALE]
    assert "madani/charts.js" in client_a.get(reverse("dashboard:index")).content.decode()
