// Ett skript bland bilderna: skulle publiceras och kunna laddas från vår adress.
alert(document.domain);

# Vad kontrollen ska säga om den här filen (testerna jämför ordagrant):
# väntat: Fel: docs/images/partners/skript.js: Filen 'docs/images/partners/skript.js' är ingen bild och publiceras inte: mappen docs/images/ får bara innehålla bilder (JPEG, PNG, WebP eller SVG). Ta bort filen.
