"""The seed scenarios tests call: seed 000 as it happened, counted by the indicator engine."""

from madani.indicators.engine import IndicatorQuery, Metric, compute
from madani.sampledata import scenarios


def test_seed_000_reaches_23_trainees_15_in_hajin_and_8_in_al_kasra_all_of_whom_complete(db):
    seed = scenarios.seed_000()
    hajin, kasra = seed.workshops
    assert [p.name_latin for p in hajin.facilitators.all()] == ["Abdullah Obied"]
    assert [p.name_latin for p in kasra.facilitators.all()] == ["Ali Iskan"]
    assert hajin.program.donor.acronym == "NPA" and hajin.phase.number == 3
    people = compute(IndicatorQuery(Metric.PEOPLE, by=("subdistrict", "gender")))
    assert people.total == 23
    assert {tuple(key.param for key in row.keys): row.value for row in people.rows} == {
        ("SY090101", "female"): 3, ("SY090101", "male"): 5, ("SY090201", "female"): 5, ("SY090201", "male"): 10}
    assert compute(IndicatorQuery(Metric.COMPLETED)).total == 23
    assert compute(IndicatorQuery(Metric.SESSIONS)).total == 6
    assert set(hajin.target_organizations.all()) == {seed.platform, *seed.members[:5]}
