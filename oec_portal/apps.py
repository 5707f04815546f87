from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "oec_portal"
    verbose_name = "OEC Portal"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from members.content_cache import content_changed

        # Cache invalidation only (STYLE.md: signals are for that, never for business logic).
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, dispatch_uid=f"content-changed-{signal}")

        # Translation records follow every save of the translatable items (why a receiver:
        # members/translation_records.py).
        from members.translation_records import track_translations

        from .translations.items import ITEM_TYPES

        for item_type in ITEM_TYPES:
            track_translations(item_type.model, item_type.fields)
