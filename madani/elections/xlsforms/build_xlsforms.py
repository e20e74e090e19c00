"""Write the shipped election XLSForms (checklists and incident report) next to this script, for people who
want to open or adapt them in a spreadsheet or load them into another ODK server. Madani itself builds them
from ``madani/elections/checklists.py`` when an election's forms are installed.

Run after changing the questions:  .venv/bin/python madani/elections/xlsforms/build_xlsforms.py
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

if __name__ == "__main__":
    import django

    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "madani.settings")
    django.setup()
    from madani.elections.checklists import workbook
    from madani.elections.models import FormRole

    for role in FormRole.values:
        (HERE / f"election_{role}.xlsx").write_bytes(workbook(role))
        print(f"election_{role}.xlsx")
