"""Directory, person pages, designation flow and coverage dashboard (members only)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exchange.accounts.permissions import coordinator_required, member_required
from exchange.core.csv_safety import SafeCsvWriter

from . import services
from .coverage import (
    MAP_HEIGHT,
    MAP_WIDTH,
    Coverage,
    area_coverage,
    map_tiles,
    municipality_coverage,
    sort_areas,
    totals,
)
from .forms import (
    DeclineForm,
    DesignationCreateForm,
    DesignationEndForm,
    DesignationRequestForm,
    DirectorySearchForm,
    ProfileForm,
)
from .models import Designation, DesignationStatus, Municipality
from .selectors import (
    contacts_for_home,
    designations_requested,
    directory_search,
    fallback_contact_for,
    person_designation_history,
    specialists_visible_to,
)

PAGE_SIZE = 20


def _querystring_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _validation_messages(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


# --- Directory ------------------------------------------------------------------------


@member_required
def directory(request):
    form = DirectorySearchForm(request.GET or None)
    status = 200
    people = specialists_visible_to(request.user).none()
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        data = form.cleaned_data if form.is_bound else {}
        people = directory_search(
            request.user,
            name=data.get("name") or "",
            municipalities=data.get("municipality"),
            province=data.get("province"),
            region=data.get("region"),
            theme=data.get("theme"),
            language=data.get("language") or "",
        )
    page_obj = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page_obj,
        "people": page_obj.object_list,
        "querystring_without_page": _querystring_without_page(request),
        "contacts": contacts_for_home(request.user),
        "gaps": _gaps_without_specialist(form, page_obj),
    }
    return render(request, "specialists/directory.html", context, status=status)


def _gaps_without_specialist(form, page_obj) -> list[dict]:
    """For a municipality search that found nobody: who to contact instead."""
    if page_obj.paginator.count or not form.is_bound or form.errors:
        return []
    found = form.cleaned_data.get("municipality") or []
    return [{"municipality": m, "fallback": fallback_contact_for(m)} for m in found[:3]]


def _visible_person(request, pk):
    people = specialists_visible_to(request.user)
    return get_object_or_404(
        people.select_related("specialist_profile", "home_centre"), pk=pk
    )


@member_required
def person(request, pk):
    person = _visible_person(request, pk)
    designations = person_designation_history(person)
    current = [d for d in designations if d.is_current]
    profile = getattr(person, "specialist_profile", None)
    context = {
        "person": person,
        "profile": profile,
        "themes": list(profile.themes.all()) if profile else [],
        "current_designations": current,
        "history": [d for d in designations if not d.is_current],
        "can_end": request.user.is_coordinator or request.user.pk == person.pk,
    }
    return render(request, "specialists/person.html", context)


@member_required
def vcard(request, pk):
    from .exports import person_vcard

    person = _visible_person(request, pk)
    response = HttpResponse(
        person_vcard(person), content_type="text/vcard; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="specialist-{pk}.vcf"'
    return response


# --- Own profile and designations -----------------------------------------------------


@member_required
def profile_edit(request):
    from .models import SpecialistProfile

    profile = SpecialistProfile.objects.filter(user=request.user).first()
    initial = {}
    if profile is not None:
        initial = {
            "themes": list(profile.themes.all()),
            "languages": profile.language_codes,
            "availability_note": profile.availability_note,
            "phone": profile.phone,
            "hide_phone": profile.hide_phone,
        }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            services.profile_update(user=request.user, **form.cleaned_data)
            messages.success(request, _("Your directory profile was saved."))
            return redirect("specialists:profile")
        status = 400
    else:
        status = 200
    return render(
        request, "specialists/profile_form.html", {"form": form}, status=status
    )


@member_required
def designations(request):
    """Your designations; for coordinators also the requests waiting for them."""
    own = person_designation_history(request.user)
    context = {
        "own": own,
        "requested": (designations_requested() if request.user.is_coordinator else []),
        "decline_form": DeclineForm(),
    }
    return render(request, "specialists/designations.html", context)


@member_required
def designation_request(request):
    form = DesignationRequestForm(
        request.POST or None, initial={"start_date": timezone.localdate()}
    )
    status = 200
    if request.method == "POST" and form.is_add_step:
        status = 400 if form.errors else 200
    elif request.method == "POST":
        if form.is_valid():
            try:
                services.designation_request(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                for message in _validation_messages(error):
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _("Your request was sent; a coordinator will verify it."),
                )
                return redirect("specialists:designations")
        status = 400
    return render(
        request,
        "specialists/designation_form.html",
        {"form": form, "title": _("Ask to be designated as newcomer specialist")},
        status=status,
    )


def _designation_initial(request) -> dict:
    """Today, and the municipality the coverage page linked from (``?municipality``)."""
    initial = {"start_date": timezone.localdate()}
    refnis = request.GET.get("municipality")
    municipality = refnis and Municipality.objects.filter(refnis=refnis).first()
    if municipality:
        initial["municipalities"] = municipality.name
    return initial


def _designated_message(user, designation) -> str:
    places = ", ".join(m.name for m in designation.municipalities.all())
    return _("%(person)s is now designated for %(places)s.") % {
        "person": user.display_name,
        "places": places,
    }


@coordinator_required
def designation_create(request):
    initial = _designation_initial(request)
    form = DesignationCreateForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_add_step:
        status = 400 if form.errors else 200
    elif request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            user = data.pop("email")
            try:
                designation = services.designation_create(
                    user=user, designated_by=request.user, **data
                )
            except ValidationError as error:
                for message in _validation_messages(error):
                    form.add_error(None, message)
            else:
                messages.success(request, _designated_message(user, designation))
                return redirect("specialists:coverage")
        status = 400
    return render(
        request,
        "specialists/designation_form.html",
        {"form": form, "title": _("Designate a newcomer specialist")},
        status=status,
    )


def _designation_or_404(pk):
    return get_object_or_404(Designation.objects.select_related("user"), pk=pk)


@require_POST
@coordinator_required
def designation_verify(request, pk):
    designation = _designation_or_404(pk)
    try:
        services.designation_verify(designation=designation, verified_by=request.user)
    except ValidationError as error:
        for message in _validation_messages(error):
            messages.error(request, message)
        return redirect("specialists:designations")
    messages.success(
        request,
        _("%(person)s is now a verified specialist.")
        % {"person": designation.user.display_name},
    )
    return redirect("specialists:designations")


@require_POST
@coordinator_required
def designation_decline(request, pk):
    designation = _designation_or_404(pk)
    form = DeclineForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.designation_decline(
            designation=designation, declined_by=request.user, reason=reason
        )
    except ValidationError as error:
        for message in _validation_messages(error):
            messages.error(request, message)
    else:
        messages.success(request, _("The request was declined."))
    return redirect("specialists:designations")


@member_required
def designation_end(request, pk):
    designation = _designation_or_404(pk)
    if not (request.user.is_coordinator or designation.user_id == request.user.pk):
        raise PermissionDenied
    if designation.status in (DesignationStatus.ENDED, DesignationStatus.DECLINED):
        raise Http404
    form = DesignationEndForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.designation_end(
                    designation=designation,
                    ended_by=request.user,
                    successor=form.cleaned_data["successor"],
                )
            except ValidationError as error:
                for message in _validation_messages(error):
                    form.add_error(None, message)
            else:
                messages.success(request, _("The designation has ended."))
                return redirect("specialists:designations")
        status = 400
    return render(
        request,
        "specialists/designation_end.html",
        {"form": form, "designation": designation},
        status=status,
    )


# --- Coverage -------------------------------------------------------------------------


def _sort_columns(sort: str, columns) -> list[dict]:
    """Header links: a click sorts by the column, a second click reverses."""
    result = []
    for key, label in columns:
        if sort == key:
            aria, next_sort = "ascending", f"-{key}"
        elif sort == f"-{key}":
            aria, next_sort = "descending", key
        else:
            aria, next_sort = "", key
        result.append(
            {"key": key, "label": label, "aria_sort": aria, "next": next_sort}
        )
    return result


@coordinator_required
def coverage(request):
    by = "region" if request.GET.get("by") == "region" else "province"
    sort = request.GET.get("sort", "name")
    rows = municipality_coverage()
    areas = sort_areas(area_coverage(rows, by=by), sort)
    context = {
        "by": by,
        "sort": sort,
        "columns": _sort_columns(
            sort,
            [
                ("name", _("Area")),
                ("verified", Coverage.VERIFIED.label),
                ("deputy", Coverage.DEPUTY.label),
                ("ending", Coverage.ENDING.label),
                ("none", Coverage.NONE.label),
                ("percent_covered", _("Share covered")),
            ],
        ),
        "areas": areas,
        "total": totals(rows),
        "tiles": map_tiles(area_coverage(rows, by="province")),
        "map_width": MAP_WIDTH,
        "map_height": MAP_HEIGHT,
        "requested_count": Designation.objects.filter(
            status=DesignationStatus.REQUESTED
        ).count(),
    }
    return render(request, "specialists/coverage.html", context)


@coordinator_required
def coverage_municipalities(request):
    """Municipalities of one area with their status; gaps link to 'designate'."""
    rows = municipality_coverage()
    area = request.GET.get("area", "")
    status = request.GET.get("status", "")
    if status and status not in Coverage.values:
        status = ""
    if area:
        rows = [
            r
            for r in rows
            if (
                r.municipality.province
                and f"province-{r.municipality.province.code}" == area
            )
            or f"region-{r.municipality.region.slug}" == area
        ]
    if status:
        rows = [r for r in rows if r.status == status]
    rows.sort(key=lambda r: r.municipality.name.lower())
    return render(
        request,
        "specialists/coverage_municipalities.html",
        {
            "rows": rows,
            "area": area,
            "status": status,
            "statuses": Coverage.choices,
        },
    )


@coordinator_required
def coverage_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="coverage.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 names correctly with a BOM.
    writer = SafeCsvWriter(response)
    writer.writerow(
        [
            "refnis",
            _("Municipality"),
            _("Province"),
            _("Region"),
            _("Status"),
            _("Specialists"),
            _("Ends on"),
        ]
    )
    for row in sorted(municipality_coverage(), key=lambda r: r.municipality.refnis):
        m = row.municipality
        writer.writerow(
            [
                m.refnis,
                m.name,
                m.province.name if m.province else "",
                m.region.name,
                row.status_label,
                "; ".join(u.display_name for u in row.specialists),
                row.ends_on.isoformat() if row.ends_on else "",
            ]
        )
    return response
