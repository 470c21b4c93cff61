/*
 * Claimdesk badge embed. One line on a publisher's page:
 *
 *   <script src="https://desk.example.org/static/claimdesk/embed.js" data-url="https://news.example.org/story" async></script>
 *
 * Inserts, right after the script tag, a link to the article's fact-checks holding the badge image.
 * data-url: the article's address (default: the page's canonical link, else its own address).
 * data-base: where Claimdesk answers, when static files come from elsewhere (default: the script's origin).
 * Nothing is shown for an article Claimdesk does not know. No cookies are sent or set.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch) {
    return;
  }
  var base = (script.getAttribute("data-base") || new URL(script.src).origin).replace(/\/+$/, "");
  var canonical = document.querySelector('link[rel="canonical"]');
  var articleUrl = script.getAttribute("data-url") || (canonical && canonical.href) || window.location.href;
  var query = "?url=" + encodeURIComponent(articleUrl);

  window
    .fetch(base + "/api/v1/public/badge.json" + query, { credentials: "omit", mode: "cors" })
    .then(function (response) {
      return response.ok ? response.json() : null;
    })
    .then(function (badge) {
      if (!badge) {
        return;
      }
      var link = document.createElement("a");
      link.href = base + "/fact-checks/" + query;
      link.target = "_blank";
      link.rel = "noopener";
      link.className = "claimdesk-badge";
      var image = document.createElement("img");
      image.src = base + "/api/v1/public/badge.svg" + query;
      image.alt = badge.label + ": " + badge.message;
      image.height = 20;
      image.decoding = "async";
      image.referrerPolicy = "no-referrer-when-downgrade";
      link.appendChild(image);
      script.parentNode.insertBefore(link, script.nextSibling);
    })
    .catch(function () {
      /* A badge is never worth breaking the publisher's page. */
    });
})();
