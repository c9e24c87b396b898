"""Demo specialists, centres and network groups (idempotent; ``scale`` adds more).

Names are invented. The demo specialist (Karim Benali) is the verified specialist of
Brussels, where the demo caseworker (Sofie Vermeulen) works: her home page shows him.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from demo.centres import association_of, centre_of
from exchange.accounts.models import Role, User
from exchange.taxonomy.models import Theme
from specialists.models import Centre as CentreModel
from specialists.models import (
    Designation,
    DesignationRole,
    DesignationStatus,
    EventKind,
    Municipality,
    NetworkGroup,
    SpecialistProfile,
)
from specialists.services import (
    agenda_event_create,
    designation_create,
    designation_end,
    designation_request,
    group_join,
    group_notice_post,
    municipalities_load,
    profile_update,
)

DEMO_SPECIALIST = "specialist@demo.ocmw.example"
DEMO_CASEWORKER = "caseworker@demo.ocmw.example"
DEMO_COORDINATOR = "coordinator@demo.mi-is.example"
BRUSSELS = "21004"

# (REFNIS codes, name, language, role, days until the end or None, languages, themes)
PEOPLE = [
    # Flanders
    (
        ["11002"],
        "Els Janssens",
        "nl",
        "primary",
        None,
        "nl fr en ar",
        "language-interpreting housing",
    ),
    (
        ["11002"],
        "Youssef El Amrani",
        "nl",
        "deputy",
        None,
        "nl ar fr",
        "work-activation",
    ),
    (
        ["44021"],
        "Tom De Smet",
        "nl",
        "primary",
        None,
        "nl en fr",
        "social-assistance information-rights",
    ),
    (["31005"], "Lien Peeters", "nl", "primary", 35, "nl en", "housing"),
    (
        ["24062"],
        "Bram Claes",
        "nl",
        "primary",
        None,
        "nl en es",
        "education digital-inclusion",
    ),
    (
        ["71072", "71016"],
        "Ann Vandenberghe",
        "nl",
        "primary",
        None,
        "nl de en",
        "work-activation team-organisation",
    ),
    (
        ["12025"],
        "Pieter Maes",
        "nl",
        "primary",
        None,
        "nl fr ru uk",
        "language-interpreting",
    ),
    (["34022"], "Sarah Willems", "nl", "primary", 50, "nl fr", "health"),
    (["35013"], "Kevin Mertens", "nl", "primary", None, "nl en", "participation"),
    (["41002"], "Nadia Bouzid", "nl", "primary", None, "nl ar fr", "discrimination"),
    (
        ["46021"],
        "Joris Wouters",
        "nl",
        "primary",
        None,
        "nl en",
        "administrative-burden",
    ),
    (
        ["13040", "13008"],
        "Katrien Goossens",
        "nl",
        "primary",
        None,
        "nl en tr",
        "social-assistance",
    ),
    (
        ["33011", "36015"],
        "Wout Declercq",
        "nl",
        "primary",
        None,
        "nl fr",
        "information-rights",
    ),
    (["42006"], "Hanne Lambrecht", "nl", "primary", None, "nl en", "housing health"),
    (["72020"], "Dries Jacobs", "nl", "primary", None, "nl en pl", "work-activation"),
    (
        ["23088"],
        "Fatma Yilmaz",
        "nl",
        "primary",
        None,
        "nl tr en",
        "language-interpreting",
    ),
    (["23027"], "Ruben Hermans", "nl", "primary", 20, "nl fr", "education"),
    (["24107"], "Sofie Aerts", "nl", "primary", None, "nl en", "digital-inclusion"),
    # Brussels
    (
        [BRUSSELS],
        "Karim Benali",
        "fr",
        "primary",
        None,
        "fr nl ar en",
        "language-interpreting social-assistance information-rights",
    ),
    ([BRUSSELS], "Lucie Dubois", "fr", "deputy", None, "fr nl es", "housing"),
    (
        ["21001"],
        "Mohamed Chaouki",
        "fr",
        "primary",
        None,
        "fr ar nl",
        "work-activation",
    ),
    (["21015"], "Ayse Demir", "fr", "primary", None, "fr tr nl", "health"),
    (["21012"], "Julie Lambert", "fr", "primary", 45, "fr nl en", "education"),
    (["21009"], "Pablo Garcia", "fr", "primary", None, "fr es en", "participation"),
    (
        ["21013", "21007"],
        "Amina Diallo",
        "fr",
        "primary",
        None,
        "fr en",
        "discrimination",
    ),
    # Wallonia
    (
        ["62063"],
        "Marie Leclercq",
        "fr",
        "primary",
        None,
        "fr nl en ar",
        "social-assistance language-interpreting",
    ),
    (["62063"], "Nicolas Renard", "fr", "deputy", None, "fr de", "work-activation"),
    (["52011"], "Sophie Lejeune", "fr", "primary", None, "fr it ar", "housing"),
    (
        ["92094"],
        "Antoine Mathieu",
        "fr",
        "primary",
        None,
        "fr nl",
        "information-rights",
    ),
    (["53053"], "Camille Dupont", "fr", "primary", 30, "fr en", "health"),
    (["81001"], "Thomas Simon", "fr", "primary", None, "fr de pt", "education"),
    (
        ["57081", "57096"],
        "Laura Martin",
        "fr",
        "primary",
        None,
        "fr nl",
        "participation",
    ),
    (
        ["63079"],
        "Olivier Henrard",
        "fr",
        "primary",
        None,
        "fr de ru",
        "language-interpreting",
    ),
    (
        ["25112", "25121"],
        "Elise Francois",
        "fr",
        "primary",
        None,
        "fr en",
        "digital-inclusion",
    ),
    (["91034"], "Julien Collard", "fr", "primary", None, "fr", "administrative-burden"),
    (
        ["83034", "82039"],
        "Manon Gérard",
        "fr",
        "primary",
        None,
        "fr en",
        "team-organisation",
    ),
    (["58001"], "Hassan Ouali", "fr", "primary", None, "fr ar", "work-activation"),
    (["62096"], "Céline Pirard", "fr", "primary", None, "fr it", "social-assistance"),
    (["61031"], None, None, None, None, None, None),  # a gap on purpose
    (["25072"], "Vincent Delvaux", "fr", "deputy", None, "fr nl", "housing"),
    # German-speaking Community
    (
        ["63023"],
        "Monika Kessler",
        "de",
        "primary",
        None,
        "de fr nl en",
        "language-interpreting social-assistance",
    ),
    (
        ["63067", "63013"],
        "Stefan Theissen",
        "de",
        "primary",
        None,
        "de fr",
        "work-activation",
    ),
    (["63040"], "Sabine Mreyen", "de", "primary", 55, "de fr nl", "housing"),
]

GROUPS = [
    (
        "brussels-network",
        "Réseau bruxellois des CPAS / Brussels OCMW-netwerk",
        "04000",
        None,
        "Monthly exchange of the newcomer specialists of the 19 Brussels municipalities.",
    ),
    (
        "liege-network",
        "Réseau CPAS province de Liège",
        None,
        "60000",
        "Specialists of the province of Liège meet every two months and train together.",
    ),
    (
        "ostbelgien-network",
        "Netzwerk ÖSHZ Ostbelgien",
        None,
        None,
        "The ÖSHZ of the German-speaking Community share their agenda and questions.",
    ),
    (
        "limburg-network",
        "Provinciaal netwerk Limburg",
        None,
        "70000",
        "Provincial network of the OCMW newcomer specialists in Limburg.",
    ),
]
GROUP_MUNICIPALITIES = {"ostbelgien-network": ["63023", "63067", "63013", "63040"]}


def _centre_for(municipalities, language):
    """The person's home centre: their municipality's own centre (named as its region
    names it, see ``demo.centres``), or an association when they serve several."""
    if len(municipalities) > 1:
        return association_of(municipalities)
    domain = "demo.ocmw.example" if municipalities[0].refnis == BRUSSELS else None
    return centre_of(municipalities[0], domain=domain)


def _email_for(name, centre) -> str:
    return f"{slugify(name).replace('-', '.')}@{centre.email_domain}"


@transaction.atomic
def seed(*, stdout, scale=0):
    if not Municipality.objects.exists():
        municipalities_load()
    by_refnis = {m.refnis: m for m in Municipality.objects.all()}
    themes = {t.slug: t for t in Theme.objects.all()}
    coordinator = User.objects.filter(email=DEMO_COORDINATOR).first()
    today = timezone.localdate()
    created = 0
    for index, (
        refnis,
        name,
        language,
        role,
        ends_in,
        languages,
        theme_slugs,
    ) in enumerate(PEOPLE):
        if name is None:
            continue
        municipalities = [by_refnis[code] for code in refnis if code in by_refnis]
        if not municipalities:
            continue
        centre = _centre_for(municipalities, language)
        email = DEMO_SPECIALIST if name == "Karim Benali" else _email_for(name, centre)
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create(
                email=email,
                full_name=name,
                role=Role.SPECIALIST,
                language=language,
                password=make_password(None),
                job_title={
                    "nl": "Maatschappelijk werker",
                    "fr": "Assistant·e social·e",
                    "de": "Sozialarbeiter·in",
                }[language],
            )
        if user.home_centre_id is None:
            user.home_centre = centre
            user.save(update_fields=["home_centre"])
        profile = SpecialistProfile.objects.filter(user=user).first()
        if profile is None or not profile.languages:
            profile_update(
                user=user,
                languages=languages.split(),
                phone=f"+32 {2 + index % 8} {200 + index:03d} {10 + index:02d} {20 + index:02d}",
                hide_phone=index % 7 == 3,
                availability_note={
                    "nl": "Dinsdag- en donderdagvoormiddag, of mail eerst.",
                    "fr": "Mardi et jeudi matin, ou d'abord par e-mail.",
                    "de": "Dienstag- und Donnerstagvormittag, oder zuerst per E-Mail.",
                }[language],
                themes=[themes[s] for s in theme_slugs.split() if s in themes],
            )
        if user.designations.exists():
            continue
        if coordinator is None:
            continue  # only a coordinator designates (demo.accounts makes one)
        # The coordinator designates: verified at once, the person is told.
        designation_create(
            user=user,
            municipalities=municipalities,
            role=role,
            start_date=today - timedelta(days=400 - index * 7),
            end_date=today + timedelta(days=ends_in) if ends_in else None,
            designated_by=coordinator,
        )
        created += 1
    _seed_history_and_requests(by_refnis, coordinator, today)
    demo_caseworker = User.objects.filter(email=DEMO_CASEWORKER).first()
    if demo_caseworker is not None and demo_caseworker.home_centre_id is None:
        demo_caseworker.home_centre = CentreModel.objects.filter(
            email_domain="demo.ocmw.example"
        ).first()
        demo_caseworker.save(update_fields=["home_centre"])
    _seed_groups(by_refnis, coordinator, today)
    synthetic = _seed_scale(scale, by_refnis) if scale else 0
    covered = (
        Municipality.objects.filter(designations__in=Designation.objects.current())
        .distinct()
        .count()
    )
    stdout.write(
        f"Specialists: {created} new designations, {covered} municipalities covered"
        + (f", {synthetic} synthetic specialists" if synthetic else "")
        + "."
    )


def _seed_history_and_requests(by_refnis, coordinator, today):
    """One ended designation (history) and two requests waiting for a coordinator."""
    rows = [
        ("Geert Vermeersch", "44021", DesignationStatus.ENDED, -900, -420),
        ("Inès Moreau", "61031", DesignationStatus.REQUESTED, 0, None),
        ("Lotte Verbeke", "11002", DesignationStatus.REQUESTED, 7, None),
    ]
    for name, refnis, status, start, end in rows:
        municipality = by_refnis.get(refnis)
        if municipality is None:
            continue
        language = "fr" if municipality.main_language == "fr" else "nl"
        centre = _centre_for([municipality], language)
        email = _email_for(name, centre)
        user, _ = User.objects.get_or_create(
            email=email,
            defaults={
                "full_name": name,
                "role": Role.CASEWORKER,
                "language": language,
                "home_centre": centre,
                "password": make_password(None),
            },
        )
        if user.designations.exists():
            continue
        # The second Antwerp request is for a deputy: Antwerp has a primary.
        role = DesignationRole.DEPUTY if refnis == "11002" else DesignationRole.PRIMARY
        start_date = today + timedelta(days=start)
        if status == DesignationStatus.REQUESTED:
            # The coordinators are told that someone asks to be designated.
            designation_request(
                user=user,
                municipalities=[municipality],
                role=role,
                start_date=start_date,
                note="Demo request.",
            )
        elif coordinator is not None:
            # History: designated once, ended by the coordinator since.
            designation = designation_create(
                user=user,
                municipalities=[municipality],
                role=role,
                start_date=start_date,
                end_date=today + timedelta(days=end),
                note="Demo request.",
                designated_by=coordinator,
            )
            designation_end(
                designation=designation,
                ended_by=coordinator,
                end_date=today + timedelta(days=end),
            )


def _seed_groups(by_refnis, coordinator, today):
    current = Designation.objects.current()
    for index, (slug, name, region_code, province_code, description) in enumerate(
        GROUPS
    ):
        group, created = NetworkGroup.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        if not created:
            continue
        people = current
        if region_code:
            people = people.filter(municipalities__region__code=region_code)
            group.region = by_refnis[BRUSSELS].region
        elif province_code:
            people = people.filter(municipalities__province__code=province_code)
        else:
            people = people.filter(
                municipalities__refnis__in=GROUP_MUNICIPALITIES.get(slug, [])
            )
        if province_code:
            from specialists.models import Province

            group.province = Province.objects.filter(code=province_code).first()
        group.save()
        members = list(User.objects.filter(pk__in=people.values("user_id")))
        for member in members + ([coordinator] if coordinator else []):
            group_join(group=group, user=member)
        author = members[0] if members else coordinator
        if author is None:
            continue
        for offset, kind, title in (
            (9 + index, EventKind.MEETING, "Intervisie nieuwkomers / Intervision"),
            (
                23 + index,
                EventKind.TRAINING,
                "Training: working with social interpreters",
            ),
        ):
            # The members find the new dates in their notifications (in-app only).
            agenda_event_create(
                group=group,
                created_by=author,
                kind=kind,
                title=title,
                location=by_refnis[BRUSSELS].name if index == 0 else "",
                starts_at=_at(today + timedelta(days=offset), 10),
                ends_at=_at(today + timedelta(days=offset), 12, 30),
            )
        # Posted without ``send``: nobody is e-mailed about the welcome notice.
        group_notice_post(
            group=group,
            author=author,
            title="Welcome / Bienvenue / Welkom / Willkommen",
            body=(
                "Use this board for practical questions between meetings: "
                "interpreter contacts, training dates, changes in regulations."
            ),
        )


def _at(day, hour, minute=0):
    """A local (Brussels) time on ``day``."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


