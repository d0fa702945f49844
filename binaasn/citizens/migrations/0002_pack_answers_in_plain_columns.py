"""Store the packed answer pairs as plain columns kept equal to u1…u8 by check constraints.

SQLite does not treat an index as covering when a query reads a generated column, so the agency
aggregate fell back to reading every table row; plain columns let it read the index alone.
"""

from django.db import migrations, models

PAIR_BASE = 2**32
PAIRS = (("pair_12", "u1", "u2"), ("pair_34", "u3", "u4"), ("pair_56", "u5", "u6"), ("pair_78", "u7", "u8"))


def fill_pairs(apps, schema_editor):
    SkmResponse = apps.get_model("citizens", "SkmResponse")
    SkmResponse.objects.update(
        **{pair: models.F(low) + models.F(high) * PAIR_BASE for pair, low, high in PAIRS}
    )


class Migration(migrations.Migration):

    dependencies = [
        ("citizens", "0001_service_units_skm_complaints_forums"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="skmresponse", name="skm_agency_date_answers"),
        *[migrations.RemoveField(model_name="skmresponse", name=pair) for pair, _low, _high in PAIRS],
        *[
            migrations.AddField(
                model_name="skmresponse",
                name=pair,
                field=models.BigIntegerField(default=0, editable=False),
            )
            for pair, _low, _high in PAIRS
        ],
        migrations.RunPython(fill_pairs, migrations.RunPython.noop),
        *[
            migrations.AddConstraint(
                model_name="skmresponse",
                constraint=models.CheckConstraint(
                    condition=models.Q((pair, models.F(low) + models.F(high) * PAIR_BASE)),
                    name=f"skm_response_{pair}_packed",
                ),
            )
            for pair, low, high in PAIRS
        ],
        migrations.AddIndex(
            model_name="skmresponse",
            index=models.Index(
                fields=["agency", "answered_on", "unit", "pair_12", "pair_34", "pair_56", "pair_78", "u9"],
                name="skm_agency_date_answers",
            ),
        ),
    ]
