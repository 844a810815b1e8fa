/*
 * The menu and the search by keyboard. Material opens both from <label>s of
 * hidden checkboxes, which cannot take focus; partials/header.html puts a
 * button beside each label, and this script shows the button in the label's
 * place. The button presses the checkbox, as the label does, says whether
 * what it opens is open (aria-expanded), and moves focus into the search when
 * it opens it. Escape closes the menu (Material closes the search itself) and
 * gives focus back to the button.
 */
(function () {
  "use strict";

  var toggles = [];

  Array.prototype.forEach.call(document.querySelectorAll("button[data-sis-toggle]"), function (button) {
    var id = button.getAttribute("data-sis-toggle");
    var toggle = document.getElementById(id);
    var label = document.querySelector('label.md-header__button[for="' + id + '"]');
    if (!toggle || !label) return;
    label.hidden = true;
    button.hidden = false;
    toggles.push({ button: button, toggle: toggle });

    function sync() {
      button.setAttribute("aria-expanded", String(toggle.checked));
    }
    button.addEventListener("click", function () {
      toggle.click();
      var field = document.querySelector("[data-md-component=search-query]");
      if (id === "__search" && toggle.checked && field) field.focus();
    });
    toggle.addEventListener("change", sync);
    sync();
  });

  // On the document, before Material's own handler on the window.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    toggles.forEach(function (item) {
      if (!item.toggle.checked) return;
      if (item.button.offsetParent !== null) item.button.focus();
      if (item.toggle.id === "__drawer") item.toggle.click();
    });
  });
})();
