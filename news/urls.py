from django.urls import path

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("news/", views.article_list, name="list"),
    path("news/feed/rss/", feeds.LatestNewsFeed(), name="feed_rss"),
    path("news/feed/atom/", feeds.LatestNewsAtomFeed(), name="feed_atom"),
    # Before the article pattern, so that "category" and a year never read as a slug.
    path("news/category/<slug:slug>/", views.category_archive, name="category"),
    path("news/<year:year>/", views.year_archive, name="year"),
    path("news/<slug:slug>/", views.article_detail, name="article"),
    path(
        "members/<slug:organisation_slug>/news/",
        views.organisation_news,
        name="organisation",
    ),
    path(
        "members/<slug:organisation_slug>/news/feed/rss/",
        feeds.OrganisationNewsFeed(),
        name="organisation_feed_rss",
    ),
    path(
        "members/<slug:organisation_slug>/news/feed/atom/",
        feeds.OrganisationNewsAtomFeed(),
        name="organisation_feed_atom",
    ),
    path("dashboard/news/", views.dashboard_list, name="dashboard_list"),
    path("dashboard/news/new/", views.dashboard_create, name="dashboard_create"),
    path("dashboard/news/<int:pk>/", views.dashboard_edit, name="dashboard_edit"),
    path(
        "dashboard/news/<int:pk>/status/", views.dashboard_transition, name="dashboard_transition"
    ),
    path("dashboard/news/<int:pk>/restore/", views.dashboard_restore, name="dashboard_restore"),
]
