"""Settings for a benchmark that serves Madani as it is deployed (bench/page_weight.py): the production
static storage (hashed names, gzip and brotli copies served by WhiteNoise), collected into a directory
of the benchmark's own instead of var/static."""

from madani.settings import *  # noqa: F403
from madani.settings import STORAGES, env_str

STATIC_ROOT = env_str("MADANI_BENCH_STATIC_ROOT")
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
