from django.urls import path

from . import views, views_knowledge, views_lessons, views_onboarding, views_reviews, views_templates

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
    # Documents and templates
    path("templates/", views_templates.TemplateList.as_view(), name="template_list"),
    path("templates/new/", views_templates.TemplateCreate.as_view(), name="template_create"),
    path("templates/<int:pk>/", views_templates.TemplateDetail.as_view(), name="template_detail"),
    path("templates/<int:pk>/edit/", views_templates.TemplateEdit.as_view(), name="template_edit"),
    path(
        "templates/<int:pk>/versions/add/", views_templates.template_version_add, name="template_version_add"
    ),
    path(
        "templates/<int:pk>/versions/<int:number>/download/",
        views_templates.template_download,
        name="template_download",
    ),
    path("projects/<int:pk>/documents/from-template/", views_templates.template_use, name="template_use"),
    # Reviews and audits
    path("questionnaires/", views_reviews.QuestionnaireList.as_view(), name="questionnaire_list"),
    path("questionnaires/new/", views_reviews.QuestionnaireCreate.as_view(), name="questionnaire_create"),
    path(
        "questionnaires/<int:pk>/", views_reviews.QuestionnaireDetail.as_view(), name="questionnaire_detail"
    ),
    path(
        "questionnaires/<int:pk>/edit/", views_reviews.QuestionnaireEdit.as_view(), name="questionnaire_edit"
    ),
    path("questionnaires/<int:pk>/copy/", views_reviews.questionnaire_copy, name="questionnaire_copy"),
    path("questionnaires/<int:pk>/questions/add/", views_reviews.question_add, name="question_add"),
    path("questions/<int:pk>/remove/", views_reviews.question_remove, name="question_remove"),
    path("health-checks/", views_reviews.health_overview, name="health_overview"),
    path("health-checks/<int:pk>/", views_reviews.HealthCheckDetail.as_view(), name="health_check_detail"),
    path("projects/<int:pk>/reviews/", views_reviews.ProjectReviewsTab.as_view(), name="project_reviews"),
    path("projects/<int:pk>/health-checks/new/", views_reviews.health_check_new, name="health_check_new"),
    path("audits/", views_reviews.AuditList.as_view(), name="audit_list"),
    path("audits/new/", views_reviews.AuditCreate.as_view(), name="audit_create"),
    path("audits/<int:pk>/", views_reviews.AuditDetail.as_view(), name="audit_detail"),
    path("audits/<int:pk>/edit/", views_reviews.AuditEdit.as_view(), name="audit_edit"),
    path("audits/<int:pk>/findings/add/", views_reviews.finding_add, name="finding_add"),
    path("audits/<int:pk>/close/", views_reviews.audit_close, name="audit_close"),
    # Training, knowledge base, maturity
    path("training/courses/", views_knowledge.CourseList.as_view(), name="course_list"),
    path("training/courses/new/", views_knowledge.CourseCreate.as_view(), name="course_create"),
    path("training/courses/<int:pk>/", views_knowledge.CourseDetail.as_view(), name="course_detail"),
    path("training/courses/<int:pk>/edit/", views_knowledge.CourseEdit.as_view(), name="course_edit"),
    path("training/courses/<int:pk>/completions/add/", views_knowledge.completion_add, name="completion_add"),
    path(
        "training/completions/<int:pk>/remove/", views_knowledge.completion_remove, name="completion_remove"
    ),
    path("training/courses/<int:pk>/roles/add/", views_knowledge.requirement_add, name="requirement_add"),
    path(
        "training/requirements/<int:pk>/remove/",
        views_knowledge.requirement_remove,
        name="requirement_remove",
    ),
    path("training/matrix/", views_knowledge.competency_matrix, name="competency_matrix"),
    path("training/mine/", views_knowledge.my_training, name="my_training"),
    path("knowledge/", views_knowledge.ArticleList.as_view(), name="article_list"),
    path("knowledge/new/", views_knowledge.ArticleCreate.as_view(), name="article_create"),
    path("knowledge/glossary/", views_knowledge.glossary, name="glossary"),
    path("knowledge/glossary/new/", views_knowledge.GlossaryCreate.as_view(), name="glossary_create"),
    path("knowledge/glossary/<int:pk>/edit/", views_knowledge.GlossaryEdit.as_view(), name="glossary_edit"),
    path("knowledge/<slug:slug>/", views_knowledge.ArticleDetail.as_view(), name="article_detail"),
    path("knowledge/<slug:slug>/edit/", views_knowledge.ArticleEdit.as_view(), name="article_edit"),
    path("maturity/", views_knowledge.maturity_overview, name="maturity"),
    path("maturity/new/", views_knowledge.maturity_assess, name="maturity_assess"),
    path("maturity/<int:pk>/", views_knowledge.MaturityDetail.as_view(), name="maturity_detail"),
    path("maturity/actions/", views_knowledge.ActionList.as_view(), name="maturity_actions"),
    path("maturity/actions/new/", views_knowledge.ActionCreate.as_view(), name="maturity_action_create"),
    path(
        "maturity/actions/<int:pk>/edit/", views_knowledge.ActionEdit.as_view(), name="maturity_action_edit"
    ),
    path("maturity/actions/<int:pk>/status/", views_knowledge.action_status, name="maturity_action_status"),
    # Lessons learned
    path("lessons/", views_lessons.LessonList.as_view(), name="lesson_list"),
    path("lessons/new/", views_lessons.LessonCreate.as_view(), name="lesson_create"),
    path("lessons/<int:pk>/", views_lessons.LessonDetail.as_view(), name="lesson_detail"),
    path("lessons/<int:pk>/edit/", views_lessons.LessonEdit.as_view(), name="lesson_edit"),
    path("lessons/<int:pk>/delete/", views_lessons.lesson_delete, name="lesson_delete"),
    path("lessons/<int:pk>/feedback/", views_lessons.lesson_feedback, name="lesson_feedback"),
    path("projects/<int:pk>/lessons/", views_lessons.ProjectLessons.as_view(), name="project_lessons"),
    path("projects/<int:pk>/onboarding/", views_onboarding.OnboardingBrief.as_view(), name="onboarding"),
    path("projects/<int:pk>/onboarding.pdf", views_onboarding.onboarding_pdf, name="onboarding_pdf"),
]
