from celery import shared_task

from . import services


@shared_task
def announce_articles_come_due():
    """Every minute (beat): scheduled articles that became public show on cached pages at once."""
    return services.articles_come_due_announce()
