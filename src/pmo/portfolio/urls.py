from django.urls import path

from . import views, views_scenarios

app_name = "portfolio"

urlpatterns = [
    path("portfolio/status/", views.Dashboard.as_view(), name="dashboard"),
    path("portfolio/roadmap/", views_scenarios.plan_roadmap, name="roadmap"),
    path("portfolio/scenarios/", views_scenarios.ScenarioList.as_view(), name="scenario_list"),
    path("portfolio/scenarios/new/", views_scenarios.ScenarioCreate.as_view(), name="scenario_create"),
    path("portfolio/scenarios/compare/", views_scenarios.scenario_compare, name="scenario_compare"),
    path("portfolio/scenarios/<int:pk>/", views_scenarios.ScenarioDetail.as_view(), name="scenario_detail"),
    path("portfolio/scenarios/<int:pk>/edit/", views_scenarios.ScenarioEdit.as_view(), name="scenario_edit"),
    path("portfolio/scenarios/<int:pk>/run/", views_scenarios.scenario_run, name="scenario_run"),
    path("portfolio/scenarios/<int:pk>/freeze/", views_scenarios.scenario_freeze, name="scenario_freeze"),
    path("portfolio/scenarios/<int:pk>/copy/", views_scenarios.scenario_copy, name="scenario_copy"),
    path("portfolio/scenarios/<int:pk>/approve/", views_scenarios.scenario_approve, name="scenario_approve"),
]
