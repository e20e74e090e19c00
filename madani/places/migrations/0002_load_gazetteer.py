"""Load Syria's gazetteer (OCHA COD-AB P-codes; Arabic and English names) from data/syria_places.csv."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "syria_places.csv"


def load(apps, schema_editor):
    Place = apps.get_model("places", "Place")
    by_pcode = {}
    with DATA.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for level in ("governorate", "district", "subdistrict", "community"):
        batch = [
            Place(
                pcode=row["pcode"],
                level=level,
                parent_id=by_pcode[row["parent_pcode"]] if row["parent_pcode"] else None,
                name=row["name_ar"],
                name_ar=row["name_ar"],
                name_en=row["name_en"],
            )
            for row in rows
            if row["level"] == level
        ]
        Place.objects.bulk_create(batch, batch_size=500)
        by_pcode.update(Place.objects.filter(level=level).values_list("pcode", "id"))


def unload(apps, schema_editor):
    apps.get_model("places", "Place").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
