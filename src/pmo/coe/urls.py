from django.urls import path

from . import views

app_name = "coe"

urlpatterns = [
    path("methods/", views.MethodList.as_view(), name="method_list"),
    path("methods/new/", views.MethodCreate.as_view(), name="method_create"),
    path("methods/<int:pk>/", views.method_detail, name="method_detail"),
    path("methods/<int:pk>/edit/", views.MethodEdit.as_view(), name="method_edit"),
    path("methods/<int:pk>/new-version/", views.version_new, name="version_new"),
    path("versions/<int:pk>/", views.VersionDetail.as_view(), name="version_detail"),
    path("versions/<int:pk>/publish/", views.version_publish, name="version_publish"),
    path("versions/<int:pk>/phases/add/", views.phase_add, name="phase_add"),
    path("phases/<int:pk>/remove/", views.phase_remove, name="phase_remove"),
    path("phases/<int:pk>/deliverables/add/", views.type_add, name="type_add"),
    path("deliverable-types/<int:pk>/remove/", views.type_remove, name="type_remove"),
    path("compliance/", views.compliance_overview, name="compliance"),
    path("projects/<int:pk>/method/", views.ProjectMethodTab.as_view(), name="project_method"),
    path("projects/<int:pk>/method/follow/", views.method_follow, name="method_follow"),
    path("projects/<int:pk>/method/migrate/", views.method_migrate, name="method_migrate"),
    path("projects/<int:pk>/method/gate/", views.gate_decide, name="gate_decide"),
    path("projects/<int:pk>/deliverables/<int:type_pk>/", views.deliverable_set, name="deliverable_set"),
    path("projects/<int:pk>/deliverables/<int:type_pk>/waive/", views.waiver_grant, name="waiver_grant"),
    path("projects/<int:pk>/waivers/<int:waiver_pk>/revoke/", views.waiver_revoke, name="waiver_revoke"),
]
