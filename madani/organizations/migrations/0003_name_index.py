# The organizations list's order (name in Arabic, then id): with planner statistics the first page is read in
# index order instead of sorting every visible organization (issue 17, ``python -m bench org_list``). Plain
# SQL: ``name_ar`` is added by modeltranslation, which a model's ``Meta.indexes`` cannot name.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("organizations", "0002_sectors")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX organization_name_ar_id ON organizations_organization (name_ar, id)",
            reverse_sql="DROP INDEX organization_name_ar_id",
        ),
    ]
