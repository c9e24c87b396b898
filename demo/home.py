"""Demo site frame: a home page and the standard pages in nl, fr, de and en."""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from exchange.home.models import HomePage, StandardPage

HOME = {
    "en": ("Newcomer Exchange", "Good practices, questions and specialists of Belgium's public social welfare centres, for everyone who works with newcomers."),
    "nl": ("Newcomer Exchange", "Goede praktijken, vragen en specialisten van de Belgische OCMW's, voor iedereen die met nieuwkomers werkt."),
    "fr": ("Newcomer Exchange", "Bonnes pratiques, questions et spécialistes des CPAS de Belgique, pour toutes celles et ceux qui accompagnent des primo-arrivants."),
    "de": ("Newcomer Exchange", "Gute Praxis, Fragen und Fachleute der belgischen ÖSHZ, für alle, die mit Neuankömmlingen arbeiten."),
}

PAGES = {
    "about": {
        "en": ("About the platform", "Why the exchange exists and who runs it.", "<p>Research among Belgian public social welfare centres showed that work with newcomers takes more time, that practice differs between centres and even between colleagues, and that good practices rarely travel. This platform lets centres share what works, ask each other questions and find the designated newcomer specialist of every municipality.</p><p>The federal administration for social integration coordinates the platform; the content comes from the centres themselves.</p>"),
        "nl": ("Over het platform", "Waarom deze uitwisseling bestaat en wie ze beheert.", "<p>Onderzoek bij de Belgische OCMW's toonde dat werken met nieuwkomers meer tijd vraagt, dat de praktijk verschilt tussen centra en zelfs tussen collega's, en dat goede praktijken zelden verder reizen. Op dit platform delen centra wat werkt, stellen ze elkaar vragen en vinden ze de aangeduide nieuwkomersspecialist van elke gemeente.</p><p>De POD Maatschappelijke Integratie coördineert het platform; de inhoud komt van de centra zelf.</p>"),
        "fr": ("À propos de la plateforme", "Pourquoi cet échange existe et qui le gère.", "<p>Une recherche menée auprès des CPAS belges a montré que le travail avec les primo-arrivants prend plus de temps, que les pratiques varient d'un centre à l'autre et même entre collègues, et que les bonnes pratiques circulent peu. Sur cette plateforme, les centres partagent ce qui fonctionne, se posent des questions et trouvent le spécialiste primo-arrivants désigné de chaque commune.</p><p>Le SPP Intégration sociale coordonne la plateforme ; le contenu vient des centres eux-mêmes.</p>"),
        "de": ("Über die Plattform", "Warum es diesen Austausch gibt und wer ihn betreut.", "<p>Eine Untersuchung bei den belgischen ÖSHZ hat gezeigt, dass die Arbeit mit Neuankömmlingen mehr Zeit braucht, dass die Praxis zwischen Zentren und sogar zwischen Kollegen verschieden ist und dass gute Praxis selten weitergegeben wird. Auf dieser Plattform teilen die Zentren, was funktioniert, stellen einander Fragen und finden die benannte Fachperson für Neuankömmlinge jeder Gemeinde.</p><p>Der ÖPD Sozialeingliederung koordiniert die Plattform; die Inhalte stammen von den Zentren selbst.</p>"),
    },
    "accessibility": {
        "en": ("Accessibility statement", "How accessible this site is and how to tell us about a barrier.", "<p>We want everyone to be able to use Newcomer Exchange. The site aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA, beyond the level 2.1 AA that the European standard EN 301 549 requires of public bodies. Every page is tested automatically with axe-core.</p><h2>Known limitations</h2><p>Documents uploaded by centres (PDF, Word) may not be fully accessible. Embedded videos depend on their provider's player.</p><h2>Feedback</h2><p>Did you meet a barrier? Use the feedback form linked below; a coordinator answers within ten working days. If the answer does not satisfy you, you may contact the federal ombudsman.</p>"),
        "nl": ("Toegankelijkheidsverklaring", "Hoe toegankelijk deze site is en hoe u ons een drempel meldt.", "<p>Iedereen moet Newcomer Exchange kunnen gebruiken. De site streeft naar de Web Content Accessibility Guidelines (WCAG) 2.2 op niveau AA, verder dan niveau 2.1 AA dat de Europese norm EN 301 549 van overheden vraagt. Elke pagina wordt automatisch getest met axe-core.</p><h2>Bekende beperkingen</h2><p>Documenten die centra opladen (PDF, Word) zijn niet altijd volledig toegankelijk. Ingebedde video's hangen af van de speler van de aanbieder.</p><h2>Feedback</h2><p>Botst u op een drempel? Gebruik het feedbackformulier hieronder; een coördinator antwoordt binnen tien werkdagen. Bent u niet tevreden met het antwoord, dan kunt u terecht bij de federale ombudsman.</p>"),
        "fr": ("Déclaration d'accessibilité", "Le niveau d'accessibilité du site et comment nous signaler un obstacle.", "<p>Tout le monde doit pouvoir utiliser Newcomer Exchange. Le site vise les règles pour l'accessibilité des contenus web (WCAG) 2.2 au niveau AA, au-delà du niveau 2.1 AA que la norme européenne EN 301 549 impose aux organismes publics. Chaque page est testée automatiquement avec axe-core.</p><h2>Limites connues</h2><p>Les documents déposés par les centres (PDF, Word) ne sont pas toujours entièrement accessibles. Les vidéos intégrées dépendent du lecteur de leur fournisseur.</p><h2>Vos remarques</h2><p>Vous rencontrez un obstacle ? Utilisez le formulaire ci-dessous ; un coordinateur répond dans les dix jours ouvrables. Si la réponse ne vous satisfait pas, vous pouvez vous adresser au médiateur fédéral.</p>"),
        "de": ("Erklärung zur Barrierefreiheit", "Wie barrierefrei diese Website ist und wie Sie uns eine Barriere melden.", "<p>Alle sollen Newcomer Exchange nutzen können. Die Website strebt die Richtlinien für barrierefreie Webinhalte (WCAG) 2.2 auf Stufe AA an, über die Stufe 2.1 AA hinaus, die die europäische Norm EN 301 549 von öffentlichen Stellen verlangt. Jede Seite wird automatisch mit axe-core geprüft.</p><h2>Bekannte Einschränkungen</h2><p>Von Zentren hochgeladene Dokumente (PDF, Word) sind nicht immer vollständig barrierefrei. Eingebettete Videos hängen vom Player des Anbieters ab.</p><h2>Rückmeldung</h2><p>Sind Sie auf eine Barriere gestoßen? Nutzen Sie das Formular unten; eine Koordinatorin oder ein Koordinator antwortet innerhalb von zehn Arbeitstagen. Sind Sie mit der Antwort nicht zufrieden, können Sie sich an den föderalen Ombudsdienst wenden.</p>"),
    },
    "privacy": {
        "en": ("Privacy", "What we store about you and about the people you help: nothing identifying.", "<p><strong>About clients:</strong> never post a client's name, national register number, address, phone number, e-mail address or bank account. The platform checks every question, answer and comment for these before it is saved and asks you to rephrase.</p><p><strong>About you:</strong> we store your name, e-mail address, role, home centre and what you post. The specialist directory, with staff contact details, is visible to members only. You can download your data and delete your account from your account page; your posts then stay, signed as a former member.</p><p>Search queries are logged without any link to who searched.</p>"),
        "nl": ("Privacy", "Wat we over u en over de mensen die u helpt bewaren: niets dat hen identificeert.", "<p><strong>Over cliënten:</strong> plaats nooit de naam, het rijksregisternummer, het adres, het telefoonnummer, het e-mailadres of het rekeningnummer van een cliënt. Het platform controleert elke vraag, elk antwoord en elke reactie hierop voor ze bewaard wordt en vraagt u dan om te herformuleren.</p><p><strong>Over u:</strong> we bewaren uw naam, e-mailadres, rol, thuiscentrum en wat u plaatst. De specialistengids met contactgegevens van medewerkers is enkel zichtbaar voor leden. U kunt uw gegevens downloaden en uw account verwijderen vanaf uw accountpagina; uw berichten blijven dan staan, ondertekend als voormalig lid.</p><p>Zoekopdrachten worden bewaard zonder enig verband met wie zocht.</p>"),
        "fr": ("Vie privée", "Ce que nous conservons sur vous et sur les personnes que vous aidez : rien qui les identifie.", "<p><strong>Sur les usagers :</strong> ne publiez jamais le nom, le numéro de registre national, l'adresse, le téléphone, l'adresse e-mail ou le compte bancaire d'un usager. La plateforme vérifie chaque question, réponse et commentaire avant l'enregistrement et vous invite à reformuler.</p><p><strong>Sur vous :</strong> nous conservons votre nom, votre adresse e-mail, votre rôle, votre centre et vos contributions. L'annuaire des spécialistes, avec les coordonnées du personnel, n'est visible que par les membres. Depuis votre page de compte, vous pouvez télécharger vos données et supprimer votre compte ; vos messages restent alors, signés « ancien membre ».</p><p>Les recherches sont enregistrées sans lien avec la personne qui a cherché.</p>"),
        "de": ("Datenschutz", "Was wir über Sie und über die Menschen, denen Sie helfen, speichern: nichts, was sie identifiziert.", "<p><strong>Über Klienten:</strong> Veröffentlichen Sie nie Namen, Nationalregisternummer, Adresse, Telefonnummer, E-Mail-Adresse oder Bankkonto eines Klienten. Die Plattform prüft jede Frage, Antwort und jeden Kommentar vor dem Speichern darauf und bittet Sie dann, umzuformulieren.</p><p><strong>Über Sie:</strong> Wir speichern Ihren Namen, Ihre E-Mail-Adresse, Ihre Rolle, Ihr Heimatzentrum und Ihre Beiträge. Das Verzeichnis der Fachleute mit Kontaktdaten ist nur für Mitglieder sichtbar. Auf Ihrer Kontoseite können Sie Ihre Daten herunterladen und Ihr Konto löschen; Ihre Beiträge bleiben dann, gezeichnet als ehemaliges Mitglied.</p><p>Suchanfragen werden ohne Verbindung zur suchenden Person gespeichert.</p>"),
    },
}


