"""The body's fields of competence and functional areas of cooperation (reference data).

Migration 0002 creates them; `ensure_reference_terms()` puts them back where a database was
emptied (test databases flushed by browser tests, a demo database) and is idempotent.
"""

FIELDS_OF_COMPETENCE = [
    ("education", "Education", "Éducation", "Educación", "التربية"),
    (
        "natural-sciences",
        "Natural sciences",
        "Sciences exactes et naturelles",
        "Ciencias naturales",
        "العلوم الطبيعية",
    ),
    (
        "social-human-sciences",
        "Social and human sciences",
        "Sciences sociales et humaines",
        "Ciencias sociales y humanas",
        "العلوم الاجتماعية والإنسانية",
    ),
    ("culture", "Culture", "Culture", "Cultura", "الثقافة"),
    (
        "communication-information",
        "Communication and information",
        "Communication et information",
        "Comunicación e información",
        "الاتصال والمعلومات",
    ),
]
FUNCTIONAL_AREAS = [
    (
        "capacity-building",
        "Capacity building",
        "Renforcement des capacités",
        "Fortalecimiento de capacidades",
        "بناء القدرات",
    ),
    ("advocacy", "Advocacy", "Plaidoyer", "Promoción", "المناصرة"),
    ("technical-support", "Technical support", "Appui technique", "Apoyo técnico", "الدعم الفني"),
    (
        "standard-setting",
        "Standard setting",
        "Action normative",
        "Acción normativa",
        "وضع المعايير",
    ),
    (
        "consultation-mechanisms",
        "Consultation mechanisms",
        "Mécanismes de consultation",
        "Mecanismos de consulta",
        "آليات التشاور",
    ),
]


def ensure_reference_terms(field_model=None, area_model=None):
    """Create or update the terms; models can be given (a migration's historical models)."""
    if field_model is None or area_model is None:
        from .models import FieldOfCompetence, FunctionalArea

        field_model, area_model = FieldOfCompetence, FunctionalArea
    for model, rows in ((field_model, FIELDS_OF_COMPETENCE), (area_model, FUNCTIONAL_AREAS)):
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
