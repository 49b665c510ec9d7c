"""The open API (`/api/v1/`): read endpoints for the directory, its categories, the agenda, the toolbox and the
knowledge repository; partner writes; exports."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.http import http_date
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import conditional_page
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, renderers, status, viewsets
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response
from wagtail.models import Locale

from agenda import selectors
from agenda.ics_export import calendar_bytes
from agenda.models import EventPage
from agenda.occurrences import occurrences_between
from incommon_cms.core.filtersets import FlagField
from incommon_cms.core.ratelimit import hit
from incommon_cms.core.slugs import unique_slug
from incommon_cms.directory.models import (
    AlternativePage,
    Category,
    DirectoryIndexPage,
    GoodAddressPage,
    PlacePage,
    ProfilePage,
)
from incommon_cms.directory.profile import structured_data
from incommon_cms.directory.selectors import profiles_for_language, public_profiles
from incommon_cms.governance.submissions import submit_revision
from toolbox.models import (
    KnowledgeItemPage,
    ToolPage,
)
from toolbox.selectors import one_per_translation

from ..engine import assign_values
from ..models import ApiToken, ImportedRecord
from .auth import PartnerTokenAuthentication, ReadOnlyOrPartnerToken
from .filtersets import EventApiFilterSet, KnowledgeApiFilterSet, ProfileApiFilterSet, ToolApiFilterSet, parse_moment
from .renderers import CSVRenderer, GeoJSONRenderer, ICSRenderer, JSONLDRenderer, XLSXRenderer
from .serializers import (
    CategorySerializer,
    EventOccurrenceSerializer,
    EventSerializer,
    KnowledgeSerializer,
    ProfileSerializer,
    ProfileWriteSerializer,
    ToolSerializer,
    WriteResultSerializer,
    absolute_url,
    site_base_url,
    source_attributions,
)

EXPORT_FORMATS = {"geojson", "jsonld", "csv", "xlsx"}
WRITE_LIMIT_PER_HOUR = getattr(settings, "COMMONS_API_WRITE_LIMIT", 120)
MAX_EVENT_RANGE_DAYS = 731

LANG_PARAMETER = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=[code for code, _name in settings.LANGUAGES],
    description="Language wanted; untranslated items come in their own language, marked by `translated: false`.",
)
FORMAT_PARAMETER = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    enum=["json", "geojson", "jsonld", "csv", "xlsx"],
    description="Output format. GeoJSON, JSON-LD, CSV and XLSX return every matching record, unpaginated.",
)


class Pagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = 500


class OpenApiViewSet(viewsets.GenericViewSet):
    authentication_classes = [PartnerTokenAuthentication]
    permission_classes = [ReadOnlyOrPartnerToken]
    pagination_class = Pagination
    renderer_classes = [renderers.JSONRenderer, renderers.BrowsableAPIRenderer]
    # Ids are database integers: anything longer than 18 digits is no id (a 404, never a database overflow).
    lookup_value_regex = "[0-9]{1,18}"

    @classmethod
    def as_view(cls, *args, **kwargs):
        """Answers carry an ETag; a matching If-None-Match gets 304 Not Modified."""
        return conditional_page(super().as_view(*args, **kwargs))

    def finalize_response(self, request, response, *args, **kwargs):
        if response.status_code == 404:
            # The API lives outside the language prefixes: keep LocaleMiddleware from turning its 404s into
            # redirects to /fr/api/..., by resolving this request against the language-independent routes.
            request._request.urlconf = "incommon_cms.commons.urls"
        return super().finalize_response(request, response, *args, **kwargs)

    def language(self):
        codes = [code for code, _name in settings.LANGUAGES]
        lang = self.request.query_params.get("lang") or (get_language() or settings.LANGUAGE_CODE)[:2]
        if lang not in codes:
            raise exceptions.ValidationError({"lang": [_("Choose one of: %(codes)s.") % {"codes": ", ".join(codes)}]})
        return lang

    def output_format(self):
        renderer = getattr(self.request, "accepted_renderer", None)
        return getattr(renderer, "format", "json")

    def respond(self, items, serialize, last_modified=None):
        if self.output_format() in EXPORT_FORMATS:
            response = Response(serialize(list(items)))
            if self.output_format() in ("csv", "xlsx"):
                filename = f"{self.basename}.{self.output_format()}"
                response["Content-Disposition"] = f'attachment; filename="{filename}"'
        else:
            page = self.paginate_queryset(items)
            response = self.get_paginated_response(serialize(page))
        if last_modified:
            response["Last-Modified"] = http_date(last_modified.timestamp())
        return response


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER, FORMAT_PARAMETER], responses=ProfileSerializer(many=True)),
    retrieve=extend_schema(parameters=[LANG_PARAMETER, FORMAT_PARAMETER], responses=ProfileSerializer),
)
class ProfileViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, OpenApiViewSet):
    """Profiles of the directory (alternatives, places and good addresses). Public fields only."""

    model = ProfilePage
    serializer_class = ProfileSerializer
    renderer_classes = [*OpenApiViewSet.renderer_classes, GeoJSONRenderer, JSONLDRenderer, CSVRenderer, XLSXRenderer]
    queryset = ProfilePage.objects.none()
    filter_backends = [DjangoFilterBackend]
    filterset_class = ProfileApiFilterSet

    def base_queryset(self):
        queryset = public_profiles()
        if self.model is not ProfilePage:
            queryset = queryset.type(self.model)
        return queryset

    def get_queryset(self):
        return profiles_for_language(self.language(), self.base_queryset())

    def serialize(self, pages):
        pages = list(pages)
        ids, specific = [page.pk for page in pages], {}
        for model in {page.specific_class for page in pages} - {None}:
            # One query per profile type, with what the records read (instead of several queries per profile).
            queryset = model.objects.filter(pk__in=ids).select_related("locale", "commune")
            specific.update(queryset.prefetch_related("categories", "tags").in_bulk())
        pages = [specific.get(page.pk) or page.specific for page in pages]
        context = {
            **self.get_serializer_context(),
            "language": self.language(),
            "base_url": site_base_url(self.request),
            "sources": source_attributions(pages),
        }
        records = ProfileSerializer(pages, many=True, context=context).data
        if self.output_format() == "jsonld":
            return [self.json_ld(page, record) for page, record in zip(pages, records, strict=True)]
        return records

    def json_ld(self, page, record):
        data = structured_data(page, self.request)
        data.update(
            {
                "identifier": str(page.pk),
                "inLanguage": record["language"],
                "license": record["licence"]["url"],
                "creditText": record["attribution"],
                "dateModified": record["last_modified"],
            }
        )
        return data

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        latest = queryset.order_by("-last_published_at").values_list("last_published_at", flat=True).first()
        return self.respond(queryset, self.serialize, latest)

    def retrieve(self, request, *args, **kwargs):
        self.language()
        page = get_object_or_404(self.base_queryset(), pk=kwargs["pk"])
        data = self.serialize([page])[0]
        response = Response(data)
        if page.last_published_at:
            response["Last-Modified"] = http_date(page.last_published_at.timestamp())
        return response


class ProfileWriteMixin:
    """Partners propose changes: a draft revision submitted to the profile's moderation workflow."""

    def check_rate(self, token):
        if not hit("api-write", f"token:{token.pk}", WRITE_LIMIT_PER_HOUR, 3600):
            raise exceptions.Throttled(detail=_("Too many changes sent with this token; try again in an hour."))

    def clean_values(self, request, *, creating):
        serializer = ProfileWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        if creating and not values.get("title"):
            raise exceptions.ValidationError({"title": [_("A new profile needs a title.")]})
        if not values:
            raise exceptions.ValidationError({"non_field_errors": [_("Send at least one field to change.")]})
        return values

    def apply(self, page, values):
        categories = {c.slug: c for c in Category.objects.filter(locale_id=page.locale_id)}
        try:
            assign_values(page, values, categories)
        except DjangoValidationError as error:
            detail = error.message_dict if hasattr(error, "message_dict") else {"non_field_errors": error.messages}
            raise exceptions.ValidationError(detail) from error

    @extend_schema(
        request=ProfileWriteSerializer,
        responses={
            202: WriteResultSerializer,
            409: OpenApiResponse(description="An untranslated copy: `original` names the profile to edit instead."),
        },
    )
    def partial_update(self, request, *args, **kwargs):
        token = request.auth
        self.check_rate(token)
        page = get_object_or_404(self.base_write_queryset(), pk=kwargs["pk"]).specific
        if not token_may_edit(token, page):
            raise exceptions.PermissionDenied(_("This token cannot change this profile."))
        if page.alias_of_id:
            return self.untranslated_copy(request, page)
        values = self.clean_values(request, creating=False)
        draft = page.get_latest_revision_as_object()
        self.apply(draft, values)
        with transaction.atomic():
            submit_revision(draft, token.user)
        return Response(
            {"id": page.pk, "status": "pending_moderation", "detail": _("The change waits for moderation.")},
            status=status.HTTP_202_ACCEPTED,
        )

    @extend_schema(request=ProfileWriteSerializer, responses={201: WriteResultSerializer})
    def create(self, request, *args, **kwargs):
        token = request.auth
        self.check_rate(token)
        if token.source_id is None:
            raise exceptions.PermissionDenied(_("A collective's token can only change its own profile."))
        values = self.clean_values(request, creating=True)
        source = token.source
        index = DirectoryIndexPage.objects.filter(locale_id=source.locale_id).first()
        if index is None:
            raise exceptions.ValidationError({"non_field_errors": [_("There is no directory in this language.")]})
        page = self.model(locale_id=source.locale_id, live=False, data_licence=source.licence)
        self.apply(page, values)
        with transaction.atomic():
            page.slug = unique_slug(index, page.title, fallback="profile")
            index.add_child(instance=page)
            submit_revision(page, token.user)
            ImportedRecord.objects.create(
                source=source,
                external_id=f"api:{page.pk}",
                profile=page,
                content_hash="",
                values={name: str(value) for name, value in values.items()},
            )
        return Response(
            {"id": page.pk, "status": "pending_moderation", "detail": _("The new profile waits for moderation.")},
            status=status.HTTP_201_CREATED,
        )

    def untranslated_copy(self, request, page):
        """409 Conflict for an untranslated copy (a Wagtail alias): it has no text of its own to change, it shows
        its original's, so the change goes to the original, whose id and addresses the answer gives."""
        original = page.alias_of.specific
        language = original.locale.language_code
        base_url = site_base_url(request)
        return Response(
            {
                "detail": _(
                    "This is an untranslated copy of a profile written in %(language)s: edit the original, in "
                    "%(language)s, instead."
                )
                % {"language": get_language_info(language)["name_translated"]},
                "original": {
                    "id": original.pk,
                    "language": language,
                    "url": absolute_url(original, base_url),
                    "api_url": base_url + reverse(f"{self.basename}-detail", args=[original.pk]),
                },
            },
            status=status.HTTP_409_CONFLICT,
        )

    def base_write_queryset(self):
        queryset = ProfilePage.objects.all()
        return queryset.type(self.model) if self.model is not ProfilePage else queryset


