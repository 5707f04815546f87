"""Cache invalidation only (STYLE.md): a changed page drops the cached menus."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .menus import forget_host_menu
from .models import Page


@receiver(post_save, sender=Page)
@receiver(post_delete, sender=Page)
def page_changed(sender, instance, **kwargs):
    forget_host_menu()
    # Once more when the change is committed: a request that read the pages between the save
    # and the commit kept the old menus (as oec_portal.page_cache forgets pages twice).
    transaction.on_commit(forget_host_menu)
