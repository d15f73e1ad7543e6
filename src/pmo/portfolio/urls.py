from django.urls import path

from . import views

app_name = "portfolio"

urlpatterns = [
    path("portfolio/status/", views.Dashboard.as_view(), name="dashboard"),
]
