"""Template helpers of the knowledge base: Markdown rendered safely, and the guide pages of a method's phase."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from pmo.coe.markdown import render_markdown
from pmo.coe.models import Article, Phase

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str | None) -> SafeString:
    """{{ text|markdown }}: Markdown as sanitised HTML."""
    return render_markdown(text)


@register.simple_tag(takes_context=True)
def guide_articles(context, phase: Phase) -> list[Article]:
    """The guide articles the user may read for `phase`: those of the phase (by name, in any version of the
    method) and, with the first phase, those of the method as a whole (no phase). One query per version page, cached in the context."""
    cache = context.render_context.setdefault("coe_guide_articles", {})
    version = phase.method_version
    if version.pk not in cache:
        user = context["request"].user
        cache[version.pk] = list(
            Article.objects.visible_to(user)
            .filter(method_id=version.method_id)
            .select_related("phase")
            .order_by("title")
        )
    articles = cache[version.pk]
    first = phase.position == 1
    # matched by name: a new version of the method copies its phases, and the guide stays with them
    return [a for a in articles if (a.phase.name == phase.name if a.phase else first)]
