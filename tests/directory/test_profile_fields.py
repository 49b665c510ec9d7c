"""The data each kind of profile holds is declared once on its model (`shared_fields` + `type_fields`) and every
path that edits or publishes it reads that declaration: the member editor, imports and the API records."""

import pytest

from incommon_cms.commons.api.serializers import ProfileSerializer
from incommon_cms.commons.mapping import importable_fields, validate_mapping
from incommon_cms.directory.factories import GoodAddressPageFactory, PlacePageFactory
from incommon_cms.directory.models import PROFILE_MODELS, AlternativePage, GoodAddressPage, PlacePage
from incommon_cms.governance.forms import profile_form_class

PLACE_ONLY = {
    "capacity",
    "wheelchair_accessible",
    "accessibility",
    "equipment",
    "booking_contact",
    "price_policy",
    "price_details",
}


def test_each_kind_declares_its_own_fields_on_top_of_the_shared_ones():
    assert AlternativePage.data_fields() == AlternativePage.shared_fields
    assert set(PlacePage.data_fields()) - set(PlacePage.shared_fields) == PLACE_ONLY
    assert GoodAddressPage.data_fields()[-2:] == ["offer", "conditions"]
    for model in PROFILE_MODELS.values():
        names = {field.name for field in model._meta.get_fields()}
        assert set(model.data_fields()) <= names, model


@pytest.mark.parametrize("profile_type", sorted(PROFILE_MODELS))
def test_the_member_editor_and_imports_offer_exactly_the_declared_fields(profile_type):
    model = PROFILE_MODELS[profile_type]
    assert list(profile_form_class(model).base_fields) == model.data_fields()
    assert importable_fields(profile_type) == model.data_fields()


def test_an_import_may_not_fill_another_kinds_fields():
    title = {"field": "title", "source": "Nom"}
    errors = validate_mapping([title, {"field": "capacity", "source": "places"}], "alternative")
    assert len(errors) == 1 and "capacity" in errors[0]
    assert validate_mapping([title, {"field": "capacity", "source": "places"}], "place") == []


@pytest.mark.django_db
def test_the_api_record_of_each_kind_carries_its_own_fields(directory):
    place = PlacePageFactory(
        parent=directory["fr"], title="Salle", capacity=40, price_policy="free", equipment="Tables"
    )
    address = GoodAddressPageFactory(parent=directory["fr"], title="Imprimeur", offer="Affiches", conditions="-10 %")
    place_record, address_record = (
        ProfileSerializer(page, context={"language": "fr"}).data for page in (place, address)
    )
    assert set(place_record) >= PLACE_ONLY and not {"offer", "conditions"} & set(place_record)
    assert place_record["capacity"] == 40 and place_record["equipment"] == ["Tables"]
    assert (address_record["offer"], address_record["conditions"]) == ("Affiches", "-10 %")
    assert not PLACE_ONLY & set(address_record)
