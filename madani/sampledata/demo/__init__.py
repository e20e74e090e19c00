"""Each app's demo records, written through its services: ``<app>.load(rng)`` (declared in the app's
AppConfig ``demo_steps``)."""
