from django.urls import path

from . import views

app_name = "strategy"

urlpatterns = [
    path("objectives/", views.ObjectiveList.as_view(), name="objective_list"),
    path("objectives/new/", views.ObjectiveCreate.as_view(), name="objective_create"),
    path("objectives/<int:pk>/", views.ObjectiveDetail.as_view(), name="objective_detail"),
    path("objectives/<int:pk>/edit/", views.ObjectiveEdit.as_view(), name="objective_edit"),
    path("objectives/<int:pk>/history/", views.ObjectiveHistory.as_view(), name="objective_history"),
    path("priorities/", views.priority_list, name="priorities"),
    path("portfolios/<int:pk>/weights/", views.weigh_drivers, name="weigh_drivers"),
    path("projects/<int:pk>/objectives/", views.ProjectObjectives.as_view(), name="project_objectives"),
    path("projects/<int:pk>/objectives/add/", views.link_add, name="link_add"),
    path("projects/<int:pk>/objectives/<int:link_pk>/remove/", views.link_remove, name="link_remove"),
]
