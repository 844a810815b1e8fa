// En fil i docs/ med samma adress som ett av temats skript skulle ersätta det.
alert(document.domain);

# Vad kontrollen ska säga om den här filen (testerna jämför ordagrant):
# väntat: Fel: docs/assets/javascripts/bundle.js: Filen 'docs/assets/javascripts/bundle.js' publiceras inte: mappen docs/ får bara innehålla sidor (.md) och bilder (JPEG, PNG, WebP eller SVG). Ta bort filen, eller skriv innehållet som en sida.
