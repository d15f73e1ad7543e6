from django.urls import path

from . import views

app_name = "raid"

urlpatterns = [
    path("projects/<int:pk>/raid/", views.ProjectRaid.as_view(), name="project_raid"),
    path("projects/<int:pk>/raid/risks/add/", views.RiskCreate.as_view(), name="risk_create"),
    path("projects/<int:pk>/raid/issues/add/", views.IssueCreate.as_view(), name="issue_create"),
    path("projects/<int:pk>/raid/actions/add/", views.ActionCreate.as_view(), name="action_create"),
    path("raid/risks/", views.RiskList.as_view(), name="risk_list"),
    path("raid/issues/", views.IssueList.as_view(), name="issue_list"),
    path("raid/actions/", views.ActionList.as_view(), name="action_list"),
    path("raid/actions/mine/", views.MyActions.as_view(), name="my_actions"),
    path("raid/risks/export/", views.RiskExport.as_view(), name="risk_export"),
    path("raid/issues/export/", views.IssueExport.as_view(), name="issue_export"),
    path("raid/actions/export/", views.ActionExport.as_view(), name="action_export"),
    path("projects/<int:pk>/raid/import/", views.register_import, name="register_import"),
    path("raid/risks/<int:pk>/", views.RiskDetail.as_view(), name="risk_detail"),
    path("raid/issues/<int:pk>/", views.IssueDetail.as_view(), name="issue_detail"),
    path("raid/actions/<int:pk>/", views.ActionDetail.as_view(), name="action_detail"),
    path("raid/<str:kind>/<int:pk>/escalate/", views.escalate, name="escalate"),
    path("raid/scale/", views.Scale.as_view(), name="scale"),
    path("raid/scale/<int:pk>/", views.scale_update, name="scale_update"),
    path("raid/registers/<str:kind>/", views.GenericRegister.as_view(), name="item_list"),
    path("raid/registers/<str:kind>/export/", views.GenericExport.as_view(), name="item_export"),
    path("raid/items/<str:kind>/<int:pk>/", views.GenericDetail.as_view(), name="item_detail"),
    path("projects/<int:pk>/raid/<str:kind>/add/", views.GenericCreate.as_view(), name="item_create"),
]
