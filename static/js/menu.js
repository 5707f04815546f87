// The header's menu on a phone (templates/base.html, static/css/site.css): a disclosure button
// that shows and hides the search and the main navigation. Loaded in <head>, without defer, so
// that the page is marked before it is first drawn and the menu never flashes open; the page
// works without it (the button stays hidden and the menu open).
(function () {
  "use strict";
  document.documentElement.classList.add("js-menu");
  function setUp() {
    var button = document.querySelector("[data-menu-toggle]");
    if (!button) {
      return;
    }
    button.hidden = false;
    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        button.focus();
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
