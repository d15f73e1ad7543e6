from django.urls import path

from . import views, views_benefits

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

urlpatterns += [
    path("benefits/", views_benefits.benefit_list, name="benefit_list"),
    path("benefits/new/", views_benefits.BenefitCreate.as_view(), name="benefit_create"),
    path("benefits/rollup/", views_benefits.benefit_rollup, name="benefit_rollup"),
    path("benefits/map/", views_benefits.benefit_map, name="benefit_map"),
    path("benefits/<int:pk>/", views_benefits.BenefitDetail.as_view(), name="benefit_detail"),
    path("benefits/<int:pk>/edit/", views_benefits.BenefitEdit.as_view(), name="benefit_edit"),
    path("benefits/<int:pk>/history/", views_benefits.BenefitHistory.as_view(), name="benefit_history"),
    path("benefits/<int:pk>/plan/", views_benefits.benefit_plan, name="benefit_plan"),
    path("benefits/<int:pk>/measurements/add/", views_benefits.measurement_add, name="measurement_add"),
    path(
        "benefits/<int:pk>/measurements/<int:value_pk>/remove/",
        views_benefits.measurement_remove,
        name="measurement_remove",
    ),
    path("changes/new/", views_benefits.ChangeCreate.as_view(), name="change_create"),
    path("changes/<int:pk>/", views_benefits.ChangeDetail.as_view(), name="change_detail"),
    path("changes/<int:pk>/edit/", views_benefits.ChangeEdit.as_view(), name="change_edit"),
    path("changes/<int:pk>/history/", views_benefits.ChangeHistory.as_view(), name="change_history"),
    path("portfolios/<int:pk>/benefit-links/add/", views_benefits.map_link_add, name="map_link_add"),
    path("benefit-links/<int:pk>/remove/", views_benefits.map_link_remove, name="map_link_remove"),
]