def _translation_of(page, locale):
    return page.get_translation_or_none(locale)


@transaction.atomic
def seed(*, stdout, scale=0):
    """Create (or leave alone) the home page tree in the four languages."""
    locales = {code: Locale.objects.get_or_create(language_code=code)[0]
               for code in ("en", "nl", "fr", "de")}
    root = Page.get_first_root_node()
    site = Site.objects.filter(is_default_site=True).first()
    home_en = HomePage.objects.filter(locale=locales["en"]).first()
    if home_en is None:
        # Wagtail's initial "Welcome" page is a plain Page with our slug: replace it.
        for placeholder in root.get_children().filter(slug="home"):
            if placeholder.specific_class is Page:
                Site.objects.filter(root_page=placeholder).update(root_page=root)
                placeholder.delete()
        title, intro = HOME["en"]
        home_en = root.add_child(
            instance=HomePage(title=title, slug="home", intro=intro, locale=locales["en"])
        )
    if site is None:
        site = Site.objects.create(hostname="localhost", port=80, root_page=home_en,
                                   is_default_site=True, site_name="Newcomer Exchange")
    elif site.root_page_id != home_en.pk:
        site.root_page = home_en
        site.site_name = "Newcomer Exchange"
        site.save()
    homes = {"en": home_en}
    for code in ("nl", "fr", "de"):
        home = _translation_of(home_en, locales[code])
        if home is None:
            home = home_en.copy_for_translation(locales[code])
            title, intro = HOME[code]
            home.title, home.intro = title, intro
            home.save_revision().publish()
        homes[code] = home.specific
    for slug, texts in PAGES.items():
        original = None
        for code in ("en", "nl", "fr", "de"):
            title, intro, body = texts[code]
            existing = StandardPage.objects.filter(locale=locales[code], slug=slug).first()
            if existing is not None:
                original = original or existing
                if slug == "accessibility" and not existing.show_accessibility_feedback:
                    existing.show_accessibility_feedback = True
                    existing.save_revision().publish()
                if slug == "privacy" and not existing.show_retention_periods:
                    existing.show_retention_periods = True
                    existing.save_revision().publish()
                continue
            if original is None:
                original = homes["en"].add_child(
                    instance=StandardPage(title=title, slug=slug, intro=intro, body=body,
                                          locale=locales["en"],
                                          show_accessibility_feedback=(slug == "accessibility"),
                                          show_retention_periods=(slug == "privacy"))
                )
                continue
            page = original.copy_for_translation(locales[code])
            page.title, page.intro, page.body, page.slug = title, intro, body, slug
            page.save_revision().publish()
    stdout.write("Site frame: home and standard pages in nl, fr, de and en.")
    return homes