def token_may_edit(token, page):
    if not isinstance(token, ApiToken):
        return False
    if token.profile_id:
        return token.profile.translation_key == page.translation_key
    return ImportedRecord.objects.filter(
        source_id=token.source_id, profile__translation_key=page.translation_key
    ).exists()


class WritableProfileViewSet(ProfileWriteMixin, ProfileViewSet):
    http_method_names = ["get", "head", "options", "post", "patch"]


class AlternativeViewSet(WritableProfileViewSet):
    """Alternatives: asbl, cooperatives, collectives, shops, independents, networks."""

    model = AlternativePage


class PlaceViewSet(WritableProfileViewSet):
    """Places: rooms and spaces to share."""

    model = PlacePage


class GoodAddressViewSet(WritableProfileViewSet):
    """Good addresses: suppliers and services recommended by the alternatives."""

    model = GoodAddressPage


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER], responses=CategorySerializer(many=True)),
    retrieve=extend_schema(parameters=[LANG_PARAMETER], responses=CategorySerializer),
)
class CategoryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, OpenApiViewSet):
    """Themes of the directory; `slug` is the same in every language."""

    serializer_class = CategorySerializer
    queryset = Category.objects.none()
    lookup_field = "slug"
    lookup_value_regex = "[^/.]+"

    def chosen(self):
        language = self.language()
        chosen = {}
        for category in Category.objects.select_related("locale").order_by("slug", "pk"):
            if category.slug not in chosen or category.locale.language_code == language:
                chosen[category.slug] = category
        return language, [chosen[slug] for slug in sorted(chosen)]

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "language": self.language()}

    def list(self, request, *args, **kwargs):
        _language, categories = self.chosen()
        return self.respond(categories, lambda items: self.get_serializer(items, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        _language, categories = self.chosen()
        for category in categories:
            if category.slug == kwargs["slug"]:
                return Response(self.get_serializer(category).data)
        raise exceptions.NotFound()


def parse_window_bound(value, *, end=False):
    """An aware moment from a date (an end date counts whole) or a date-time; ValueError when unreadable."""
    day = parse_date(value) if len(value) == 10 else None
    if day is not None:
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
        return moment + datetime.timedelta(days=1) if end else moment
    return parse_moment(value)


class PageRecordViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, OpenApiViewSet):
    """Shared by the page-based endpoints: the language asked and its locale."""

    def locale(self):
        return Locale.objects.filter(language_code=self.language()).first() or Locale.get_default()


EVENT_PERIOD_PARAMETERS = [
    LANG_PARAMETER,
    OpenApiParameter(
        "format",
        OpenApiTypes.STR,
        enum=["json", "ics"],
        description="`ics`: the events of the same query as one iCalendar file (series keep their RRULE).",
    ),
    OpenApiParameter(
        "start",
        OpenApiTypes.STR,
        description="Start of the period: a date (2025-05-01) or a date-time. Default: today.",
    ),
    OpenApiParameter(
        "end",
        OpenApiTypes.STR,
        description="End of the period: a date (included) or a date-time (excluded). Default: a year after the "
        f"start; at most {MAX_EVENT_RANGE_DAYS} days after it.",
    ),
    OpenApiParameter(
        "occurrences",
        OpenApiTypes.BOOL,
        description="true: one record per occurrence in the period (series expanded), dated at the occurrence.",
    ),
]


@extend_schema_view(
    list=extend_schema(parameters=EVENT_PERIOD_PARAMETERS, responses=EventSerializer(many=True)),
    retrieve=extend_schema(
        parameters=[LANG_PARAMETER, OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "ics"])],
        responses=EventSerializer,
    ),
)
class EventViewSet(PageRecordViewSet):
    """Events of the shared agenda in a period, as events or as occurrences; also as iCalendar."""

    serializer_class = EventSerializer
    renderer_classes = [*OpenApiViewSet.renderer_classes, ICSRenderer]
    queryset = EventPage.objects.none()
    filter_backends = [DjangoFilterBackend]
    filterset_class = EventApiFilterSet

    def window(self):
        params = self.request.query_params
        errors, bounds = {}, {}
        for name in ("start", "end"):
            if params.get(name):
                try:
                    bounds[name] = parse_window_bound(params[name], end=name == "end")
                except (ValueError, OverflowError):
                    errors[name] = [_("Give a date such as 2025-01-31 or a date-time such as 2025-01-31T18:00.")]
        if errors:
            raise exceptions.ValidationError(errors)
        start = bounds.get("start") or timezone.make_aware(
            datetime.datetime.combine(timezone.localdate(), datetime.time())
        )
        end = bounds.get("end") or start + datetime.timedelta(days=365)
        if end <= start:
            raise exceptions.ValidationError({"end": [_("The end of the period must come after its start.")]})
        if end - start > datetime.timedelta(days=MAX_EVENT_RANGE_DAYS + 1):
            raise exceptions.ValidationError(
                {"end": [_("The period can be at most %(days)s days long.") % {"days": MAX_EVENT_RANGE_DAYS}]}
            )
        return start, end

    def flag(self, name):
        """A yes/no parameter read as the filter sets' flags are (`core.filtersets.FlagField`)."""
        try:
            return FlagField(required=False).clean(self.request.query_params.get(name))
        except DjangoValidationError as error:
            raise exceptions.ValidationError({name: error.messages}) from error

    def occurrences(self):
        """(events, occurrences) of the query, by first start in the period."""
        language = self.language()
        start, end = self.window()
        events = selectors.events_for_locale(self.locale())
        candidates = EventPage.objects.filter(pk__in=[event.pk for event in events])
        kept = set(self.filter_queryset(candidates).values_list("pk", flat=True))
        events = [event for event in events if event.pk in kept]
        found = occurrences_between(selectors.window_events(events, start, end), start, end)
        ordered = list({occurrence.event.pk: occurrence.event for occurrence in found}.values())
        return language, ordered, found

    def list(self, request, *args, **kwargs):
        language, events, found = self.occurrences()
        expanded = self.flag("occurrences")
        latest = max((event.last_published_at for event in events if event.last_published_at), default=None)
        if self.output_format() == "ics":
            response = Response(calendar_bytes(events, name=_("In Common agenda")))
            response["Content-Disposition"] = 'inline; filename="events.ics"'
        else:
            serializer_class = EventOccurrenceSerializer if expanded else EventSerializer
            page = self.paginate_queryset(found if expanded else events)
            context = {**self.get_serializer_context(), "language": language, "base_url": site_base_url(request)}
            response = self.get_paginated_response(serializer_class(page, many=True, context=context).data)
        if latest:
            response["Last-Modified"] = http_date(latest.timestamp())
        return response

    def retrieve(self, request, *args, **kwargs):
        language = self.language()
        event = get_object_or_404(selectors.public_events(), pk=kwargs["pk"])
        if self.output_format() == "ics":
            response = Response(calendar_bytes([event], name=event.title))
            response["Content-Disposition"] = f'inline; filename="{event.slug}.ics"'
            return response
        context = {**self.get_serializer_context(), "language": language, "base_url": site_base_url(request)}
        return Response(EventSerializer(event, context=context).data)


