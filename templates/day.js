// The day picker of tkb report: what held on the chosen day, computed from the intervals embedded in the page
// (#day-data). Intervals are closed-open [from, to) with ISO dates, null for an open end; ISO dates compare as
// strings. An answer whose sources do not confirm the day (it holds only because nothing ended it) is marked
// presumed. Nothing is fetched: the page works from file://.
"use strict";
(function () {
  var data = JSON.parse(document.getElementById("day-data").textContent);
  var input = document.getElementById("day");
  var result = document.getElementById("result");
  var ISO = /^\d{4}-\d{2}-\d{2}$/;

  function holds(interval, day) {
    return (interval[0] === null || interval[0] <= day) && (interval[1] === null || day < interval[1]);
  }

  function element(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function link(href, text) {
    var a = element("a", text);
    a.href = href;
    return a;
  }

  function presumedMark(item) {
    var mark = element("span", " presumed");
    mark.className = "presumed";
    mark.title = "no source confirms it on this day: it holds because no source has ended it";
    item.appendChild(mark);
    item.setAttribute("data-presumed", "true");
  }

  // One group's list: every fact holding on the day, linked to the proof of the stretch containing it.
  function group(g, day) {
    var section = element("section");
    var held = g.facts.filter(function (f) { return f.valid.some(function (i) { return holds(i, day); }); });
    section.appendChild(element("h2", g.heading + " (" + held.length + ")"));
    var list = element("ul");
    list.id = "held-" + g.pred;
    held.forEach(function (f) {
      var stretch = f.stretches.filter(function (s) { return holds(s.valid, day); })[0];
      var item = element("li");
      item.setAttribute("data-value", f.code);
      item.appendChild(link(f.page + "#" + (stretch ? stretch.anchor : f.anchor), f.code + " " + f.name));
      if (stretch && !(stretch.confirmed && holds(stretch.confirmed, day))) presumedMark(item);
      list.appendChild(item);
    });
    if (held.length === 0) list.appendChild(element("li", "none"));
    section.appendChild(list);
    return section;
  }

  function regimes(day) {
    var section = element("section");
    section.appendChild(element("h2", "In force"));
    var list = element("ul");
    list.id = "held-regimes";
    data.regimes.forEach(function (r) {
      var at = r.valid.map(function (i) { return holds(i, day); }).indexOf(true);
      if (at < 0) return;
      var item = element("li");
      item.setAttribute("data-value", r.pred);
      item.appendChild(link(r.page, r.pred));
      item.appendChild(document.createTextNode(": " + r.meaning));
      var confirmed = r.confirmed[at];
      if (!(confirmed && holds(confirmed, day))) presumedMark(item);
      list.appendChild(item);
    });
    section.appendChild(list);
    return section;
  }

  function show(day) {
    while (result.firstChild) result.removeChild(result.firstChild);
    if (!ISO.test(day)) {
      result.appendChild(element("p", "Choose a day (YYYY-MM-DD)."));
      return;
    }
    var heading = element("p", "On " + day + ":");
    heading.id = "shown-day";
    result.appendChild(heading);
    data.groups.forEach(function (g) { result.appendChild(group(g, day)); });
    result.appendChild(regimes(day));
  }

  document.getElementById("day-form").addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
  });
  input.addEventListener("change", function () { show(input.value); });
  var asked = decodeURIComponent(window.location.hash.slice(1));
  if (ISO.test(asked)) input.value = asked;
  show(input.value);
})();
