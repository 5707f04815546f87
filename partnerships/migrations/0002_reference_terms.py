"""The body's fields of competence and functional areas of cooperation (reference data)."""

from django.db import migrations

FIELDS = [
    ("education", "Education", "Éducation", "Educación", "التربية"),
    ("natural-sciences", "Natural sciences", "Sciences exactes et naturelles",
     "Ciencias naturales", "العلوم الطبيعية"),
    ("social-human-sciences", "Social and human sciences", "Sciences sociales et humaines",
     "Ciencias sociales y humanas", "العلوم الاجتماعية والإنسانية"),
    ("culture", "Culture", "Culture", "Cultura", "الثقافة"),
    ("communication-information", "Communication and information",
     "Communication et information", "Comunicación e información", "الاتصال والمعلومات"),
]
AREAS = [
    ("capacity-building", "Capacity building", "Renforcement des capacités",
     "Fortalecimiento de capacidades", "بناء القدرات"),
    ("advocacy", "Advocacy", "Plaidoyer", "Promoción", "المناصرة"),
    ("technical-support", "Technical support", "Appui technique", "Apoyo técnico", "الدعم الفني"),
    ("standard-setting", "Standard setting", "Action normative", "Acción normativa",
     "وضع المعايير"),
    ("consultation-mechanisms", "Consultation mechanisms", "Mécanismes de consultation",
     "Mecanismos de consulta", "آليات التشاور"),
]


def create_terms(apps, schema_editor):
    for model_name, rows in (("FieldOfCompetence", FIELDS), ("FunctionalArea", AREAS)):
        model = apps.get_model("partnerships", model_name)
        for position, (code, en, fr, es, ar) in enumerate(rows):
            model.objects.update_or_create(
                code=code,
                defaults={
                    "position": position,
                    "name": en,
                    "name_en": en,
                    "name_fr": fr,
                    "name_es": es,
                    "name_ar": ar,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]

    operations = [migrations.RunPython(create_terms, migrations.RunPython.noop)]
