from django.urls import path

from . import views

app_name = "resources"

urlpatterns = [
    path("resources/", views.Heatmap.as_view(), name="heatmap"),
    path("resources/people-load/", views.PeopleHeatmap.as_view(), name="people_heatmap"),
    path("resources/over-allocation/", views.Overallocation.as_view(), name="overallocation"),
    path("resources/export/", views.export, name="export"),
    path("resources/people/", views.PersonList.as_view(), name="person_list"),
    path("resources/people/new/", views.PersonCreate.as_view(), name="person_create"),
    path("resources/people/<int:pk>/", views.PersonDetail.as_view(), name="person_detail"),
    path("resources/people/<int:pk>/edit/", views.PersonEdit.as_view(), name="person_edit"),
    path("resources/people/<int:pk>/leave/", views.leave_add, name="leave_add"),
    path("resources/leave/<int:pk>/remove/", views.leave_remove, name="leave_remove"),
    path("resources/roles/", views.RoleList.as_view(), name="role_list"),
    path("resources/roles/new/", views.RoleCreate.as_view(), name="role_create"),
    path("resources/roles/<int:pk>/edit/", views.RoleEdit.as_view(), name="role_edit"),
    path("projects/<int:pk>/resources/", views.ProjectPlan.as_view(), name="project_plan"),
    path("projects/<int:pk>/resources/set/", views.demand_set, name="demand_set"),
    path("my/allocations/", views.MyAllocations.as_view(), name="my_allocations"),
]
