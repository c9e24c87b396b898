"""Seed the themes (from the research) and target groups, named in four languages."""

from django.db import migrations

THEMES = [
    ("language-interpreting", "Taal en tolken", "Langue et interprétariat", "Sprache und Dolmetschen", "Language and interpreting"),
    ("work-activation", "Werk en activering", "Emploi et activation", "Arbeit und Aktivierung", "Work and activation"),
    ("housing", "Wonen", "Logement", "Wohnen", "Housing"),
    ("health", "Gezondheid", "Santé", "Gesundheit", "Health"),
    ("education", "Onderwijs", "Enseignement", "Bildung", "Education"),
    ("social-assistance", "Maatschappelijke dienstverlening en leefloon", "Aide sociale et revenu d'intégration", "Sozialhilfe und Eingliederungseinkommen", "Social assistance and integration income"),
    ("participation", "Socio-culturele participatie", "Participation socioculturelle", "Soziokulturelle Teilhabe", "Socio-cultural participation"),
    ("administrative-burden", "Administratieve last", "Charge administrative", "Verwaltungsaufwand", "Administrative burden"),
    ("information-rights", "Informatie en rechten", "Information et droits", "Information und Rechte", "Information and rights"),
    ("team-organisation", "Teamorganisatie en overleg", "Organisation d'équipe et concertation", "Teamorganisation und Austausch", "Team organisation and consultation"),
    ("discrimination", "Discriminatie", "Discrimination", "Diskriminierung", "Discrimination"),
    ("digital-inclusion", "Digitale inclusie", "Inclusion numérique", "Digitale Inklusion", "Digital inclusion"),
]

TARGET_GROUPS = [
    ("recognised-refugees", "Erkende vluchtelingen", "Réfugiés reconnus", "Anerkannte Flüchtlinge", "Recognised refugees"),
    ("subsidiary-protection", "Subsidiair beschermden", "Protection subsidiaire", "Subsidiär Schutzberechtigte", "Subsidiary protection"),
    ("family-reunification", "Gezinshereniging", "Regroupement familial", "Familienzusammenführung", "Family reunification"),
    ("asylum-seekers", "Verzoekers internationale bescherming", "Demandeurs de protection internationale", "Antragsteller auf internationalen Schutz", "Asylum seekers"),
    ("undocumented", "Mensen zonder wettig verblijf", "Personnes sans séjour légal", "Menschen ohne legalen Aufenthalt", "People without legal residence"),
    ("eu-citizens", "EU-burgers", "Citoyens de l'UE", "EU-Bürger", "EU citizens"),
    ("roma", "Roma", "Roms", "Roma", "Roma"),
    ("young-adults", "Jongvolwassenen", "Jeunes adultes", "Junge Erwachsene", "Young adults"),
    ("newcomers-general", "Nieuwkomers algemeen", "Primo-arrivants en général", "Neuankömmlinge allgemein", "Newcomers in general"),
]


def seed(apps, schema_editor):
    for model_name, rows in (("Theme", THEMES), ("TargetGroup", TARGET_GROUPS)):
        model = apps.get_model("taxonomy", model_name)
        for order, (slug, nl, fr, de, en) in enumerate(rows):
            model.objects.update_or_create(
                slug=slug,
                defaults={"name_nl": nl, "name_fr": fr, "name_de": de, "name_en": en,
                          "sort_order": order},
            )


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
