from django.urls import path

from . import views, views_levelling, views_risk

app_name = "schedule"

urlpatterns = [
    path("projects/<int:pk>/schedule/", views.ProjectSchedule.as_view(), name="project_schedule"),
    path("projects/<int:pk>/schedule/create/", views.schedule_create, name="schedule_create"),
    path("projects/<int:pk>/schedule/import/", views.schedule_import, name="schedule_import"),
    path("projects/<int:pk>/schedule/export/", views.schedule_export, name="schedule_export"),
    path("projects/<int:pk>/schedule/settings/", views.ScheduleSettings.as_view(), name="schedule_settings"),
    path("projects/<int:pk>/schedule/days-off/add/", views.non_working_day_add, name="non_working_day_add"),
    path(
        "projects/<int:pk>/schedule/days-off/<int:day_pk>/remove/",
        views.non_working_day_remove,
        name="non_working_day_remove",
    ),
    path("projects/<int:pk>/schedule/tasks/add/", views.task_add, name="task_add"),
    path("schedule/tasks/<int:pk>/edit/", views.TaskEdit.as_view(), name="task_edit"),
    path("projects/<int:pk>/schedule/tasks/<int:task_pk>/inline/", views.task_inline, name="task_inline"),
    path("projects/<int:pk>/schedule/tasks/<int:task_pk>/delete/", views.task_delete, name="task_delete"),
    path("projects/<int:pk>/schedule/links/add/", views.link_add, name="link_add"),
    path("projects/<int:pk>/schedule/links/<int:link_pk>/remove/", views.link_remove, name="link_remove"),
    path("projects/<int:pk>/risk/", views_risk.ProjectRisk.as_view(), name="project_risk"),
    path("projects/<int:pk>/risk/drivers/add/", views_risk.risk_driver_add, name="risk_driver_add"),
    path(
        "projects/<int:pk>/risk/drivers/<int:driver_pk>/delete/",
        views_risk.risk_driver_delete,
        name="risk_driver_delete",
    ),
    path("projects/<int:pk>/risk/run/", views_risk.risk_run_request, name="risk_run_request"),
    path("schedule/risk-runs/<int:pk>/", views_risk.RiskRunDetail.as_view(), name="risk_run"),
    path("projects/<int:pk>/schedule/baselines/save/", views.baseline_save, name="baseline_save"),
    path("projects/<int:pk>/schedule/levelling/", views_levelling.Levelling.as_view(), name="levelling"),
    path("projects/<int:pk>/schedule/levelling/run/", views_levelling.level, name="level"),
    path("projects/<int:pk>/schedule/levelling/clear/", views_levelling.level_clear, name="level_clear"),
    path("projects/<int:pk>/schedule/resources/add/", views_levelling.resource_add, name="resource_add"),
    path(
        "projects/<int:pk>/schedule/resources/<int:resource_pk>/",
        views_levelling.resource_update,
        name="resource_update",
    ),
    path(
        "projects/<int:pk>/schedule/resources/<int:resource_pk>/remove/",
        views_levelling.resource_remove,
        name="resource_remove",
    ),
    path(
        "projects/<int:pk>/schedule/assignments/add/", views_levelling.assignment_add, name="assignment_add"
    ),
    path(
        "projects/<int:pk>/schedule/assignments/<int:assignment_pk>/remove/",
        views_levelling.assignment_remove,
        name="assignment_remove",
    ),
]
