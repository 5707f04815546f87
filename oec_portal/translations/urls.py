from django.urls import path

from . import views

app_name = "translations"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("assignments/", views.assignments, name="assignments"),
    path("assignments/mine/", views.my_assignments, name="mine"),
    path("assignments/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("export/", views.export, name="export"),
    path("import/", views.import_file, name="import"),
    path("<slug:type_key>/<int:pk>/<str:language>/", views.edit, name="edit"),
    path("<slug:type_key>/<int:pk>/<str:language>/assign/", views.assign, name="assign"),
]
