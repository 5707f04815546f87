from django.db import migrations, models

# The categories in which the body speaks for itself (issue 14): closed to members' news.
SECRETARIAT_ONLY = ("secretariat", "general-assembly")


def close_secretariat_categories(apps, schema_editor):
    Category = apps.get_model("news", "Category")
    Category.objects.filter(slug__in=SECRETARIAT_ONLY).update(members_may_use=False)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0004_due_articles_schedule"),
    ]

    operations = [
        migrations.AddField(
            model_name="category",
            name="members_may_use",
            field=models.BooleanField(
                default=True,
                help_text="Untick for categories that only the secretariat's own news may use.",
                verbose_name="members may use it",
            ),
        ),
        migrations.RunPython(close_secretariat_categories, migrations.RunPython.noop),
    ]
