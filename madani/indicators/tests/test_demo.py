"""The demo indicators reproduce the seed reports' figures from the ledger, and every demo page opens."""

from django.urls import reverse

from conftest import client_for
from madani.accounts.models import User
from madani.activities.models import Program
from madani.indicators.engine import compute
from madani.indicators.models import Indicator
from madani.sampledata.demo.core import DEMO_DOMAIN


def _figure(code):
    result = compute(Indicator.objects.get(code=code).query())
    return result.total, {tuple(key.param for key in row.keys): row.value for row in result.rows}


def test_the_seed_000_workshops_count_15_trainees_in_hajin_and_8_in_al_kasra(loaded):
    total, rows = _figure("seed-000-trainees")
    assert total == 23
    assert rows == {("SY090101", "female"): 3, ("SY090101", "male"): 5,
                    ("SY090201", "female"): 5, ("SY090201", "male"): 10}


def test_the_seed_001_project_counts_30_beneficiaries_and_15_csos_coached(loaded):
    assert _figure("seed-001-beneficiaries")[0] == 30
    assert _figure("seed-001-csos-coached")[0] == 15


def test_the_epd_logframe_and_every_demo_indicator_open(loaded):
    officer = client_for(User.objects.get(email=f"me.officer@{DEMO_DOMAIN}"))
    program = Program.objects.get(code="epd-nes")
    sections = officer.get(reverse("indicators:logframe", args=[program.pk])).context["sections"]
    assert [s.level for s in sections] == ["outcome", "output", "output"]
    assert all(period.target for s in sections for line in s.lines for period in line.periods)
    for indicator in Indicator.objects.all():
        response = officer.get(reverse("indicators:detail", args=[indicator.pk]))
        assert response.status_code == 200, indicator.code
