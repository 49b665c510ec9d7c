import pytest

from toolbox.factories import KnowledgeIndexPageFactory, ToolboxIndexPageFactory, ToolPageFactory, ToolThemeFactory


@pytest.fixture
def themes(locales):
    return {
        slug: ToolThemeFactory(slug=slug, name=name, locale=locales["fr"], sort_order=order)
        for order, (slug, name) in enumerate(
            [("funding", "Financement"), ("digital-tools", "Outils numériques"), ("communication", "Communication")]
        )
    }


@pytest.fixture
def toolbox_index(home_fr):
    return ToolboxIndexPageFactory(parent=home_fr)


@pytest.fixture
def knowledge_index(home_fr):
    return KnowledgeIndexPageFactory(parent=home_fr)


@pytest.fixture
def tools(toolbox_index, themes):
    """Four sheets whose facet values overlap in known ways."""
    spec = {
        "Budget": (["funding"], ["board"], "short", "easy"),
        "Crowdfunding": (["funding", "digital-tools"], ["volunteers"], "short", "advanced"),
        "Agenda partagé": (["digital-tools"], ["volunteers", "board"], "day", "easy"),
        "Météo d'entrée": ([], [], "", "easy"),
    }
    return {
        title: ToolPageFactory(
            parent=toolbox_index,
            title=title,
            summary=f"Fiche {title}",
            themes=[themes[slug] for slug in slugs],
            audience=audience,
            duration=duration,
            difficulty=difficulty,
        )
        for title, (slugs, audience, duration, difficulty) in spec.items()
    }
