"""The demo (``manage.py load_demo``, ``make demo``): ``core.load_demo()`` makes the center — branches,
organizations, people, one login per role — then runs every app's step, ``madani/sampledata/demo/<app>.py``
with a ``load(rng)``, in the order the apps declare in their ``AppConfig`` (``demo_steps``:
``DemoStep("madani.sampledata.demo.<app>.load", order=N)``, ``madani/core/registry.py``). Every step writes
through the app's services, as a user would, so the ledger's events fire and the dashboard's listener
fills its figures; the few records that no service writes are named in each step's docstring."""
