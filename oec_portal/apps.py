from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "oec_portal"
    verbose_name = "OEC Portal"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .page_cache import bump_generation

        # Cache invalidation only (STYLE.md: signals are for that, never for business logic).
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(bump_generation, dispatch_uid=f"page-cache-{signal}")
