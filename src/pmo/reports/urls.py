from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("reports/packs/", views.PackList.as_view(), name="pack_list"),
    path("reports/packs/new/", views.pack_request, name="pack_request"),
    path("reports/packs/<int:pk>/", views.PackDetail.as_view(), name="pack_detail"),
    path("reports/packs/<int:pk>/download/", views.pack_download, name="pack_download"),
    path("reports/packs/preview/", views.preview, name="preview"),
]
