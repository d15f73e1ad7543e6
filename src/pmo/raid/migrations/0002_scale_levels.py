"""The default 5×5 scale, in English and Dutch; the probability levels carry the chance used for expected values."""

from django.db import migrations

PROBABILITY = [
    (1, "Very unlikely", "Zeer onwaarschijnlijk", "less than 10%", 5),
    (2, "Unlikely", "Onwaarschijnlijk", "10–30%", 20),
    (3, "Possible", "Mogelijk", "30–50%", 40),
    (4, "Likely", "Waarschijnlijk", "50–70%", 60),
    (5, "Very likely", "Zeer waarschijnlijk", "more than 70%", 85),
]
IMPACT = [
    (1, "Very low", "Zeer klein", "hardly noticeable; less than 1% of the budget or a few days"),
    (2, "Low", "Klein", "within the tolerances of the project"),
    (3, "Moderate", "Middel", "beyond the tolerances; the programme must act"),
    (4, "High", "Groot", "threatens a main objective, a milestone or the business case"),
    (5, "Very high", "Zeer groot", "the project cannot reach its objectives"),
]


def seed(apps, schema_editor):
    ScaleLevel = apps.get_model("raid", "ScaleLevel")
    for level, en, nl, meaning, chance in PROBABILITY:
        ScaleLevel.objects.get_or_create(
            kind="probability",
            level=level,
            defaults={"label_en": en, "label_nl": nl, "meaning": meaning, "probability": chance},
        )
    for level, en, nl, meaning in IMPACT:
        ScaleLevel.objects.get_or_create(
            kind="impact", level=level, defaults={"label_en": en, "label_nl": nl, "meaning": meaning}
        )


class Migration(migrations.Migration):
    dependencies = [("raid", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
