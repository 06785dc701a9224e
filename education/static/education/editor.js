// The article editor: a toolbar that inserts care cards, headings, links and footnotes where the cursor is, a
// picker of published articles to link to, and a live preview beside the text through the patient page. The form
// works the same without it.
(function () {
  "use strict";
  var body = document.getElementById("id_body");
  var tools = document.getElementById("editor-tools");
  var form = document.getElementById("article_form");
  if (!body || !tools || !form || body.readOnly) return;

  function insert(text) {
    var start = body.selectionStart, end = body.selectionEnd;
    var before = body.value.slice(0, start);
    // Headings and cards start a line of their own.
    var lead = /^(#|!!!)/.test(text) && before && !before.endsWith("\n") ? "\n" : "";
    body.setRangeText(lead + text, start, end, "end");
    body.focus();
    body.dispatchEvent(new Event("input", { bubbles: true }));
  }

  var snippets = [
    ["Heading", "## Heading\n"],
    ["Emergency card", "!!! emergency\n    - {{ sign: }}\n"],
    ["Urgent card", "!!! urgent\n    - {{ sign: }}\n"],
    ["See a doctor soon card", "!!! soon\n    - \n"],
    ["Self care card", "!!! self_care\n    - \n"],
    ["Footnote", "[^1]"],
  ];
  var bar = document.createElement("div");
  bar.className = "editor-toolbar";
  bar.setAttribute("role", "toolbar");
  bar.setAttribute("aria-label", "Insert into the article");
  snippets.forEach(function (snippet) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.textContent = snippet[0];
    button.addEventListener("click", function () { insert(snippet[1]); });
    bar.appendChild(button);
  });
  var picker = document.getElementById("link-picker");
  picker.addEventListener("change", function () {
    if (!picker.value) return;
    var title = picker.options[picker.selectedIndex].text;
    var chosen = body.value.slice(body.selectionStart, body.selectionEnd) || title;
    insert("[" + chosen + "](" + picker.value + ")");
    picker.value = "";
  });
  tools.hidden = false;
  tools.insertBefore(bar, tools.firstChild);
  body.parentNode.insertBefore(tools, body);

  // Live preview: the form's words posted to the preview page, shown in a frame beside the text.
  var frame = document.createElement("iframe");
  frame.name = "live-preview";
  frame.title = "Live preview: the article as patients will see it";
  frame.className = "live-preview";
  var holder = document.createElement("div");
  holder.className = "editor-with-preview";
  body.parentNode.insertBefore(holder, body);
  holder.appendChild(body);
  holder.appendChild(frame);
  var sender = document.createElement("form");
  sender.method = "post";
  sender.action = tools.dataset.previewUrl;
  sender.target = "live-preview";
  sender.hidden = true;
  document.body.appendChild(sender);
  var timer = null;
  function refresh() {
    sender.textContent = "";
    ["csrfmiddlewaretoken", "title", "slug", "summary", "body", "language"].forEach(function (name) {
      var field = form.elements[name];
      if (!field) return;
      var copy = document.createElement("input");
      copy.type = "hidden";
      copy.name = name;
      copy.value = field.value;
      sender.appendChild(copy);
    });
    sender.submit();
  }
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 600);
  });
  refresh();
})();
