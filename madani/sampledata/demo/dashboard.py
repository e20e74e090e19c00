"""Demo: compute the dashboard's figures once the other apps have recorded their demo data (last step)."""

from madani.dashboard import cube


def load(rng):
    cube.rebuild()
