from django.urls import path

from . import views

app_name = "progress"

urlpatterns = [
    path("projects/<int:pk>/reports/", views.ProjectReports.as_view(), name="project_reports"),
    path("projects/<int:pk>/reports/new/", views.report_create, name="report_create"),
    path("projects/<int:pk>/costs/", views.ProjectCosts.as_view(), name="project_costs"),
    path("projects/<int:pk>/costs/set/", views.cost_set, name="cost_set"),
    path("projects/<int:pk>/costs/import/", views.cost_import, name="cost_import"),
    path("projects/<int:pk>/costs/export/", views.cost_export, name="cost_export"),
    path("reports/status/", views.ReportList.as_view(), name="report_list"),
    path("reports/status/<int:pk>/", views.ReportDetail.as_view(), name="report_detail"),
    path("reports/status/<int:pk>/edit/", views.ReportEdit.as_view(), name="report_edit"),
    path("reports/status/<int:pk>/submit/", views.report_submit, name="report_submit"),
    path("reports/status/<int:pk>/approve/", views.report_approve, name="report_approve"),
    path("reports/status/<int:pk>/send-back/", views.report_send_back, name="report_send_back"),
]
