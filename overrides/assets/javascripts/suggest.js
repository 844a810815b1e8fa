/*
 * The suggestion form (/tipsa/, /en/suggest/; overrides/suggest.html). The
 * form is hidden until this script runs, and it never submits: on submit the
 * script writes an e-mail for the visitor's own mail program (or, where the
 * site has no address for tips, the same text to copy), a mailto: URL
 * with a subject and a body holding the answers as text and a draft YAML file
 * for content/initiatives/, and opens it. Nothing is sent to any server and
 * nothing is stored. The words come from the page (labels, data attributes
 * from i18n/), so the script speaks the page's language.
 */
(function () {
  "use strict";

  var form = document.getElementById("sis-suggest");
  if (!form) return;
  form.hidden = false;
  // The questions to answer without the form: the form asks them now, in their place.
  var questions = document.getElementById("sis-suggest-questions");
  if (questions) questions.hidden = true;

  // --- Text -----------------------------------------------------------------

  // encodeURIComponent throws on a lone surrogate; YAML would reject it too.
  function wellFormed(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff) {
        var next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          out += text.charAt(i) + text.charAt(i + 1);
          i++;
          continue;
        }
        out += "\ufffd";
      } else if (code >= 0xdc00 && code <= 0xdfff) {
        out += "\ufffd";
      } else {
        out += text.charAt(i);
      }
    }
    return out.replace(/\r\n?/g, "\n");
  }

  // A YAML double-quoted scalar: quotes, backslashes, line breaks and every
  // character YAML forbids or reads as a line break written as an escape.
  function yamlString(text) {
    var out = '"';
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i);
      var code = text.charCodeAt(i);
      if (ch === '"' || ch === "\\") out += "\\" + ch;
      else if (ch === "\n") out += "\\n";
      else if (ch === "\t") out += "\\t";
      else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 || code === 0xfeff || code >= 0xfffe) {
        out += "\\u" + ("000" + code.toString(16)).slice(-4);
      } else out += ch;
    }
    return out + '"';
  }

  function today() {
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  function field(name) {
    var element = form.elements.namedItem(name);
    return wellFormed(element ? element.value : "").trim();
  }

  // A question as a heading in the e-mail: a colon unless it asks already
  // (as hooks/suggest_page.py writes the plain link's body).
  function heading(text) {
    return /\?$/.test(text) ? text : text + ":";
  }

  function label(name) {
    var element = form.elements.namedItem(name);
    var labelled = element && element.labels && element.labels[0];
    return labelled ? labelled.textContent.replace(/\s+/g, " ").trim() : name;
  }

  // --- The e-mail -----------------------------------------------------------

  function yamlFile(answers) {
    var description = ["new", "use"].filter(function (name) { return answers[name]; }).map(function (name) {
      return "**" + label(name) + "**\n\n" + answers[name];
    }).join("\n\n");
    var lines = [
      "# yaml-language-server: $schema=../../schemas/initiative.schema.json",
      "# " + form.getAttribute("data-yaml-note"),
      "name:",
      "  sv: " + yamlString(answers.name),
      "summary:",
      "  sv: " + yamlString(answers.challenge),
    ];
    if (description) lines.push("description:", "  sv: " + yamlString(description));
    lines.push(
      "themes:",
      "municipalities: [" + yamlString(answers.municipality) + "]",
      "organisation:",
      "  name:",
      "  type:",
      "stage:",
      "started:"
    );
    if (answers.website) lines.push("website: " + yamlString(answers.website));
    lines.push("added: " + today(), "draft: true");
    return lines.join("\n") + "\n";
  }

  function compose() {
    var answers = {};
    ["name", "municipality", "challenge", "new", "use", "website"].forEach(function (name) {
      answers[name] = field(name);
    });
    var noAnswer = form.getAttribute("data-no-answer");
    var select = form.elements.namedItem("municipality");
    var shown = {
      municipality: select.selectedIndex > 0 ? select.options[select.selectedIndex].text.trim() : "",
    };
    var parts = [form.getAttribute("data-greeting")];
    ["name", "municipality", "challenge", "new", "use", "website"].forEach(function (name) {
      var value = name in shown ? shown[name] : answers[name];
      parts.push(heading(label(name)) + "\n" + (value || noAnswer));
    });
    var from = [field("your-name"), field("your-email")].filter(Boolean).join(", ");
    if (from) parts.push(heading(form.getAttribute("data-from")) + "\n" + from);
    parts.push("-----\n" + form.getAttribute("data-yaml-heading") + "\n\n" + yamlFile(answers));
    return {
      subject: form.getAttribute("data-subject") + (answers.name ? ": " + answers.name : ""),
      body: parts.join("\n\n"),
    };
  }

  function mailto(email, message) {
    var body = message.body.replace(/\n/g, "\r\n");
    var to = encodeURIComponent(email).replace(/%40/g, "@");
    return "mailto:" + to + "?subject=" + encodeURIComponent(message.subject) + "&body=" + encodeURIComponent(body);
  }

  // Without an address (data-email empty) there is no one to mail: the text is
  // shown to copy, for the visitor to send to a partner (never a mailto: with no recipient).
  function offerToCopy(message) {
    var area = document.getElementById("sis-suggest-copy-area");
    var text = document.getElementById("sis-suggest-text");
    text.value = message.subject + "\n\n" + message.body;
    area.hidden = false;
    text.focus();
    text.select();
  }

  var copy = document.getElementById("sis-suggest-copy");
  if (copy) {
    copy.addEventListener("click", function () {
      var text = document.getElementById("sis-suggest-text");
      text.select();
      function done() { copy.textContent = copy.getAttribute("data-copied"); }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text.value).then(done, function () {});
      } else if (document.execCommand && document.execCommand("copy")) {
        done();
      }
    });
  }

  form.addEventListener("submit", function (event) {
    // Never to a server: the visitor's mail program sends the message, or the visitor copies it.
    event.preventDefault();
    var message = compose();
    var email = form.getAttribute("data-email") || "";
    if (!email) {
      offerToCopy(message);
      return;
    }
    var url = mailto(email, message);
    var link = document.getElementById("sis-suggest-composed");
    link.href = url;
    link.parentNode.hidden = false;
    window.location.href = url;
  });
})();
