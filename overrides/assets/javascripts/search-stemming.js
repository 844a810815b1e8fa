/*
 * Whole words found with stemming. Material adds "*" to every word typed (to
 * search as you type), and lunr does not stem a word with "*": with a stemmer
 * in the pipeline, "innovation*" never meets the indexed stem "innov". This
 * sends each plain word twice, "innovation* innovation^1": the copy without
 * "*" is stemmed like the index. Queries with Material's own syntax (quotes,
 * + - : ^ ~ *) go as typed. Loaded before Material's bundle.
 */
(function () {
  "use strict";

  var QUERY = 2; // Material's search worker message type for a query
  var post = window.Worker && Worker.prototype.postMessage;
  if (!post) return;

  function withStems(query) {
    if (/["+\-:^~*]/.test(query)) return query;
    var words = query.trim().split(/\s+/).filter(Boolean);
    return words.concat(words.map(function (word) { return word + "^1"; })).join(" ");
  }

  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      arguments[0] = { type: QUERY, data: withStems(message.data) };
    }
    return post.apply(this, arguments);
  };
})();