JOB_TITLES = {
    "nl": ["Maatschappelijk werker", "Trajectbegeleider", "Teamverantwoordelijke", "Jobcoach"],
    "fr": ["Assistant·e social·e", "Agent d'insertion", "Responsable d'équipe", "Référent·e emploi"],
    "de": ["Sozialarbeiter·in", "Integrationsbegleiter·in", "Teamleitung", "Jobcoach"],
}
AVAILABILITY = {
    "nl": ["Maandag- en woensdagvoormiddag.", "Dinsdag en donderdag, of mail eerst.", "Elke voormiddag behalve vrijdag."],
    "fr": ["Lundi et mercredi matin.", "Mardi et jeudi, ou d'abord par e-mail.", "Chaque matin sauf le vendredi."],
    "de": ["Montag- und Mittwochvormittag.", "Dienstag und Donnerstag, oder zuerst per E-Mail.", "Jeden Vormittag außer freitags."],
}
EXTRA_LANGUAGES = ["en", "ar", "tr", "es", "ru", "uk", "pl", "ro", "it", "pt", "fa", "so", "ti"]


def _seed_scale(scale, by_refnis) -> int:
    """``scale`` synthetic specialists in all, in bulk: primary where there is a gap,
    else deputy, so that the data stays valid. Names, languages, job titles and
    themes vary; the language follows the municipality. Idempotent (by e-mail)."""
    import random

    from demo.synthetic import FIRST_NAMES, SURNAMES

    existing = set(
        User.objects.filter(email__endswith="@scale.specialists.example").values_list(
            "email", flat=True
        )
    )
    wanted = [
        f"specialist-{i:05d}@scale.specialists.example"
        for i in range(scale)
        if f"specialist-{i:05d}@scale.specialists.example" not in existing
    ]
    if not wanted:
        return 0
    rng = random.Random(2026 + len(existing))  # noqa: S311 - synthetic data
    with_primary = set(
        Designation.objects.open()
        .filter(role=DesignationRole.PRIMARY)
        .values_list("municipalities", flat=True)
    )
    gaps = [m for m in by_refnis.values() if m.pk not in with_primary]
    everywhere = list(by_refnis.values())
    themes = list(Theme.objects.all())
    places, roles = [], []
    for index in range(len(wanted)):
        if gaps:
            places.append(gaps.pop())
            roles.append(DesignationRole.PRIMARY)
        else:
            places.append(everywhere[(len(existing) + index) % len(everywhere)])
            roles.append(DesignationRole.DEPUTY)
    languages = [
        m.main_language if m.main_language in ("nl", "fr", "de") else rng.choice(["fr", "nl"])
        for m in places
    ]
    password = make_password(None)
    User.objects.bulk_create(
        [
            User(
                email=email,
                full_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
                role=Role.SPECIALIST,
                language=language,
                job_title=rng.choice(JOB_TITLES[language]),
                password=password,
            )
            for email, language in zip(wanted, languages, strict=True)
        ]
    )
    users = list(User.objects.filter(email__in=wanted).order_by("email"))
    profiles = []
    for user, language in zip(users, languages, strict=True):
        spoken = [language, *rng.sample(["nl", "fr", "de"], 1), *rng.sample(EXTRA_LANGUAGES, rng.randint(0, 2))]
        profile = SpecialistProfile(user=user, availability_note=rng.choice(AVAILABILITY[language]))
        profile.language_codes = spoken
        profiles.append(profile)
    SpecialistProfile.objects.bulk_create(profiles)
    profile_ids = dict(
        SpecialistProfile.objects.filter(user__in=users).values_list("user_id", "pk")
    )
    ThemeLink = SpecialistProfile.themes.through
    ThemeLink.objects.bulk_create(
        [
            ThemeLink(specialistprofile_id=profile_ids[user.pk], theme_id=theme.pk)
            for user in users
            for theme in rng.sample(themes, min(len(themes), rng.randint(1, 3)))
        ]
    )
    today = timezone.localdate()
    Designation.objects.bulk_create(
        [
            Designation(
                user=user,
                role=role,
                status=DesignationStatus.VERIFIED,
                start_date=today - timedelta(days=30),
            )
            for user, role in zip(users, roles, strict=True)
        ]
    )
    saved = Designation.objects.filter(user__in=users).order_by("user__email")
    Through = Designation.municipalities.through
    Through.objects.bulk_create(
        [
            Through(designation_id=d.pk, municipality_id=m.pk)
            for d, m in zip(saved, places, strict=True)
        ]
    )
    return len(users)