class ToolboxViewSet(PageRecordViewSet):
    """Shared by tool sheets and knowledge items: one version per translation group, in the language asked."""

    model = None
    filter_backends = [DjangoFilterBackend]

    def pages(self):
        pages = self.filter_queryset(self.model.objects.live().public().select_related("locale"))
        return sorted(one_per_translation(list(pages.distinct()), self.locale()), key=self.sort_key)

    def sort_key(self, page):
        return page.title.lower()

    def list(self, request, *args, **kwargs):
        context = self.record_context()
        pages = self.pages()
        latest = max((page.last_published_at for page in pages if page.last_published_at), default=None)
        return self.respond(pages, lambda items: self.serializer_class(items, many=True, context=context).data, latest)

    def record_context(self):
        return {
            **self.get_serializer_context(),
            "language": self.language(),
            "locale": self.locale(),
            "base_url": site_base_url(self.request),
        }

    def retrieve(self, request, *args, **kwargs):
        context = self.record_context()
        page = get_object_or_404(self.model.objects.live().public(), pk=kwargs["pk"])
        response = Response(self.serializer_class(page, context=context).data)
        if page.last_published_at:
            response["Last-Modified"] = http_date(page.last_published_at.timestamp())
        return response


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER], responses=ToolSerializer(many=True)),
    retrieve=extend_schema(parameters=[LANG_PARAMETER], responses=ToolSerializer),
)
class ToolViewSet(ToolboxViewSet):
    """Tool sheets of the toolbox."""

    model = ToolPage
    serializer_class = ToolSerializer
    queryset = ToolPage.objects.none()
    filterset_class = ToolApiFilterSet


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER], responses=KnowledgeSerializer(many=True)),
    retrieve=extend_schema(parameters=[LANG_PARAMETER], responses=KnowledgeSerializer),
)
class KnowledgeViewSet(ToolboxViewSet):
    """Items of the knowledge repository, newest first."""

    model = KnowledgeItemPage
    serializer_class = KnowledgeSerializer
    queryset = KnowledgeItemPage.objects.none()
    filterset_class = KnowledgeApiFilterSet

    def sort_key(self, page):
        return (-(page.date.toordinal() if page.date else 0), page.title.lower())
