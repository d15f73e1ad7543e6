from django.urls import path

from . import views, views_documents

app_name = "projects"

urlpatterns = [
    path("method/", views.method, name="method"),
    path("portfolios/<int:pk>/", views.PortfolioDetail.as_view(), name="portfolio_detail"),
    path("portfolios/<int:pk>/report/", views.PortfolioReport.as_view(), name="portfolio_report"),
    path("portfolios/<int:pk>/edit/", views.PortfolioEdit.as_view(), name="portfolio_edit"),
    path("portfolios/<int:pk>/history/", views.PortfolioHistory.as_view(), name="portfolio_history"),
    path("programmes/", views.ProgrammeList.as_view(), name="programme_list"),
    path("programmes/new/", views.ProgrammeCreate.as_view(), name="programme_create"),
    path("programmes/<int:pk>/", views.ProgrammeDetail.as_view(), name="programme_detail"),
    path("programmes/<int:pk>/edit/", views.ProgrammeEdit.as_view(), name="programme_edit"),
    path("programmes/<int:pk>/history/", views.ProgrammeHistory.as_view(), name="programme_history"),
    path("programmes/<int:pk>/office/add/", views.programme_member_add, name="programme_member_add"),
    path(
        "programmes/<int:pk>/office/<int:member_pk>/remove/",
        views.programme_member_remove,
        name="programme_member_remove",
    ),
    path("projects/", views.ProjectList.as_view(), name="project_list"),
    path("projects/new/", views.ProjectCreate.as_view(), name="project_create"),
    path("projects/<int:pk>/", views.ProjectDetail.as_view(), name="project_detail"),
    path("projects/<int:pk>/edit/", views.ProjectEdit.as_view(), name="project_edit"),
    path("projects/<int:pk>/team/", views.ProjectTeam.as_view(), name="project_team"),
    path("projects/<int:pk>/history/", views.ProjectHistory.as_view(), name="project_history"),
    path("projects/<int:pk>/transition/", views.project_transition, name="project_transition"),
    path("projects/<int:pk>/team/add/", views.project_member_add, name="project_member_add"),
    path(
        "projects/<int:pk>/team/<int:member_pk>/remove/",
        views.project_member_remove,
        name="project_member_remove",
    ),
    # -- documents and templates --
    path(
        "projects/<int:pk>/documents/", views_documents.ProjectDocuments.as_view(), name="project_documents"
    ),
    path("projects/<int:pk>/documents/add/", views_documents.document_add, name="document_add"),
    path(
        "projects/<int:pk>/documents/<int:doc_pk>/edit/", views_documents.document_edit, name="document_edit"
    ),
    path(
        "projects/<int:pk>/documents/<int:doc_pk>/delete/",
        views_documents.document_delete,
        name="document_delete",
    ),
    path(
        "projects/<int:pk>/documents/<int:doc_pk>/download/",
        views_documents.document_download,
        name="document_download",
    ),
]
