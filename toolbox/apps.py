from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils.translation import gettext_lazy as _

from incommon_cms.core.page_context import register_page_context


class ToolboxConfig(AppConfig):
    name = "toolbox"
    label = "toolbox"
    verbose_name = _("Toolbox and knowledge")

    def ready(self):
        from wagtail.documents import get_document_model

        from incommon_cms.directory.sections import register_profile_section

        from . import sections
        from .models import KnowledgeIndexPage, ToolboxIndexPage
        from .pages import knowledge_context, toolbox_context
        from .signals import document_deleted, document_deleting, document_saved

        register_page_context(ToolboxIndexPage, toolbox_context)
        register_page_context(KnowledgeIndexPage, knowledge_context)
        register_profile_section(
            "tools", order=30, template="toolbox/profile_tools_section.html", get_context=sections.tools_section
        )
        register_profile_section(
            "knowledge",
            order=31,
            template="toolbox/profile_knowledge_section.html",
            get_context=sections.knowledge_section,
        )
        document_model = get_document_model()
        post_save.connect(document_saved, sender=document_model, dispatch_uid="toolbox_document_saved")
        pre_delete.connect(document_deleting, sender=document_model, dispatch_uid="toolbox_document_deleting")
        post_delete.connect(document_deleted, sender=document_model, dispatch_uid="toolbox_document_deleted")
