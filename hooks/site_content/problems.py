"""Problems found in content, told to a partner in plain Swedish (or English)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .routes import LANGUAGES
from .strings import Strings, load_strings

# -----------------------------------------------------------------------------
# Messages
# -----------------------------------------------------------------------------

# One entry per kind of problem. Placeholders are filled from Problem.params.
MESSAGES: dict[str, dict[str, str]] = {
    "encoding": {
        "sv": "Filen är inte sparad som UTF-8. Spara den som UTF-8 (utan BOM) och försök igen.",
        "en": "The file is not saved as UTF-8. Save it as UTF-8 (without BOM) and try again.",
    },
    "bom": {
        "sv": "Filen börjar med ett osynligt BOM-tecken. Spara den som UTF-8 utan BOM.",
        "en": "The file starts with an invisible byte-order mark (BOM). Save it as UTF-8 without a BOM.",
    },
    "tab": {
        "sv": "Raden innehåller ett tabbtecken, men YAML tillåter bara mellanslag för indrag. Byt tabbtecknet mot mellanslag.",
        "en": "The line contains a tab character, but YAML allows only spaces for indentation. Replace the tab with spaces.",
    },
    "duplicate-key": {
        "sv": "Fältet '{key}' finns två gånger (första gången på rad {first_line}). Ta bort det ena.",
        "en": "The field '{key}' appears twice (first on line {first_line}). Remove one of them.",
    },
    "not-mapping": {
        "sv": "Här ska det stå fält med namn och värde (som 'namn: värde' på var sin rad), men det står {found}.",
        "en": "Fields with names and values (one 'name: value' per line) belong here, but there is {found}.",
    },
    "required": {
        "sv": "Fältet '{key}' saknas eller är tomt. {hint}",
        "en": "The field '{key}' is missing or empty. {hint}",
    },
    "unknown-field": {
        "sv": "Okänt fält '{key}'. Tillåtna fält här: {allowed}.{suggestion}",
        "en": "Unknown field '{key}'. Fields allowed here: {allowed}.{suggestion}",
    },
    "empty-text": {
        "sv": "Texten är tom. Skriv en text här.",
        "en": "The text is empty. Write some text here.",
    },
    "not-text": {
        "sv": "Här ska det stå en text, men det står {found}.",
        "en": "Text belongs here, but there is {found}.",
    },
    "too-long": {
        "sv": "Texten är {length} tecken lång; högst {limit} tecken är tillåtet. Korta den.",
        "en": "The text is {length} characters long; at most {limit} are allowed. Shorten it.",
    },
    "not-list": {
        "sv": "Här ska det stå en lista, till exempel [{example}], men det står {found}.",
        "en": "A list belongs here, for example [{example}], but there is {found}.",
    },
    "empty-list": {
        "sv": "Listan är tom. Skriv minst ett värde, till exempel [{example}].",
        "en": "The list is empty. Give at least one value, for example [{example}].",
    },
    "duplicate-item": {
        "sv": "'{value}' står två gånger i listan. Ta bort det ena.",
        "en": "'{value}' appears twice in the list. Remove one of them.",
    },
    "unknown-term": {
        "sv": "{unknown} '{value}'.{suggestion} Tillåtna värden finns i {source}.",
        "en": "{unknown} '{value}'.{suggestion} Allowed values are in {source}.",
    },
    "unknown-partner": {
        "sv": "Okänd samverkanspart '{value}'.{suggestion} Tillåtna värden: {allowed}.",
        "en": "Unknown partner '{value}'.{suggestion} Allowed values: {allowed}.",
    },
    "bad-year": {
        "sv": "'{value}' är inget rimligt årtal. Skriv ett år med fyra siffror, till exempel 2016.",
        "en": "'{value}' is not a plausible year. Write a four-digit year, for example 2016.",
    },
    "bad-date": {
        "sv": "'{value}' är inget giltigt datum. Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-11-20.",
        "en": "'{value}' is not a valid date. Write the date as YYYY-MM-DD, for example 2026-11-20.",
    },
    "updated-before-added": {
        "sv": "'updated' ({updated}) är tidigare än '{first}' ({added}). Ändringsdatumet kan inte vara före publiceringsdatumet: rätta ett av datumen.",
        "en": "'updated' ({updated}) is before '{first}' ({added}). The date of a change cannot be before the publication date: correct one of the dates.",
    },
    "date-ahead": {
        "sv": "Datumet {value} har inte kommit än (i dag är det {today}). Skriv den dag då texten lades till, "
        "publicerades eller ändrades, till exempel {today}.",
        "en": "The date {value} has not come yet (today is {today}). Write the day the text was added, "
        "published or changed, for example {today}.",
    },
    "bad-url": {
        "sv": "'{value}' är ingen fullständig webbadress. Skriv hela adressen, till exempel https://www.example.org/.",
        "en": "'{value}' is not a complete web address. Write the whole address, for example https://www.example.org/.",
    },
    "news-names-draft": {
        "sv": "Initiativet '{slug}' är ett utkast (draft: true), så nyheten visar ingen länk till det förrän "
        "initiativet publiceras.",
        "en": "The initiative '{slug}' is a draft (draft: true), so the news item shows no link to it until "
        "the initiative is published.",
    },
    "personal-email": {
        "sv": "'{value}' ser ut att vara en persons egen e-postadress. Skriv en adress till en funktion, "
        "som info@… eller kontakt@…: allt i filen publiceras och finns kvar i Git.",
        "en": "'{value}' looks like a person's own e-mail address. Write an address of a role, such as "
        "info@… or contact@…: everything in the file is published and stays in Git.",
    },
    "bad-email": {
        "sv": "'{value}' är ingen giltig e-postadress. Skriv till exempel info@example.org.",
        "en": "'{value}' is not a valid e-mail address. Write an address such as info@example.org.",
    },
    "not-boolean": {
        "sv": "Här ska det stå true eller false, men det står '{value}'.",
        "en": "This must be true or false, but it is '{value}'.",
    },
    "missing-file": {
        "sv": "Bilden '{value}' finns inte. Lägg den i mappen docs/{folder} eller rätta sökvägen.",
        "en": "The image '{value}' does not exist. Put it in the folder docs/{folder} or correct the path.",
    },
    "image-outside-folder": {
        "sv": "Bilden '{value}' ligger inte i mappen docs/images/. Lägg filen där och skriv sökvägen som images/…, till exempel images/initiatives/mitt-initiativ.jpg.",
        "en": "The image '{value}' is not in the folder docs/images/. Put the file there and write the path as images/…, for example images/initiatives/my-initiative.jpg.",
    },
    "image-unsupported": {
        "sv": "Bildformatet '{extension}' stöds inte ('{value}'). Spara bilden som JPEG (.jpg), PNG (.png) eller WebP (.webp); logotyper går också som SVG (.svg).",
        "en": "The image format '{extension}' is not supported ('{value}'). Save the image as JPEG (.jpg), PNG (.png) or WebP (.webp); logos may also be SVG (.svg).",
    },
    "image-too-heavy": {
        "sv": "Bilden '{value}' är {size} MB; högst {limit} MB är tillåtet. Spara en mindre version, till exempel 2000 px bred, och använd den i stället.",
        "en": "The image '{value}' is {size} MB; at most {limit} MB is allowed. Save a smaller version, for example 2000 px wide, and use that instead.",
    },
    "image-too-large": {
        "sv": "Bilden '{value}' är {width} × {height} px; högst {limit} px på varje led är tillåtet. Förminska den, till exempel till 2000 px bred.",
        "en": "The image '{value}' is {width} × {height} px; at most {limit} px on each side is allowed. Scale it down, for example to 2000 px wide.",
    },
    "image-bomb": {
        "sv": "Bilden '{value}' påstår sig vara långt större än {limit} × {limit} px fast filen bara är {bytes} byte. En sådan fil är trasig eller gjord för att skada och öppnas inte. Spara bilden på nytt som JPEG eller PNG.",
        "en": "The image '{value}' claims to be far larger than {limit} × {limit} px although the file is only {bytes} bytes. Such a file is broken or made to do harm, and it is not opened. Save the image again as JPEG or PNG.",
    },
    "image-wrong-format": {
        "sv": "Filen '{value}' slutar på '{extension}' men är en {found}-bild. Byt filändelsen till '.{suffix}' (även här), eller spara bilden på nytt som {expected}.",
        "en": "The file '{value}' ends in '{extension}' but is a {found} image. Change the extension to '.{suffix}' (here too), or save the image again as {expected}.",
    },
    "image-unreadable": {
        "sv": "Filen '{value}' går inte att läsa som bild: den är trasig eller ingen bild alls. Spara bilden på nytt som JPEG, PNG eller WebP.",
        "en": "The file '{value}' cannot be read as an image: it is broken or not an image at all. Save the image again as JPEG, PNG or WebP.",
    },
    "image-gps": {
        "sv": "Bilden '{value}' innehåller platsuppgifter (GPS) från kameran. Webbplatsen publicerar dem inte, men filen här i GitHub är offentlig: ladda upp en kopia utan platsuppgifter om platsen inte får synas.",
        "en": "The image '{value}' contains location data (GPS) from the camera. The website does not publish it, but the file here on GitHub is public: upload a copy without location data if the place must not be seen.",
    },
    "svg-unreadable": {
        "sv": "SVG-filen '{value}' går inte att läsa (fel på rad {line} i bildfilen). Exportera den på nytt från ritprogrammet, eller som PNG.",
        "en": "The SVG file '{value}' cannot be read (error on line {line} of the image file). Export it again from the drawing program, or as PNG.",
    },
    "svg-not-svg": {
        "sv": "Filen '{value}' slutar på '.svg' men är ingen SVG-bild. Exportera bilden som SVG eller PNG.",
        "en": "The file '{value}' ends in '.svg' but is not an SVG image. Export the image as SVG or PNG.",
    },
    "svg-script": {
        "sv": "SVG-filen '{value}' innehåller skript (<{element}>). Skript är inte tillåtna i bilder: exportera filen utan skript, eller som PNG.",
        "en": "The SVG file '{value}' contains script (<{element}>). Script is not allowed in images: export the file without it, or as PNG.",
    },
    "svg-event-handler": {
        "sv": "SVG-filen '{value}' innehåller händelseattributet '{attribute}' (på <{element}>), som kör skript. Det är inte tillåtet i bilder: ta bort det, eller exportera filen som PNG.",
        "en": "The SVG file '{value}' contains the event-handler attribute '{attribute}' (on <{element}>), which runs script. It is not allowed in images: remove it, or export the file as PNG.",
    },
    "svg-foreign-object": {
        "sv": "SVG-filen '{value}' innehåller <foreignObject> (HTML inuti bilden), som inte är tillåtet. Exportera filen utan det, eller som PNG.",
        "en": "The SVG file '{value}' contains <foreignObject> (HTML inside the image), which is not allowed. Export the file without it, or as PNG.",
    },
    "svg-html": {
        "sv": "SVG-filen '{value}' innehåller HTML (<{element}>), som inte är tillåtet i bilder. Exportera filen på nytt som ren SVG, eller som PNG.",
        "en": "The SVG file '{value}' contains HTML (<{element}>), which is not allowed in images. Export the file again as plain SVG, or as PNG.",
    },
    "svg-external": {
        "sv": "SVG-filen '{value}' hänvisar till något utanför filen: '{reference}'. En bild får inte hämta något utifrån (länkar, bilder, stilmallar, typsnitt): bädda in det i filen eller ta bort det.",
        "en": "The SVG file '{value}' refers to something outside the file: '{reference}'. An image may fetch nothing from elsewhere (links, images, style sheets, fonts): embed it in the file or remove it.",
    },
    "bad-slug": {
        "sv": "'{value}' går inte att använda som adress. Använd bara a–z, 0–9 och bindestreck, till exempel '{suggestion}'.",
        "en": "'{value}' cannot be used as an address. Use only a–z, 0–9 and hyphens, for example '{suggestion}'.",
    },
    "bad-key": {
        "sv": "'{value}' är ingen giltig nyckel. Använd bara små bokstäver a–z, siffror och bindestreck, till exempel 'ostra-goinge'.",
        "en": "'{value}' is not a valid key. Use only lowercase a–z, digits and hyphens, for example 'ostra-goinge'.",
    },
    "bad-scb-code": {
        "sv": "'{value}' är ingen kommunkod. SCB:s koder har fyra siffror, till exempel \"1280\".",
        "en": "'{value}' is not a municipality code. SCB's codes have four digits, for example \"1280\".",
    },
    "empty-file": {
        "sv": "Filen är tom. Skriv in innehållet eller ta bort filen.",
        "en": "The file is empty. Add its content or delete the file.",
    },
    "schema": {
        "sv": "Stämmer inte med mallen: {detail}",
        "en": "Does not match the schema: {detail}",
    },
    "unsafe-html": {
        "sv": "{what} får inte förekomma i texten. {instead}",
        "en": "{what} is not allowed in the text. {instead}",
    },
    # --- The sanitiser (markup.py): what it removed from a Markdown field ---
    "sanitised": {
        "sv": "{what} togs bort när texten gjordes om till webbsida: sådant visas inte på webbplatsen. {instead}",
        "en": "{what} was removed when the text was made into a web page: the site does not show it. {instead}",
    },
    "html-in-text": {
        "sv": "Här går det bara att skriva vanlig text, utan HTML ({tag}). Ta bort taggen. Formatering med Markdown går bara i den längre texten (description, eller body i en nyhet).",
        "en": "Only plain text is possible here, without HTML ({tag}). Remove the tag. Formatting with Markdown is possible only in the longer text (description, or body in a news item).",
    },
    # --- File names, templates, translations marked in the file, near misses ---
    # (site_content.filenames and the loader; a partner can act on each in the web editor)
    "bad-file-name": {
        "sv": "Filnamnet '{value}' går inte att använda som adress: använd bara a–z, 0–9 och bindestreck. Byt namn på filen till '{suggestion}'.",
        "en": "The file name '{value}' cannot be used as an address: use only a–z, 0–9 and hyphens. Rename the file to '{suggestion}'.",
    },
    "file-wrong-extension": {
        "sv": "Filen läses inte: innehållsfiler ska sluta på .yml. Byt namn på filen till '{suggestion}'.",
        "en": "The file is not read: content files must end in .yml. Rename the file to '{suggestion}'.",
    },
    "file-underscore": {
        "sv": "Filen läses inte: ett namn som börjar med _ är bara till för mallen _mall.yml. Byt namn på filen till '{suggestion}'.",
        "en": "The file is not read: a name beginning with _ is only for the template _mall.yml. Rename the file to '{suggestion}'.",
    },
    "file-in-subfolder": {
        "sv": "Filen ligger i en undermapp och läses inte. Flytta den till '{suggestion}'.",
        "en": "The file is in a sub-folder and is not read. Move it to '{suggestion}'.",
    },
    "file-wrong-folder": {
        "sv": "Filen ligger i en mapp som webbplatsen inte läser. Flytta den till '{suggestion}'.",
        "en": "The file is in a folder the website does not read. Move it to '{suggestion}'.",
    },
    "file-outside-folders": {
        "sv": "Filen ligger i en mapp som webbplatsen inte läser. Flytta den till '{initiative}' om den beskriver ett initiativ, till '{partner}' om den beskriver en samverkanspart, till '{event}' om den beskriver ett evenemang eller till '{news}' om den är en nyhet.",
        "en": "The file is in a folder the website does not read. Move it to '{initiative}' if it describes an initiative, '{partner}' if it describes a partner, '{event}' if it describes an event, or '{news}' if it is a news item.",
    },
    "file-image-in-content": {
        "sv": "Bilder läses inte här. Flytta bilden till mappen docs/images/{kind}/ och skriv sökvägen images/{kind}/… under image: (eller logo:) i innehållsfilen.",
        "en": "Images are not read here. Move the image to the folder docs/images/{kind}/ and write the path images/{kind}/… under image: (or logo:) in the content file.",
    },
    "file-not-vocabulary": {
        "sv": "Filen läses inte: mappen innehåller bara ordlistorna {allowed}. Lägg till ett värde i en av dem, eller ta bort filen.",
        "en": "The file is not read: the folder holds only the vocabularies {allowed}. Add a value to one of them, or delete the file.",
    },
    "file-symlink": {
        "sv": "Filen '{value}' är en symbolisk länk (en hänvisning till en annan fil) och läses inte: lägg in själva filen här i stället.",
        "en": "The file '{value}' is a symbolic link (a pointer to another file) and is not read: put the file itself here instead.",
    },
    "docs-not-image": {
        "sv": "Filen '{value}' är ingen bild och publiceras inte: mappen docs/images/ får bara innehålla bilder (JPEG, PNG, WebP eller SVG). Ta bort filen.",
        "en": "The file '{value}' is not an image and is not published: the folder docs/images/ may hold only images (JPEG, PNG, WebP or SVG). Delete the file.",
    },
    "docs-file-kind": {
        "sv": "Filen '{value}' publiceras inte: mappen docs/ får bara innehålla sidor (.md) och bilder (JPEG, PNG, WebP eller SVG). Ta bort filen, eller skriv innehållet som en sida.",
        "en": "The file '{value}' is not published: the folder docs/ may hold only pages (.md) and images (JPEG, PNG, WebP or SVG). Delete the file, or write its content as a page.",
    },
    "unknown-script": {
        "sv": "Sidan innehåller ett skript som ingen av webbplatsens mallar skriver ({script}); bara mallarnas egna skript får köras. Ta bort skriptet.",
        "en": "The page holds a script that none of the site's templates writes ({script}); only the templates' own scripts may run. Remove the script.",
    },
    "image-symlink": {
        "sv": "Bilden '{value}' är en symbolisk länk (en hänvisning till en annan fil) och används inte: lägg in själva bildfilen i docs/images/ i stället.",
        "en": "The image '{value}' is a symbolic link (a pointer to another file) and is not used: put the image file itself in docs/images/ instead.",
    },
    "missing-file-elsewhere": {
        "sv": "Bilden '{value}' finns inte, men en bild med samma namn ligger i docs/{found}. Flytta den "
        "till mappen docs/{folder}, eller skriv sökvägen '{found}'.",
        "en": "The image '{value}' does not exist, but an image with the same name is in docs/{found}. "
        "Move it to the folder docs/{folder}, or write the path '{found}'.",
    },
    "missing-file-near": {
        "sv": "Bilden '{value}' finns inte. Menade du '{near}'? Skriv namnet precis som filen heter, med samma stora och små bokstäver.",
        "en": "The image '{value}' does not exist. Did you mean '{near}'? Write the name exactly as the file is named, with the same upper- and lower-case letters.",
    },
    "quoted-year": {
        "sv": "Årtalet står inom citattecken och blir då text. Ta bort citattecknen: skriv started: {value}",
        "en": "The year is in quotes and so becomes text. Remove the quotes: write started: {value}",
    },
    "published-example-name": {
        "sv": "Namnet '{value}' börjar med 'Exempel', så det här ser ut som ett av de påhittade exemplen, och det är inte ett utkast: det skulle publiceras. Skriv ert eget namn och era egna texter, eller skriv draft: true om filen bara ska vara ett exempel.",
        "en": "The name '{value}' starts with 'Exempel', so this looks like one of the made-up examples, and it is not a draft: it would be published. Write your own name and texts, or write draft: true if the file is only meant as an example.",
    },
    "published-example-text": {
        "sv": "Texten säger 'Påhittat exempel': filen är ett av exemplen eller en kopia av ett, och den är inte ett utkast, så den skulle publiceras. Skriv er egen text (utan 'Påhittat exempel'), eller skriv draft: true om filen bara ska vara ett exempel.",
        "en": "The text says 'Påhittat exempel' (made-up example): the file is one of the examples or a copy of one, and it is not a draft, so it would be published. Write your own text (without 'Påhittat exempel'), or write draft: true if the file is only meant as an example.",
    },
    "missing-translation": {
        "sv": "Engelsk översättning saknas. Lägg till den under 'en:' (sidan visar den svenska texten så länge).",
        "en": "The English translation is missing. Add it under 'en:' (until then the page shows the Swedish text).",
    },
    "unverified-translation": {
        "sv": "Det står inte vilken svensk text den engelska översätter, så översättningen räknas som okontrollerad. När den engelska texten stämmer med den svenska: {how}",
        "en": "Nothing says which Swedish text the English translates, so the translation counts as unverified. When the English text matches the Swedish: {how}",
    },
    "outdated-translation": {
        "sv": 'Den svenska texten har ändrats sedan den engelska skrevs. Uppdatera den engelska texten och ändra sedan raden en_from till en_from: "{hash}" (den nya svenska textens markering).',
        "en": 'The Swedish text has changed since the English was written. Update the English text, then change the line en_from to en_from: "{hash}" (the mark of the new Swedish text).',
    },
    # Hand-written pages (docs/en/*.md): the line goes in the front matter.
    "typographic-quotes": {
        "sv": 'Texten står inom typografiska citattecken ({first}…{last}), som kommer att synas på webbplatsen. Ta bort dem, eller skriv raka citattecken ("…") om texten behöver citattecken i filen.',
        "en": 'The text is enclosed in typographic quotes ({first}…{last}), which will show on the website. Remove them, or write straight quotes ("…") if the text needs quotes in the file.',
    },
    "unverified-page-translation": {
        "sv": 'Den engelska sidan säger inte vilken svensk text den översätter ({swedish}), så översättningen räknas som okontrollerad. När den engelska texten stämmer med den svenska: skriv raden en_from: "{hash}" överst i filen, mellan de två raderna ---.',
        "en": 'The English page does not say which Swedish text it translates ({swedish}), so the translation counts as unverified. When the English matches the Swedish: write the line en_from: "{hash}" at the top of the file, between the two lines ---.',
    },
    "outdated-page-translation": {
        "sv": 'Den svenska sidan {swedish} har ändrats sedan den engelska skrevs. Uppdatera den engelska texten och ändra sedan raden en_from till en_from: "{hash}" (den nya svenska textens markering).',
        "en": 'The Swedish page {swedish} has changed since the English was written. Update the English text, then change the line en_from to en_from: "{hash}" (the mark of the new Swedish text).',
    },
    # Hand-written pages (docs/): the front matter pairs a page with its translation.
    "page-key-missing": {
        "sv": "Sidan saknar 'key'. Skriv raden key: <namn> mellan två rader --- överst i filen, med samma namn på den svenska och den engelska sidan (till exempel key: background).",
        "en": "The page has no 'key'. Write the line key: <name> between two lines --- at the top of the file, with the same name on the Swedish and the English page (for example key: background).",
    },
    "page-key-taken": {
        "sv": "key: {key} används redan av {other}. Ge sidan ett eget namn; bara en svensk och en engelsk sida delar samma key.",
        "en": "key: {key} is already used by {other}. Give the page a name of its own; only one Swedish and one English page share a key.",
    },
    "page-no-swedish": {
        "sv": "Det finns ingen svensk sida med key: {key}. Skriv den svenska sidan i docs/ med samma key (engelska sidor ligger i docs/en/), eller rätta namnet.",
        "en": "There is no Swedish page with key: {key}. Write the Swedish page in docs/ with the same key (English pages are in docs/en/), or correct the name.",
    },
    # Told by MkDocs as it reads a page of docs/ (the preview shows it like a content error).
    "page-link-not-found": {
        "sv": "Länken '{link}' leder inte till någon sida i docs/.{suggestion} Skriv filnamnet på sidan du vill länka till, till exempel kontakt.md (från en engelsk sida: contact.md).",
        "en": "The link '{link}' leads to no page in docs/.{suggestion} Write the file name of the page you want to link to, for example kontakt.md (from an English page: contact.md).",
    },
    "build-warning": {
        "sv": "Bygget varnar (på engelska): {text}",
        "en": "The build warns: {text}",
    },
    "bad-hash": {
        "sv": "'{value}' är ingen giltig markering av översättningen. När den engelska texten stämmer med den svenska: skriv en_from: \"{hash}\" (med citattecknen); annars ta bort raden.",
        "en": "'{value}' is not a valid mark of the translation. When the English text matches the Swedish: write en_from: \"{hash}\" (with the quotes); otherwise remove the line.",
    },
    "bad-hash-remove": {
        "sv": "'{value}' är ingen giltig markering av översättningen. Ta bort raden.",
        "en": "'{value}' is not a valid mark of the translation. Remove the line.",
    },
    # --- end of file names, templates, translations ---
    "slug-reserved": {
        "sv": "Filnamnet '{value}' går inte att använda: '{slug}' är redan en del av webbplatsens adresser ({addresses}). Ge filen ett längre namn, till exempel '{example}'.",
        "en": "The file name '{value}' cannot be used: '{slug}' is already part of the site's addresses ({addresses}). Give the file a longer name, for example '{example}'.",
    },
    "slug-collision": {
        "sv": "Adressen '{value}' krockar med filen {other}. Byt namn på en av filerna.",
        "en": "The address '{value}' collides with the file {other}. Rename one of the files.",
    },
    # --- Hostile or mistyped files: YAML syntax told where the mistake starts, what
    # content never needs (yamlerrors.py, yamlsource.py), SVG declarations (images.py) ---
    "yaml-syntax": {
        "sv": "Filen går inte att läsa som YAML härifrån. Kontrollera indraget, att varje kolon efter ett fältnamn följs av ett mellanslag och att citattecken och parenteser är stängda.",
        "en": "The file cannot be read as YAML from here on. Check the indentation, that every colon after a field name is followed by a space, and that quotes and brackets are closed.",
    },
    "yaml-typographic-quote": {
        "sv": "Texten slutar med det typografiska citattecknet {quote}, som YAML inte läser som slutet på texten (den läser vidare på nästa rader). Byt {quote} mot {straight} (raka citattecken).",
        "en": "The text ends with the typographic quote {quote}, which YAML does not read as the end of the text (it reads on into the next lines). Replace {quote} with {straight} (a straight quote).",
    },
    "yaml-typographic-open": {
        "sv": 'Texten börjar med det typografiska citattecknet {quote}, som YAML inte läser som citattecken, och innehåller ett kolon följt av mellanslag. Byt {quote} mot " (raka citattecken) i början och slutet av texten.',
        "en": 'The text starts with the typographic quote {quote}, which YAML does not read as a quote, and contains a colon followed by a space. Replace {quote} with " (a straight quote) at the start and end of the text.',
    },
    "yaml-unclosed-quote": {
        "sv": "Citattecknet {quote} här stängs aldrig, så YAML läser vidare på nästa rader. Sätt ett {quote} i slutet av texten.",
        "en": "This quote {quote} is never closed, so YAML reads on into the next lines. Put a {quote} at the end of the text.",
    },
    "yaml-missing-space": {
        "sv": "Det saknas ett mellanslag efter kolonet i '{text}'. Lägg till ett mellanslag efter kolonet: '{fixed}'.",
        "en": "A space is missing after the colon in '{text}'. Add a space after the colon: '{fixed}'.",
    },
    "yaml-missing-colon": {
        "sv": "Raden har inget fältnamn med kolon. Skriv den som 'fält: värde', eller ta bort den om den kommit med av misstag.",
        "en": "The line has no field name with a colon. Write it as 'field: value', or remove it if it got there by mistake.",
    },
    "yaml-colon-in-text": {
        "sv": "Texten innehåller ett kolon följt av mellanslag, som YAML läser som ett nytt fält. Sätt texten inom citattecken: {example}",
        "en": "The text contains a colon followed by a space, which YAML reads as a new field. Put the text in quotes: {example}",
    },
    "yaml-indentation": {
        "sv": "Raden har fel indrag. Fält på samma nivå ska börja i samma kolumn som fälten ovanför, och ett fält inuti ett annat dras in två mellanslag mer.",
        "en": "The line is indented wrongly. Fields on the same level start in the same column as the fields above, and a field inside another is indented two spaces more.",
    },
    "yaml-unclosed-bracket": {
        "sv": "Parentesen '{opening}' här stängs aldrig. Avsluta med '{closing}' på samma rad, till exempel {example}.",
        "en": "The bracket '{opening}' here is never closed. End with '{closing}' on the same line, for example {example}.",
    },
    "schema-unreadable": {
        "sv": "Schemana i '{value}' går inte att läsa ({reason}), så inget innehåll kan kontrolleras. "
        "Ta tillbaka filerna som de är på main.",
        "en": "The schemas in '{value}' cannot be read ({reason}), so no content can be checked. "
        "Restore the files as they are on main.",
    },
    "front-matter-unknown": {
        "sv": "Sidhuvudet (raderna mellan ---) har fältet '{key}', som webbplatsens sidor inte använder. "
        "Ta bort raden. Fält som går att använda: {allowed}.",
        "en": "The page's header (the lines between ---) has the field '{key}', which the site's pages do "
        "not use. Remove the line. Fields that can be used: {allowed}.",
    },
    "front-matter-value": {
        "sv": "Fältet '{key}' i sidhuvudet kan bara vara {allowed}, inte '{value}'.",
        "en": "The field '{key}' in the page's header can only be {allowed}, not '{value}'.",
    },
    "front-matter-text": {
        "sv": "Fältet '{key}' i sidhuvudet ska vara en text på en rad.",
        "en": "The field '{key}' in the page's header must be a text on one line.",
    },
    "page-too-many-headings": {
        "sv": "Sidan har {found} rubriker, fler än {limit}. Dela upp den på flera sidor.",
        "en": "The page has {found} headings, more than {limit}. Split it into several pages.",
    },
    "heading-id": {
        "sv": "Rubriken '{heading}' har id '{value}'. Ett id får bara ha bokstäver, siffror, - och _ "
        "(till exempel {{#om-projektet}}).",
        "en": "The heading '{heading}' has the id '{value}'. An id may only have letters, digits, - and _ "
        "(for example {{#about-the-project}}).",
    },
    "yaml-block-indent": {
        "sv": "Texten under '{key}: {indicator}' är inte indragen, så YAML läser den som ett fält. Dra in "
        "textens rader längre än {key}: (minst {indent} mellanslag).",
        "en": "The text under '{key}: {indicator}' is not indented, so YAML reads it as a field. Indent "
        "the text's lines further than {key}: (at least {indent} spaces).",
    },
    "translation-at-left": {
        "sv": "'{key}:' står längst till vänster, men hör till texten ovanför (som sv:). Dra in raden lika "
        "långt som sv: och textens rader lika långt som den svenska texten.",
        "en": "'{key}:' is at the left edge, but belongs to the text above (as sv: does). Indent the line "
        "as far as sv: and the text's lines as far as the Swedish text.",
    },
    "yaml-text-start": {
        "sv": "Texten börjar med '{start}', som YAML inte läser som början på en text. Sätt hela texten "
        "inom citattecken: {example}",
        "en": "The text starts with '{start}', which YAML does not read as the start of a text. Put the "
        "whole text in quotes: {example}",
    },
    "yaml-reserved-start": {
        "sv": "En text kan inte börja med '{character}' utan citattecken. Sätt texten inom citattecken, till exempel \"{character}…\".",
        "en": "A text cannot start with '{character}' without quotes. Put the text in quotes, for example \"{character}…\".",
    },
    "yaml-control-character": {
        "sv": "Raden innehåller ett osynligt styrtecken ({character}) som inte får finnas i filen. Ta bort det; syns det inte, skriv om raden.",
        "en": "The line contains an invisible control character ({character}) that is not allowed in the file. Remove it; if you cannot see it, retype the line.",
    },
    "text-forbidden-character": {
        "sv": "Texten innehåller koden '{written}', ett osynligt tecken ({character}) som inte får finnas i innehållet: det gör webbflöden och kalendrar oläsbara. Ta bort '{written}' ur texten.",
        "en": "The text contains the code '{written}', an invisible character ({character}) that is not allowed in content: it makes feeds and calendars unreadable. Remove '{written}' from the text.",
    },
    "yaml-number-too-long": {
        "sv": "Talet här är {length} tecken långt; inget fält tar emot tal längre än {limit} tecken. Skriv ett kortare tal (ett årtal har fyra siffror), eller sätt värdet inom citattecken om det är en text.",
        "en": "The number here is {length} characters long; no field takes numbers longer than {limit} characters. Write a shorter number (a year has four digits), or put the value in quotes if it is a text.",
    },
    "yaml-anchor": {
        "sv": "'{mark}' är ett YAML-ankare eller alias, som innehållsfilerna inte använder. Skriv ut värdet på varje ställe där det behövs.",
        "en": "'{mark}' is a YAML anchor or alias, which the content files do not use. Write the value out in each place it is needed.",
    },
    "yaml-merge-key": {
        "sv": "'<<:' (att slå ihop fält från ett annat ställe) används inte i innehållsfilerna. Skriv ut fälten där de behövs.",
        "en": "'<<:' (merging fields from elsewhere) is not used in the content files. Write the fields out where they are needed.",
    },
    "yaml-tag": {
        "sv": "'{tag}' är en YAML-tagg, som innehållsfilerna inte använder. Ta bort den och skriv värdet som vanlig text, tal, datum, lista eller fält.",
        "en": "'{tag}' is a YAML tag, which the content files do not use. Remove it and write the value as plain text, a number, a date, a list or fields.",
    },
    "yaml-complex-key": {
        "sv": "Ett fältnamn ska vara en enkel text, till exempel 'name', men här står en lista eller fält med värden.",
        "en": "A field name must be plain text, for example 'name', but there is a list or fields with values here.",
    },
    "yaml-too-deep": {
        "sv": "Värdena här ligger i mer än {limit} nivåer inuti varandra. Inget fält behöver mer än tre: kontrollera parenteser och indrag.",
        "en": "The values here are nested more than {limit} levels deep. No field needs more than three: check the brackets and indentation.",
    },
    "yaml-too-many-values": {
        "sv": "Filen innehåller fler än {limit} värden (texter, tal, listor och fält); ingen innehållsfil behöver så många. Korta filen eller dela upp den.",
        "en": "The file holds more than {limit} values (texts, numbers, lists and fields); no content file needs that many. Shorten the file or split it up.",
    },
    "yaml-several-documents": {
        "sv": "Här börjar ett andra YAML-dokument ('---'), men en fil ska bara innehålla ett. Ta bort raden, eller lägg resten i en egen fil.",
        "en": "A second YAML document starts here ('---'), but a file holds only one. Remove the line, or put the rest in a file of its own.",
    },
    "svg-doctype": {
        "sv": "SVG-filen '{value}' innehåller deklarationer (ENTITY eller DOCTYPE) som ritprogram som "
        "Illustrator skriver vid 'Spara som', och som kan hämta eller blåsa upp innehåll. Exportera bilden på "
        "nytt: Arkiv → Exportera → Exportera som, format SVG, med SVG-profil SVG 1.1, Stilar: "
        "presentationsattribut och inga bildfiler inbäddade eller länkade. Eller exportera den som PNG.",
        "en": "The SVG file '{value}' contains declarations (ENTITY or DOCTYPE) that drawing programs such as "
        "Illustrator write on 'Save As', and which can fetch or inflate content. Export the image again: "
        "File → Export → Export As, format SVG, with SVG profile SVG 1.1, Styling: presentation attributes "
        "and no images embedded or linked. Or export it as PNG.",
    },
    "yaml-too-large": {
        "sv": "Filen är {size} kB; högst {limit} kB är tillåtet för en innehållsfil. Korta texterna.",
        "en": "The file is {size} kB; at most {limit} kB is allowed for a content file. Shorten the texts.",
    },
    # content/redirects.yml
    "redirect-not-mapping": {
        "sv": "Filen ska bestå av rader 'gammal/adress/: sidans-nyckel', men det står {found}.",
        "en": "The file should consist of lines 'old/path/: page-key', but there is {found}.",
    },
    "redirect-bad-path": {
        "sv": "'{value}' är ingen sökväg på webbplatsen. Skriv den gamla adressen utan domän, till exempel /om-oss/.",
        "en": "'{value}' is not a path on the site. Write the old address without the domain, for example /om-oss/.",
    },
    "redirect-unknown-page": {
        "sv": "Det finns ingen sida med nyckeln '{value}'.{suggestion} Skriv 'key:' från en sida i docs/ (till exempel background), eller partner:<filnamn utan .yml> eller initiative:<filnamn utan .yml>.",
        "en": "There is no page with the key '{value}'.{suggestion} Write the 'key:' of a page in docs/ (for example background), or partner:<file name without .yml> or initiative:<file name without .yml>.",
    },
    "redirect-taken": {
        "sv": "Adressen /{value} är redan en sida på webbplatsen; en omdirigering där skulle dölja den. Ta bort raden.",
        "en": "The address /{value} is already a page of the site; a redirect there would hide it. Remove the line.",
    },
    "redirect-taken-file": {
        "sv": "Adressen /{value} krockar med filen /{file}, som webbplatsen redan publicerar; en omdirigering där skulle ersätta eller dölja den. Ta bort raden, eller skriv den gamla adressen som en mapp, till exempel /gammal-sida/.",
        "en": "The address /{value} collides with the file /{file}, which the site already publishes; a redirect there would replace or hide it. Remove the line, or write the old address as a folder, for example /old-page/.",
    },
}

# --- Events and news (content/events/, content/news/) ---------------------------
MESSAGES.update(
    {
        "bad-datetime": {
            "sv": "'{value}' är ingen giltig tidpunkt. Skriv datum och klockslag som ÅÅÅÅ-MM-DDTHH:MM, till exempel "
            "2027-03-28T10:00, eller bara datumet, 2027-03-28, för ett heldagsevenemang.",
            "en": "'{value}' is not a valid date and time. Write the date and time as YYYY-MM-DDTHH:MM, for example "
            "2027-03-28T10:00, or just the date, 2027-03-28, for an all-day event.",
        },
        "date-out-of-range": {
            "sv": "'{value}' ligger utanför de år webbplatsen tar emot ({first}–{last}). Rätta årtalet.",
            "en": "'{value}' is outside the years the site accepts ({first}–{last}). Correct the year.",
        },
        "nonexistent-time": {
            "sv": "Klockan {value} finns inte: natten till {date} ställs klockan fram från 02.00 till 03.00. "
            "Skriv en tid före 02.00 eller från 03.00.",
            "en": "The time {value} does not exist: on the night of {date} the clocks go forward from 02:00 "
            "to 03:00. Write a time before 02:00 or from 03:00.",
        },
        "end-kind": {
            "sv": "Start och slut ska skrivas likadant: båda med klockslag (2027-03-28T10:00) eller båda "
            "som datum (2027-03-28) för ett heldagsevenemang.",
            "en": "Write start and end alike: both with a time (2027-03-28T10:00) or both as dates "
            "(2027-03-28) for an all-day event.",
        },
        "end-before-start": {
            "sv": "Slutet ({end}) är före starten ({start}). Rätta tiden, eller ta bort 'end'.",
            "en": "The end ({end}) is before the start ({start}). Correct the time, or remove 'end'.",
        },
        "event-no-place": {
            "sv": "Evenemanget saknar plats. Skriv 'location' (name, address, municipality) för en "
            "plats, 'online' med en https-adress för ett digitalt möte, eller båda.",
            "en": "The event has no location. Give 'location' (name, address, municipality) for a venue, "
            "'online' with an https address for an online meeting, or both.",
        },
        "not-https": {
            "sv": "'{value}' börjar inte med https://. Skriv adressen med https:// (en krypterad länk).",
            "en": "'{value}' does not start with https://. Write the address with https:// (an encrypted link).",
        },
        "unknown-initiative": {
            "sv": "Okänt initiativ '{value}'.{suggestion} Skriv filnamnet i content/initiatives/ utan .yml.",
            "en": "Unknown initiative '{value}'.{suggestion} Write its file name in content/initiatives/ "
            "without .yml.",
        },
    }
)

# --- Limits: no input makes the check or the build slow or large (issue 24) -------
MESSAGES.update(
    {
        "url-too-long": {
            "sv": "Webbadressen är {length} tecken lång; högst {limit} tecken är tillåtet. Använd en kortare "
            "adress, till exempel sidan som leder dit.",
            "en": "The web address is {length} characters long; at most {limit} are allowed. Use a shorter "
            "address, for example the page that leads there.",
        },
        # A Markdown text (description, body), measured before it is parsed (markup.excess).
        "markdown-too-many-brackets": {
            "sv": "Texten innehåller {found} hakparenteser '['; högst {limit} är tillåtet (varje länk "
            "[text](adress) har en). Ta bort några länkar eller hakparenteser.",
            "en": "The text contains {found} square brackets '['; at most {limit} are allowed (each link "
            "[text](address) has one). Remove some links or brackets.",
        },
        "markdown-too-many-tags": {
            "sv": "Texten innehåller {found} tecken '<' (HTML-taggar och adresser inom <…>); högst {limit} "
            "är tillåtet. Skriv med Markdown i stället för HTML, eller ta bort några.",
            "en": "The text contains {found} '<' characters (HTML tags and addresses in <…>); at most {limit} "
            "are allowed. Write Markdown instead of HTML, or remove some.",
        },
        "markdown-too-deep": {
            "sv": "Rad {line} i texten har listor, citat ('>') eller indrag i {found} nivåer inuti varandra; "
            "högst {limit} är tillåtet. Minska indraget eller antalet '>', '-' och '1.' i början av raden.",
            "en": "Line {line} of the text has lists, quotes ('>') or indentation nested {found} levels deep; "
            "at most {limit} are allowed. Reduce the indentation or the number of '>', '-' and '1.' at the "
            "start of the line.",
        },
        "markdown-too-much-emphasis": {
            "sv": "Stycket som börjar på rad {line} i texten har {found} markeringar för fetstil eller kursiv "
            "('*', '**' eller '_'); högst {limit} är tillåtet i ett stycke. Ta bort några, eller dela stycket "
            "med en tom rad.",
            "en": "The paragraph starting on line {line} of the text has {found} bold or italic markers "
            "('*', '**' or '_'); at most {limit} are allowed in one paragraph. Remove some, or split the "
            "paragraph with a blank line.",
        },
        "markdown-too-complex": {
            "sv": "Texten har för många nivåer inuti varandra (fetstil i kursiv i en lista …) för att göras "
            "om till webbsida. Förenkla formateringen.",
            "en": "The text has too many levels inside each other (bold in italics in a list …) to be made "
            "into a web page. Simplify the formatting.",
        },
        # SVG files, measured before they are parsed (images.svg_findings).
        "svg-too-heavy": {
            "sv": "SVG-filen '{value}' är {size} kB; högst {limit} kB är tillåtet för en SVG-bild. Förenkla "
            "bilden i ritprogrammet, eller exportera den som PNG.",
            "en": "The SVG file '{value}' is {size} kB; at most {limit} kB is allowed for an SVG image. "
            "Simplify the drawing in the drawing program, or export it as PNG.",
        },
        "svg-too-many-elements": {
            "sv": "SVG-filen '{value}' har fler än {limit} element (taggar); ingen logotyp behöver så många. "
            "Förenkla bilden i ritprogrammet, eller exportera den som PNG.",
            "en": "The SVG file '{value}' has more than {limit} elements (tags); no logo needs that many. "
            "Simplify the drawing in the drawing program, or export it as PNG.",
        },
        "svg-css-function": {
            "sv": "SVG-filen '{value}' använder CSS-funktionen {function}(…), som inte finns bland de tillåtna "
            "(sådana som inte kan hämta något utifrån, till exempel rgb(), url(#…) och translate()). Ta bort "
            "den, eller exportera filen som PNG.",
            "en": "The SVG file '{value}' uses the CSS function {function}(…), which is not among those allowed "
            "(those that cannot fetch anything from elsewhere, such as rgb(), url(#…) and translate()). "
            "Remove it, or export the file as PNG.",
        },
        "svg-css-rule": {
            "sv": "SVG-filen '{value}' använder CSS-regeln @{rule}, som inte är tillåten i bilder. Ta bort "
            "den, eller exportera filen som PNG.",
            "en": "The SVG file '{value}' uses the CSS rule @{rule}, which is not allowed in images. Remove "
            "it, or export the file as PNG.",
        },
        # Pages in docs/: their front matter, read like a content file (yamlsource).
        "front-matter-too-large": {
            "sv": "Sidhuvudet (mellan '---'-raderna) är {size} kB; högst {limit} kB är tillåtet. Lägg texten "
            "på sidan under sidhuvudet i stället.",
            "en": "The front matter (between the '---' lines) is {size} kB; at most {limit} kB is allowed. "
            "Put the text on the page below the front matter instead.",
        },
        "page-too-large": {
            "sv": "Sidan är {size} kB; högst {limit} kB är tillåtet för en sida i docs/. Dela upp den i "
            "flera sidor.",
            "en": "The page is {size} kB; at most {limit} kB is allowed for a page in docs/. Split it into "
            "several pages.",
        },
        "check-stopped": {
            "sv": "Kontrollen slutade efter {limit} fel; filerna efter dessa kontrollerades inte. Rätta felen "
            "ovan och kör kontrollen igen.",
            "en": "The check stopped after {limit} errors; the files after these were not checked. Fix the "
            "errors above and run the check again.",
        },
        # The image step (hooks/images.py).
        "too-many-images": {
            "sv": "docs/images/ innehåller {found} filer; högst {limit} är tillåtet. Ta bort bilder som "
            "ingen sida använder.",
            "en": "docs/images/ holds {found} files; at most {limit} are allowed. Remove images that no page "
            "uses.",
        },
    }
)

# --- Partners' everyday mistakes, found in what the file says as written (issue 26) ---
MESSAGES.update(
    {
        "misplaced-field": {
            "sv": "Fältet '{key}' står indraget under '{parent}', men det är ett eget fält och hör inte dit. "
            "Flytta raden till vänsterkanten: ta bort mellanslagen före {key}:.",
            "en": "The field '{key}' is indented under '{parent}', but it is a field of its own and does not "
            "belong there. Move the line to the left edge: remove the spaces before {key}:.",
        },
        "field-in-text-block": {
            "sv": "Raden '{line}' är indragen lika mycket som texten ovanför (efter '|'), så den räknas som en "
            "del av texten och skulle publiceras, och fältet {key} läses inte. {fix}",
            "en": "The line '{line}' is indented as far as the text above it (after '|'), so it counts as "
            "part of the text and would be published, and the field {key} is not read. {fix}",
        },
        "field-like-line-in-text": {
            "sv": "Raden '{line}' i texten ser ut som fältet {key}, men den är indragen lika mycket som texten "
            "och publiceras som en del av den. Var det ett fält: {fix} Hör raden till texten kan den stå kvar.",
            "en": "The line '{line}' of the text looks like the field {key}, but it is indented as far as the "
            "text and is published as part of it. If it is a field: {fix} If the line belongs to the text, "
            "leave it.",
        },
        "commented-field": {
            "sv": "Raden '{line}' börjar med #, så den är en kommentar: fältet {key} läses inte och syns inte på "
            "webbplatsen. Ta bort # och mellanslaget efter det, så att raden börjar med {key}:.",
            "en": "The line '{line}' starts with #, so it is a comment: the field {key} is not read and does not "
            "show on the website. Remove the # and the space after it, so that the line starts with {key}:.",
        },
        "template-header": {
            "sv": "Filen innehåller mallens instruktioner ('{line}'), som bara hör hemma i mallen: de säger att "
            "filen aldrig publiceras. Ta bort kommentarraderna från den här raden till första tomma raden.",
            "en": "The file holds the template's instructions ('{line}'), which belong only in the template: "
            "they say the file is never published. Remove the comment lines from this one to the first "
            "blank line.",
        },
        "markdown-link-space": {
            "sv": "Länken '{snippet}' har ett mellanslag mellan ] och (, så sidan visar hakparenteserna och "
            "adressen som text. Ta bort mellanslaget: [{text}]({url}).",
            "en": "The link '{snippet}' has a space between ] and (, so the page shows the brackets and the "
            "address as text. Remove the space: [{text}]({url}).",
        },
        "markdown-link-broken": {
            "sv": "'{snippet}' blir ingen länk: en hakparentes [ ] eller parentes ( ) saknas, så sidan visar "
            "tecknen som text. Skriv länken som [länktext](https://…), med båda paren stängda.",
            "en": "'{snippet}' does not become a link: a square bracket [ ] or parenthesis ( ) is missing, so "
            "the page shows the characters as text. Write the link as [link text](https://…), with both "
            "pairs closed.",
        },
        "link-without-https": {
            "sv": "Länken till '{value}' leder ingenstans: en adress i en länk måste börja med https://. "
            "Skriv den som {suggestion}.",
            "en": "The link to '{value}' leads nowhere: an address in a link must start with https://. "
            "Write it as {suggestion}.",
        },
        "link-email-without-mailto": {
            "sv": "Länken till '{value}' leder ingenstans: en länk till en e-postadress skrivs med mailto: "
            "före adressen, som {suggestion}. Eller skriv adressen utan länk.",
            "en": "The link to '{value}' leads nowhere: a link to an e-mail address is written with mailto: "
            "before the address, as {suggestion}. Or write the address without a link.",
        },
        "url-userinfo": {
            "sv": "'{value}' har ett @ före webbplatsens namn, så länken leder till '{host}' med '{user}' som "
            "inloggningsnamn, inte till en e-postadress. {instead}",
            "en": "'{value}' has an @ before the site's name, so the link leads to '{host}' with '{user}' as a "
            "login name, not to an e-mail address. {instead}",
        },
        "url-is-email": {
            "sv": "'{value}' är en e-postadress, men här ska det stå en webbadress (https://…). {instead}",
            "en": "'{value}' is an e-mail address, but a web address (https://…) belongs here. {instead}",
        },
        "time-without-date": {
            "sv": "'{value}' är bara ett klockslag. Skriv datumet också: {example} (ÅÅÅÅ-MM-DDTHH:MM).",
            "en": "'{value}' is only a time. Write the date too: {example} (YYYY-MM-DDTHH:MM).",
        },
        "image-docs-prefix": {
            "sv": "Sökvägen '{value}' börjar med docs/, men bilder skrivs utan docs/ (de letas redan där). "
            "Skriv {fixed}.",
            "en": "The path '{value}' starts with docs/, but images are written without docs/ (they are "
            "looked for there already). Write {fixed}.",
        },
    }
)

# What to write instead of an address with an @ or an e-mail address, by field.
URL_EMAIL_INSTEAD: dict[str, dict[str, str]] = {
    "registration": {
        "sv": "Skriv en webbadress (https://…), eller skriv e-postadressen som mailto:{email}.",
        "en": "Write a web address (https://…), or write the e-mail address as mailto:{email}.",
    },
    "contact-field": {
        "sv": "Skriv en webbadress (https://…), eller lägg e-postadressen i fältet contact: contact: {email}",
        "en": "Write a web address (https://…), or put the e-mail address in the field contact: "
        "contact: {email}",
    },
    "other": {
        "sv": "Skriv en webbadress som börjar med https://, till exempel https://www.example.org/.",
        "en": "Write a web address starting with https://, for example https://www.example.org/.",
    },
}
# Where a line typed in the wrong place belongs (field-in-text-block).
# The fields of a text in two languages: misplaced (indented under another field, or at
# the left edge), they are always a mistake. The checks that find them share this.
TRANSLATION_FIELDS = ("sv", "en", "en_from")

MOVE_LINE: dict[str, dict[str, str]] = {
    "left": {
        "sv": "Flytta raden till vänsterkanten (inga mellanslag före {key}:), efter texten.",
        "en": "Move the line to the left edge (no spaces before {key}:), after the text.",
    },
    "sibling": {
        "sv": "Ta bort mellanslag före {key}: så att raden börjar lika långt in som {sibling}: ({indent} "
        "mellanslag), på en egen rad efter texten.",
        "en": "Remove spaces before {key}: so that the line starts as far in as {sibling}: ({indent} "
        "spaces), on a line of its own after the text.",
    },
}

# How to mark a translation up to date, by the style of the text's field.
TRANSLATION_MARKS: dict[str, dict[str, str]] = {
    "block": {
        "sv": 'skriv raden en_from: "{hash}" på en egen rad efter den engelska texten, lika långt in som '
        "en: (inte lika långt som en text under en: |).",
        "en": 'write the line en_from: "{hash}" on a line of its own after the English text, as far in '
        "as en: (not as far as a text under en: |).",
    },
    "flow": {
        "sv": 'skriv , en_from: "{hash}" efter den engelska texten, före }}.',
        "en": 'write , en_from: "{hash}" after the English text, before }}.',
    },
}

UNKNOWN_TERM: dict[str, dict[str, str]] = {
    "themes": {"sv": "Okänt tema", "en": "Unknown theme"},
    "municipalities": {"sv": "Okänd kommun", "en": "Unknown municipality"},
    "organisation_types": {"sv": "Okänd organisationstyp", "en": "Unknown organisation type"},
    "stages": {"sv": "Okänd fas", "en": "Unknown stage"},
}

FIELD_HINTS: dict[str, dict[str, str]] = {
    "localized": {
        "sv": "Skriv en svensk text under 'sv:' (engelska under 'en:' om du har en översättning).",
        "en": "Write a Swedish text under 'sv:' (and English under 'en:' if you have a translation).",
    },
    "plain": {"sv": "Fyll i det.", "en": "Fill it in."},
    "organisation": {
        "sv": "Skriv organisationens namn under 'name:' och typ under 'type:'.",
        "en": "Give the organisation's name under 'name:' and its type under 'type:'.",
    },
    "started": {
        "sv": "Skriv året då initiativet startade, till exempel 2016.",
        "en": "Write the year the initiative started, for example 2016.",
    },
    "added": {
        "sv": "Skriv dagens datum som ÅÅÅÅ-MM-DD, till exempel 2026-11-20.",
        "en": "Write today's date as YYYY-MM-DD, for example 2026-11-20.",
    },
    "swedish": {"sv": "Skriv den svenska texten efter 'sv:'.", "en": "Write the Swedish text after 'sv:'."},
}
FIELD_HINTS.update(
    {
        "start": {
            "sv": "Skriv när evenemanget börjar, till exempel 2027-03-28T10:00 (svensk tid).",
            "en": "Write when the event starts, for example 2027-03-28T10:00 (Swedish time).",
        },
        "published": {
            "sv": "Skriv publiceringsdatumet som ÅÅÅÅ-MM-DD, till exempel 2026-11-20.",
            "en": "Write the publication date as YYYY-MM-DD, for example 2026-11-20.",
        },
        "organisers": {
            "sv": "Skriv minst en samverkanspart som arrangör, till exempel [coompanion-skane].",
            "en": "Give at least one partner as organiser, for example [coompanion-skane].",
        },
    }
)


# Field names partners may write in Swedish, and the names the files use.
SWEDISH_FIELD_NAMES = {
    "namn": "name",
    "sammanfattning": "summary",
    "beskrivning": "description",
    "tema": "themes",
    "teman": "themes",
    "kommun": "municipalities",
    "kommuner": "municipalities",
    "samverkansparter": "partners",
    "samverkanspart": "partners",
    "organisation": "organisation",
    "fas": "stage",
    "startar": "started",
    "startår": "started",
    "webbplats": "website",
    "hemsida": "website",
    "kontakt": "contact",
    "epost": "contact",
    "e-post": "contact",
    "bild": "image",
    "logga": "logo",
    "logotyp": "logo",
    "tillagd": "added",
    "publicerad": "added",
    "uppdaterad": "updated",
    "utkast": "draft",
    "alt-text": "alt",
    "typ": "type",
}

# An example value for list fields, named by the field: used when the vocabulary has it
# (else its first key), so an example is always a value that can be written.
LIST_EXAMPLES = {"themes": "skola", "municipalities": "malmo", "partners": "coompanion-skane"}
# The vocabulary (content/vocabulary/) whose keys a field takes.
VOCABULARY_FIELDS = {"themes": "themes", "municipalities": "municipalities", "stage": "stages"}


def field_suggestion(key: str, allowed: list[str]) -> dict[str, str]:
    """Suggest the right field name for a misspelt or Swedish one."""
    translated = SWEDISH_FIELD_NAMES.get(str(key).casefold())
    if translated in allowed:
        return suggestion([translated])
    return suggestion(difflib.get_close_matches(str(key), allowed, n=1))


@dataclass(frozen=True)
class Hints:
    """What to write in a field: FIELD_HINTS, plus hints built from the vocabularies' keys.

    The allowed terms live only in content/vocabulary/*.yml; a hint naming them is
    made from the files as they are at check time.
    """

    fields: dict[str, dict[str, str]]
    examples: dict[str, str]

    def field(self, name: str) -> dict[str, str]:
        return self.fields.get(name, FIELD_HINTS["plain"])

    def example(self, field_path: tuple) -> str:
        names = [part for part in field_path if isinstance(part, str)]
        return self.examples.get(names[-1] if names else "", self.examples.get("themes", "skola"))


def hints_from(vocabulary_keys: dict[str, list[str]]) -> Hints:
    """Hints for the fields that take a vocabulary's keys, by vocabulary name ('stages': [...])."""
    fields, examples = dict(FIELD_HINTS), dict(LIST_EXAMPLES)
    for field_name, vocabulary in VOCABULARY_FIELDS.items():
        keys = vocabulary_keys.get(vocabulary) or []
        if not keys:
            continue
        preferred = LIST_EXAMPLES.get(field_name)
        example = preferred if preferred in keys else keys[0]
        examples[field_name] = example
        if field_name == "themes":
            fields[field_name] = {
                "sv": f"Skriv ett eller flera teman, till exempel [{example}].",
                "en": f"Give one or more themes, for example [{example}].",
            }
        elif field_name == "municipalities":
            region = " eller [hela-skane]" if "hela-skane" in keys and example != "hela-skane" else ""
            region_en = region.replace("eller", "or")
            fields[field_name] = {
                "sv": f"Skriv en eller flera kommuner, till exempel [{example}],{region}.".replace(",.", "."),
                "en": f"Give one or more municipalities, for example [{example}],{region_en}.".replace(
                    ",.", "."
                ),
            }
        else:  # one key: the few allowed are named
            fields[field_name] = {
                "sv": f"Skriv {_either(keys, 'eller')}.",
                "en": f"Write {_either(keys, 'or')}.",
            }
    return Hints(fields, examples)


def _either(keys: list[str], word: str) -> str:
    return keys[0] if len(keys) == 1 else f"{', '.join(keys[:-1])} {word} {keys[-1]}"


# Without the vocabularies (a partner or news file names no term).
DEFAULT_HINTS = Hints(dict(FIELD_HINTS), dict(LIST_EXAMPLES))


def suggestion(close: list[str]) -> dict[str, str]:
    """' Menade du 'malmo'?' in each language, or nothing."""
    if not close:
        return {"sv": "", "en": ""}
    return {"sv": f" Menade du '{close[0]}'?", "en": f" Did you mean '{close[0]}'?"}


def describe_value(value: object, lang: str, written: object = None) -> str:
    """Name the kind of a YAML value the way a partner would understand it, quoting
    ``written`` (the value as the file has it, 010 rather than 10) when given."""
    kinds = {
        "sv": {
            dict: "fält med värden",
            list: "en lista",
            str: "en text",
            bool: "true/false",
            int: "ett tal",
            float: "ett tal",
            type(None): "ingenting",
        },
        "en": {
            dict: "fields with values",
            list: "a list",
            str: "text",
            bool: "true/false",
            int: "a number",
            float: "a number",
            type(None): "nothing",
        },
    }[lang]
    kind = kinds.get(type(value), type(value).__name__)
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return f"{kind} ('{value if written is None else written}')"
    if isinstance(value, bool) and written is not None:
        return f"{kind} ('{written}')"
    return kind


# -----------------------------------------------------------------------------
# What the sanitiser removed, in words (the "sanitised" message)
# -----------------------------------------------------------------------------


def removal_params(tag: str, attribute: str | None, value: str | None) -> dict[str, dict[str, str]]:
    """'what' and 'instead' of the "sanitised" message, for one removed tag or attribute."""
    # Tabs and line breaks hidden in an address are shown, not printed.
    shown = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in value or "")
    if attribute == "href":
        if "@" in shown.split("//", 1)[-1].split("/", 1)[0] and not shown.startswith("mailto:"):
            return {
                "what": {"sv": f"Länken till '{shown}'", "en": f"The link to '{shown}'"},
                "instead": {
                    "sv": "Adressen har ett @ före webbplatsens namn, så den leder inte till en e-postadress. "
                    "Skriv en webbadress (https://…), eller e-post som [adressen](mailto:namn@example.org).",
                    "en": "The address has an @ before the site's name, so it does not lead to an e-mail "
                    "address. Write a web address (https://…), or e-mail as [the address](mailto:name@example.org).",
                },
            }
        return {
            "what": {"sv": f"Länken till '{shown}'", "en": f"The link to '{shown}'"},
            "instead": {
                "sv": "Länka till en webbadress som börjar med https:// (eller mailto: för e-post).",
                "en": "Link to a web address starting with https:// (or mailto: for e-mail).",
            },
        }
    if attribute in ("id", "name") and (value or "").lstrip().startswith("_"):
        return {
            "what": {
                "sv": f'Attributet {attribute}="{value}" på <{tag}>',
                "en": f'The attribute {attribute}="{value}" on <{tag}>',
            },
            "instead": {
                "sv": "Namn som börjar med _ hör till webbplatsens tema. Välj ett som börjar med en bokstav.",
                "en": "Names starting with _ belong to the site's theme. Choose one starting with a letter.",
            },
        }
    if tag == "img" and attribute == "src":
        return {
            "what": {"sv": f"Bilden från '{shown}'", "en": f"The image from '{shown}'"},
            "instead": {
                "sv": "Sidorna laddar inget från andra webbplatser: lägg bilden i docs/images/ och skriv "
                "sökvägen dit, till exempel ![Vad bilden visar](images/bild.jpg).",
                "en": "The pages load nothing from other sites: put the image in docs/images/ and write "
                "its path, for example ![What the image shows](images/picture.jpg).",
            },
        }
    if attribute:
        runs_code = attribute.startswith("on")
        return {
            "what": {
                "sv": f"Attributet {attribute} på <{tag}>" + (" (kör kod)" if runs_code else ""),
                "en": f"The attribute {attribute} on <{tag}>" + (" (runs code)" if runs_code else ""),
            },
            "instead": {"sv": "Ta bort attributet.", "en": "Remove the attribute."},
        }
    if tag == "img":
        return {"what": {"sv": "Bilden", "en": "The image"}, "instead": IMAGE_INSTEAD}
    if tag == "h1":
        return {
            "what": {"sv": "Huvudrubriken (#)", "en": "The main heading (#)"},
            "instead": {
                "sv": "Sidan har redan en huvudrubrik: börja rubriker i texten med ##.",
                "en": "The page already has a main heading: start headings in the text with ##.",
            },
        }
    return {
        "what": {"sv": f"HTML-taggen <{tag}>", "en": f"The HTML tag <{tag}>"},
        "instead": {
            "sv": "Skriv vanlig text eller Markdown (till exempel [länktext](https://…)).",
            "en": "Write plain text or Markdown (for example [link text](https://…)).",
        },
    }


IMAGE_INSTEAD = {
    "sv": "Ta bort bilden ur texten och använd fältet image för en bild.",
    "en": "Remove the image from the text and use the field image for a picture.",
}


# -----------------------------------------------------------------------------
# Problems
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one place of one content file."""

    file: str
    line: int | None
    column: int | None
    field: str
    code: str
    params: dict = field(default_factory=dict, compare=False)
    severity: str = "error"

    def message(self, lang: str = "sv") -> str:
        # A parameter may itself be given per language: {"sv": …, "en": …}.
        params = {
            key: value[lang] if isinstance(value, dict) and lang in value else value
            for key, value in self.params.items()
        }
        return MESSAGES[self.code][lang].format(**params)

    def location(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def format(self, lang: str = "sv") -> str:
        label = {"sv": "fält", "en": "field"}[lang]
        field_part = f" ({label} {self.field})" if self.field else ""
        return f"{self.location()}{field_part}: {self.message(lang)}"


# Problems of one kind (code) told in full; the rest are counted. Twenty thousand
# broken files would otherwise print a hundred thousand lines.
SHOWN_PER_KIND = 20


def shown_per_kind(problems: list[Problem], limit: int = SHOWN_PER_KIND) -> list[tuple[Problem, int]]:
    """The problems to tell, in order, each with how many more of its kind follow untold
    (non-zero only after the last one told of a kind)."""
    totals: dict[str, int] = {}
    for problem in problems:
        totals[problem.code] = totals.get(problem.code, 0) + 1
    shown: list[tuple[Problem, int]] = []
    seen: dict[str, int] = {}
    for problem in problems:
        seen[problem.code] = seen.get(problem.code, 0) + 1
        if seen[problem.code] <= limit:
            last = seen[problem.code] == limit
            shown.append((problem, totals[problem.code] - limit if last else 0))
    return shown


class ContentProblems(Exception):
    """Raised when content has errors; carries every problem found in the run."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(self.report("sv"))

    def report(self, lang: str = "sv", strings: dict[str, Strings] | None = None) -> str:
        """The heading ("Innehållet har 2 fel …", from i18n/) and one line per problem."""
        t = (strings or load_strings())[lang]
        heading = t("content_errors_heading", errors=t.plural("errors", len(self.problems)))
        lines = []
        for problem, more in shown_per_kind(self.problems):
            lines.append(f"  - {problem.format(lang)}")
            if more:
                lines.append("  " + t("more_of_kind", n=more))
        return "\n".join([heading, *lines])

    def bilingual(self, first: str = "sv", strings: dict[str, Strings] | None = None) -> str:
        """Both languages, ``first`` first: for the terminal and the build log, which
        partners and maintainers read alike (SIS_LANG chooses the first)."""
        strings = strings or load_strings()
        order = [first, *(lang for lang in LANGUAGES if lang != first)]
        return "\n\n".join(self.report(lang, strings) for lang in order)
