"""Top-level URLs: the pages of each app, the API under /api/, and the shell (login, language, search)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from pmo.coe import api as coe_api
from pmo.coe import api_lessons as coe_lessons_api
from pmo.core import views as core_views
from pmo.projects import api as projects_api
from pmo.projects import views as projects_views
from pmo.resources import api as resources_api
from pmo.strategy import api as strategy_api

router = DefaultRouter()
projects_api.register(router)
strategy_api.register(router)
resources_api.register(router)
coe_api.register(router)
coe_lessons_api.register(router)

urlpatterns = [
    path("", projects_views.home, name="home"),
    path("search/", core_views.search, name="search"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("pmo.projects.urls")),
    path("strategy/", include("pmo.strategy.urls")),
    path("coe/", include("pmo.coe.urls")),
    path("", include("pmo.schedule.urls")),
    path("", include("pmo.raid.urls")),
    path("", include("pmo.progress.urls")),
    path("", include("pmo.resources.urls")),
    path("", include("pmo.portfolio.urls")),
    path("", include("pmo.reports.urls")),
    path("api/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api_docs"),
    path("admin/", admin.site.urls),
]

handler404 = "pmo.core.views.not_found"
handler500 = "pmo.core.views.server_error"
