// CDS Hooks sandbox page: builds a hook request from a scenario bundle, calls the real
// service endpoints (/cds-services…) as an EHR would, renders the cards and sends feedback.
//
// Safety: every piece of text from a bundle, a card or a response reaches the page through
// textContent or setAttribute on elements created here; nothing is ever parsed as HTML
// (no innerHTML, no insertAdjacentHTML). Link targets are limited to http(s) and mailto.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const el = {
    form: $("run-form"),
    bundleSelect: $("bundle-select"),
    bundleText: $("bundle-text"),
    bundleFile: $("bundle-file"),
    bundleProblem: $("bundle-problem"),
    hook: $("hook-select"),
    drafts: $("draft-orders"),
    runButton: $("run-button"),
    status: $("status"),
    cards: $("cards"),
    rawRequest: $("raw-request"),
    rawResponse: $("raw-response"),
    rawFeedback: $("raw-feedback"),
  };

  const INDICATORS = {
    info: { label: "Info", className: "card--info" },
    warning: { label: "Warning", className: "card--warning" },
    critical: { label: "Critical", className: "card--critical" },
  };
  const ACTION_WORDS = { create: "Create", update: "Update", delete: "Delete" };
  const SAFE_URL = /^(https?:\/\/|mailto:)/i;

  let services = null; // hook -> service id, from discovery
  let feedbackLog = [];
  let lastRequest = null;
  let draftTimer = null;

  // ---------------------------------------------------------------- small DOM helpers

  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "className") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function pretty(value) {
    return JSON.stringify(value, null, 2);
  }

  function setStatus(message, kind) {
    el.status.textContent = message;
    el.status.className = "status" + (kind ? " status--" + kind : "");
  }

  function setRaw(details, label, value) {
    details.querySelector(".raw-target").textContent = label;
    details.querySelector("pre").textContent =
      typeof value === "string" ? value : pretty(value);
  }

  function showBundleProblem(message) {
    el.bundleProblem.hidden = !message;
    el.bundleProblem.textContent = message || "";
    el.bundleText.setAttribute("aria-invalid", message ? "true" : "false");
  }

  function safeLink(url, label) {
    if (typeof url === "string" && SAFE_URL.test(url.trim())) {
      return h("a", { href: url.trim(), target: "_blank", rel: "noopener noreferrer" }, label);
    }
    return h("span", { className: "unsafe-link" }, label);
  }

  // ---------------------------------------------------------------- markdown (safe subset)
  // Blocks: paragraphs, blockquotes, bullet and numbered lists, headings, fenced code.
  // Inline: **bold**, *italic*, _italic_, `code`, [text](http…), <http…>, backslash escapes.
  // Text is only ever inserted as text nodes, which is equivalent to escaping HTML first.

  const ESCAPABLE = "\\`*_{}[]()<>#+-.!|~\"'";

  function findClosing(text, delim, from) {
    for (let i = from; i <= text.length - delim.length; i++) {
      if (text[i] === "\\") { i++; continue; }
      if (text.startsWith(delim, i)) {
        if (delim === "*" && text[i + 1] === "*") { i++; continue; }
        return i;
      }
    }
    return -1;
  }

  function renderInline(text, parent) {
    let buffer = "";
    const flush = () => { if (buffer) { parent.append(document.createTextNode(buffer)); buffer = ""; } };
    let i = 0;
    while (i < text.length) {
      const c = text[i];
      if (c === "\\" && i + 1 < text.length && ESCAPABLE.includes(text[i + 1])) {
        buffer += text[i + 1];
        i += 2;
        continue;
      }
      if (c === "`") {
        const end = text.indexOf("`", i + 1);
        if (end > i + 1) {
          flush();
          parent.append(h("code", { text: text.slice(i + 1, end) }));
          i = end + 1;
          continue;
        }
      }
      if ((c === "*" || c === "_") && text[i + 1] === c) {
        const delim = c + c;
        const end = findClosing(text, delim, i + 2);
        if (end > i + 2) {
          flush();
          const strong = h("strong");
          renderInline(text.slice(i + 2, end), strong);
          parent.append(strong);
          i = end + 2;
          continue;
        }
      }
      if (c === "*" || (c === "_" && (i === 0 || /[\s([]/.test(text[i - 1])))) {
        const end = findClosing(text, c, i + 1);
        const inner = end > i + 1 ? text.slice(i + 1, end) : "";
        const wordEnd = c !== "_" || end + 1 >= text.length || /[\s.,;:!?)\]]/.test(text[end + 1]);
        if (inner && !/^\s/.test(inner) && !/\s$/.test(inner) && wordEnd) {
          flush();
          const em = h("em");
          renderInline(inner, em);
          parent.append(em);
          i = end + 1;
          continue;
        }
      }
      if (c === "[") {
        const close = findClosing(text, "]", i + 1);
        if (close > i && text[close + 1] === "(") {
          const paren = text.indexOf(")", close + 2);
          if (paren > close) {
            flush();
            const label = h("span");
            renderInline(text.slice(i + 1, close), label);
            const url = text.slice(close + 2, paren).trim().split(/\s+/)[0];
            const link = safeLink(url, "");
            link.append(...label.childNodes);
            parent.append(link);
            i = paren + 1;
            continue;
          }
        }
      }
      if (c === "<") {
        const end = text.indexOf(">", i + 1);
        const inner = end > i ? text.slice(i + 1, end) : "";
        if (SAFE_URL.test(inner) && !/\s/.test(inner)) {
          flush();
          parent.append(safeLink(inner, inner));
          i = end + 1;
          continue;
        }
      }
      buffer += c;
      i++;
    }
    flush();
    return parent;
  }

  function renderMarkdown(source) {
    const root = document.createDocumentFragment();
    const lines = String(source || "").replace(/\r\n?/g, "\n").split("\n");
    let para = null; // lines of the current paragraph
    let list = null; // {node, ordered, lastItem, lines}
    let quote = null; // lines of the current blockquote

    const closePara = () => {
      if (para) root.append(renderInline(para.join(" "), h("p")));
      para = null;
    };
    const closeListItem = () => {
      if (list && list.lines) renderInline(list.lines.join(" "), list.lastItem);
      if (list) list.lines = null;
    };
    const closeList = () => {
      closeListItem();
      if (list) root.append(list.node);
      list = null;
    };
    const closeQuote = () => {
      if (quote) {
        const block = h("blockquote");
        block.append(renderMarkdown(quote.join("\n")));
        root.append(block);
      }
      quote = null;
    };
    const closeAll = () => { closePara(); closeList(); closeQuote(); };

    for (let n = 0; n < lines.length; n++) {
      const line = lines[n];
      let m;
      if (/^\s*```/.test(line)) {
        closeAll();
        const body = [];
        for (n++; n < lines.length && !/^\s*```/.test(lines[n]); n++) body.push(lines[n]);
        root.append(h("pre", { className: "md-code" }, h("code", { text: body.join("\n") })));
        continue;
      }
      if (!line.trim()) { closeAll(); continue; }
      if ((m = /^\s{0,3}>\s?(.*)$/.exec(line))) {
        closePara(); closeList();
        (quote = quote || []).push(m[1]);
        continue;
      }
      if (quote) closeQuote();
      if ((m = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line))) {
        closeAll();
        root.append(renderInline(m[2], h("p", { className: "md-heading" })));
        continue;
      }
      const bullet = /^\s{0,3}[-*+]\s+(.*)$/.exec(line);
      const numbered = /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/.exec(line);
      if (bullet || numbered) {
        closePara();
        const ordered = Boolean(numbered);
        if (!list || list.ordered !== ordered) {
          closeList();
          const node = ordered ? h("ol", numbered[1] !== "1" ? { start: numbered[1] } : {}) : h("ul");
          list = { node, ordered, lastItem: null, lines: null };
        }
        closeListItem();
        list.lastItem = h("li");
        list.node.append(list.lastItem);
        list.lines = [ordered ? numbered[2] : bullet[1]];
        continue;
      }
      if (list && list.lines && /^\s+\S/.test(line)) {
        list.lines.push(line.trim());
        continue;
      }
      closeList();
      (para = para || []).push(line.trim());
    }
    closeAll();
    return root;
  }

  // ---------------------------------------------------------------- HTTP

  async function callJson(method, url, body) {
    const init = { method, headers: { Accept: "application/json" } };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(url, init);
    } catch (err) {
      return { status: 0, ok: false, data: null, error: "network error: " + err.message };
    }
    const text = await response.text();
    let data = null;
    if (text) {
      try { data = JSON.parse(text); } catch (_) { data = text; }
    }
    return { status: response.status, ok: response.ok, data, error: null };
  }

  function problemText(result) {
    if (result.error) return result.error;
    const data = result.data;
    if (data && typeof data === "object" && data.resourceType === "OperationOutcome") {
      const issues = Array.isArray(data.issue) ? data.issue : [];
      const texts = issues.map((i) => i.diagnostics || (i.details && i.details.text) || i.code)
        .filter(Boolean);
      if (texts.length) return texts.join("; ");
    }
    if (result.status === 401) {
      return "the service requires a JWT; start it with CDS_ALLOW_UNAUTHENTICATED=1 for the sandbox";
    }
    return "no details";
  }

  function codeOf(result) {
    const issue = result.data && Array.isArray(result.data.issue) ? result.data.issue[0] : null;
    const coding = issue && issue.details && Array.isArray(issue.details.coding)
      ? issue.details.coding[0] : null;
    return coding && coding.code ? " [" + coding.code + "]" : "";
  }

  async function discover() {
    if (services) return services;
    const result = await callJson("GET", "/cds-services");
    if (!result.ok || !result.data || !Array.isArray(result.data.services)) {
      throw new Error("discovery failed (HTTP " + result.status + "): " + problemText(result));
    }
    services = {};
    for (const s of result.data.services) {
      if (s && s.hook && s.id && !(s.hook in services)) services[s.hook] = s.id;
    }
    return services;
  }

  // ---------------------------------------------------------------- bundles and draft orders

  function orderDisplay(resource) {
    const code = resource && resource.code;
    if (code && typeof code.text === "string" && code.text.trim()) return code.text;
    const codings = code && Array.isArray(code.coding) ? code.coding : [];
    const shown = codings.find((c) => c && typeof c.display === "string" && c.display.trim());
    if (shown) return shown.display;
    const coded = codings.find((c) => c && c.code);
    if (coded) return "code " + coded.code;
    return "ServiceRequest/" + ((resource && resource.id) || "?");
  }

  function orderCodes(resource) {
    const codings = resource && resource.code && Array.isArray(resource.code.coding)
      ? resource.code.coding : [];
    return codings.filter((c) => c && c.code).map((c) => c.code).join(", ");
  }

  async function loadBundleList() {
    const result = await callJson("GET", "/sandbox/bundles");
    el.bundleSelect.textContent = "";
    if (!result.ok || !result.data || !Array.isArray(result.data.bundles)) {
      el.bundleSelect.append(h("option", { value: "" }, "Sample bundles unavailable"));
      setStatus("Could not list the sample bundles (HTTP " + result.status + "): "
        + problemText(result), "error");
      return;
    }
    el.bundleSelect.append(h("option", { value: "" }, "— choose a sample bundle —"));
    for (const b of result.data.bundles) {
      const orders = (b.draftOrders || []).map((d) => d.display).join("; ");
      el.bundleSelect.append(h("option", { value: b.name, title: orders }, b.title));
    }
  }

  function parseBundleText() {
    const text = el.bundleText.value.trim();
    if (!text) return { bundle: null, problem: "Paste a FHIR Bundle or choose a sample bundle." };
    try {
      return { bundle: JSON.parse(text), problem: null };
    } catch (err) {
      return { bundle: null, problem: "The bundle is not valid JSON: " + err.message };
    }
  }

  function renderDraftCheckboxes(drafts) {
    const previous = new Set(checkedSelections());
    const keep = previous.size > 0;
    el.drafts.textContent = "";
    if (!drafts.length) {
      el.drafts.append(h("p", { className: "help" }, "This bundle has no draft orders."));
      return;
    }
    drafts.forEach((resource, index) => {
      const ref = "ServiceRequest/" + resource.id;
      const id = "draft-" + index;
      const codes = orderCodes(resource);
      el.drafts.append(h("div", { className: "checkbox" },
        h("input", {
          type: "checkbox", id, value: ref, name: "selections",
          checked: keep ? previous.has(ref) : true,
        }),
        h("label", { for: id }, orderDisplay(resource),
          codes ? h("span", { className: "muted" }, " (" + codes + ")") : null)));
    });
    syncHook();
  }

  function checkedSelections() {
    return Array.from(el.drafts.querySelectorAll("input[type=checkbox]:checked"))
      .map((box) => box.value);
  }

  function syncHook() {
    const sign = el.hook.value === "order-sign";
    for (const box of el.drafts.querySelectorAll("input[type=checkbox]")) box.disabled = sign;
  }

  async function refreshDrafts() {
    const { bundle, problem } = parseBundleText();
    if (problem) {
      showBundleProblem(el.bundleText.value.trim() ? problem : "");
      renderDraftCheckboxes([]);
      return;
    }
    // The service's own conversion decides what a draft order is (bundle_request).
    const result = await callJson("POST", "/sandbox/hook-request", { bundle, hook: "order-sign" });
    if (!result.ok) {
      showBundleProblem("This bundle cannot be used: " + problemText(result));
      renderDraftCheckboxes([]);
      return;
    }
    showBundleProblem("");
    const entries = result.data.context.draftOrders.entry || [];
    renderDraftCheckboxes(entries.map((e) => e.resource).filter((r) => r && r.id));
  }

  function scheduleDraftRefresh() {
    clearTimeout(draftTimer);
    draftTimer = setTimeout(refreshDrafts, 400);
  }

  async function onBundleChosen() {
    const name = el.bundleSelect.value;
    if (!name) return;
    el.drafts.textContent = "";
    const result = await callJson("GET", "/sandbox/bundles/" + encodeURIComponent(name));
    if (!result.ok) {
      showBundleProblem("Could not load " + name + ": " + problemText(result));
      return;
    }
    el.bundleText.value = pretty(result.data);
    el.bundleFile.value = "";
    await refreshDrafts();
  }

  function onFileChosen() {
    const file = el.bundleFile.files && el.bundleFile.files[0];
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => {
      el.bundleSelect.value = "";
      el.bundleText.value = String(reader.result || "");
      el.drafts.textContent = "";
      refreshDrafts();
    };
    reader.onerror = () => showBundleProblem("Could not read the file " + file.name + ".");
    reader.readAsText(file);
  }

  // ---------------------------------------------------------------- running the hook

  async function run(event) {
    event.preventDefault();
    const { bundle, problem } = parseBundleText();
    if (problem) {
      showBundleProblem(problem);
      setStatus(problem, "error");
      el.bundleText.focus();
      return;
    }
    const hook = el.hook.value;
    const selections = checkedSelections();
    if (hook === "order-select" && !selections.length) {
      setStatus("order-select needs at least one selected draft order.", "error");
      return;
    }
    el.runButton.disabled = true;
    el.cards.textContent = "";
    feedbackLog = [];
    setRaw(el.rawFeedback, "none yet", "");
    setStatus("Running " + hook + "…", "busy");
    try {
      const ids = await discover();
      const serviceId = ids[hook];
      if (!serviceId) throw new Error("the service declares no " + hook + " service");
      const built = await callJson("POST", "/sandbox/hook-request",
        { bundle, hook, selections: hook === "order-select" ? selections : undefined });
      if (!built.ok) {
        showBundleProblem("This bundle cannot be used: " + problemText(built));
        setStatus("The bundle could not be turned into a hook request (HTTP " + built.status
          + "): " + problemText(built), "error");
        return;
      }
      showBundleProblem("");
      lastRequest = built.data;
      const url = "/cds-services/" + encodeURIComponent(serviceId);
      setRaw(el.rawRequest, "POST " + url, lastRequest);
      setRaw(el.rawResponse, "waiting", "");
      const started = performance.now();
      const answer = await callJson("POST", url, lastRequest);
      const ms = Math.round(performance.now() - started);
      setRaw(el.rawResponse, "HTTP " + answer.status + ", " + ms + " ms", answer.data ?? "");
      if (!answer.ok) {
        renderError(answer);
        setStatus("The service answered HTTP " + answer.status + ": " + problemText(answer),
          "error");
        return;
      }
      const cards = Array.isArray(answer.data && answer.data.cards) ? answer.data.cards : [];
      renderCards(cards, serviceId);
      setStatus(cards.length
        ? cards.length + (cards.length === 1 ? " card" : " cards") + " from " + serviceId
          + " (" + ms + " ms)."
        : "No cards — the service stays silent for this scenario (" + ms + " ms).",
      cards.length ? "ok" : "quiet");
    } catch (err) {
      setStatus("Run failed: " + err.message, "error");
    } finally {
      el.runButton.disabled = false;
    }
  }

  function renderError(result) {
    el.cards.append(h("div", { className: "error-box" },
      h("p", { className: "error-title" }, "Error: HTTP " + result.status + codeOf(result)),
      h("p", {}, problemText(result))));
  }

  function renderCards(cards, serviceId) {
    el.cards.textContent = "";
    if (!cards.length) {
      el.cards.append(h("p", { className: "no-cards" },
        "No cards — the service stays silent."));
      return;
    }
    cards.forEach((card, index) => el.cards.append(renderCard(card, index, serviceId)));
  }

  function renderCard(card, index, serviceId) {
    const indicator = INDICATORS[card.indicator] || { label: String(card.indicator || "Unknown"),
      className: "card--unknown" };
    const headingId = "card-" + index + "-summary";
    const outcome = h("div", { className: "card-outcome", "aria-live": "polite" });
    const article = h("article", { className: "card " + indicator.className,
      "aria-labelledby": headingId });
    const source = card.source || {};

    article.append(h("header", { className: "card-header" },
      h("span", { className: "indicator" }, indicator.label),
      h("h3", { id: headingId, className: "card-summary" }, card.summary || "(no summary)")));
    article.append(h("p", { className: "card-source" }, "Source: ",
      source.url ? safeLink(source.url, source.label || source.url) : (source.label || "unknown"),
      source.topic && source.topic.display ? " — " + source.topic.display : ""));
    if (card.detail) {
      const detail = h("div", { className: "card-detail" });
      detail.append(renderMarkdown(card.detail));
      article.append(detail);
    }

    const controls = [];
    const suggestions = Array.isArray(card.suggestions) ? card.suggestions : [];
    if (suggestions.length) {
      const group = h("div", { className: "suggestions", role: "group",
        "aria-label": "Suggestions" });
      for (const suggestion of suggestions) {
        const button = h("button", {
          type: "button",
          className: "suggestion" + (suggestion.isRecommended ? " suggestion--recommended" : ""),
        }, suggestion.label || "(unlabelled suggestion)",
        suggestion.isRecommended ? h("span", { className: "recommended" }, "Recommended") : null);
        button.addEventListener("click", () => accept(card, suggestion, serviceId, outcome,
          controls, button));
        controls.push(button);
        group.append(button);
      }
      article.append(h("h4", { className: "sub" }, "Suggestions"), group);
    }

    const links = Array.isArray(card.links) ? card.links : [];
    if (links.length) {
      article.append(h("h4", { className: "sub" }, "Links"), h("ul", { className: "links" },
        links.map((link) => h("li", {}, safeLink(link.url, link.label || link.url),
          link.type === "smart" ? h("span", { className: "muted" }, " (SMART app)") : null))));
    }

    const reasons = Array.isArray(card.overrideReasons) ? card.overrideReasons : [];
    article.append(renderOverride(card, index, reasons, serviceId, outcome, controls));
    article.append(outcome);
    return article;
  }

  function renderOverride(card, index, reasons, serviceId, outcome, controls) {
    const selectId = "override-reason-" + index;
    const commentId = "override-comment-" + index;
    const select = h("select", { id: selectId },
      h("option", { value: "" }, reasons.length ? "— choose a reason —" : "(no reasons offered)"),
      reasons.map((r, i) => h("option", { value: String(i) }, r.display || r.code)));
    const comment = h("textarea", { id: commentId, rows: 2 });
    const button = h("button", { type: "button", className: "override" }, "Override");
    button.addEventListener("click", () => override(card, reasons, select, comment, serviceId,
      outcome, controls));
    controls.push(button, select, comment);
    return h("details", { className: "override-box" },
      h("summary", {}, "Override this card"),
      h("div", { className: "field" }, h("label", { for: selectId }, "Reason"), select),
      h("div", { className: "field" }, h("label", { for: commentId }, "Comment (optional)"),
        comment),
      button);
  }

  // ---------------------------------------------------------------- accepting and overriding

  function draftOrdersAfter(actions) {
    const entries = lastRequest && lastRequest.context && lastRequest.context.draftOrders
      ? lastRequest.context.draftOrders.entry || [] : [];
    const rows = entries.map((e) => ({ resource: e.resource, state: "unchanged" }));
    const refOf = (r) => (r && r.resourceType && r.id ? r.resourceType + "/" + r.id : null);
    for (const action of actions) {
      if (action.type === "delete") {
        const target = action.resourceId || refOf(action.resource);
        for (const row of rows) if (refOf(row.resource) === target) row.state = "removed";
      } else if (action.type === "update" && action.resource) {
        const target = refOf(action.resource);
        const row = rows.find((r) => refOf(r.resource) === target);
        if (row) { row.resource = action.resource; row.state = "changed"; } else {
          rows.push({ resource: action.resource, state: "changed" });
        }
      } else if (action.type === "create" && action.resource) {
        rows.push({ resource: action.resource, state: "new" });
      }
    }
    return rows;
  }

  function renderAccepted(suggestion) {
    const actions = Array.isArray(suggestion.actions) ? suggestion.actions : [];
    const box = h("div", { className: "accepted" },
      h("p", { className: "outcome-title" }, "Accepted: " + (suggestion.label || "suggestion")));
    const list = h("ul", { className: "draft-after", "aria-label": "Draft orders after accepting" });
    for (const row of draftOrdersAfter(actions)) {
      const codes = orderCodes(row.resource);
      list.append(h("li", { className: "draft draft--" + row.state },
        h("span", { className: "draft-state" }, row.state),
        " " + orderDisplay(row.resource) + (codes ? " (" + codes + ")" : "")
          + " — status " + ((row.resource && row.resource.status) || "unknown")));
    }
    box.append(h("p", { className: "sub" }, "Draft orders now:"), list);
    for (const action of actions) {
      const word = ACTION_WORDS[action.type] || String(action.type);
      const item = h("div", { className: "action" },
        h("p", {}, h("strong", {}, word + ": "), action.description || ""));
      if (action.type === "delete" && action.resourceId) {
        item.append(h("p", { className: "muted" }, action.resourceId));
      }
      if (action.resource) {
        item.append(h("pre", { className: "json", tabindex: "0" }, pretty(action.resource)));
      }
      box.append(item);
    }
    return box;
  }

  async function accept(card, suggestion, serviceId, outcome, controls, button) {
    outcome.textContent = "";
    outcome.append(renderAccepted(suggestion));
    controls.forEach((c) => { c.disabled = true; });
    button.classList.add("suggestion--chosen");
    button.setAttribute("aria-pressed", "true");
    if (!card.uuid || !suggestion.uuid) {
      outcome.append(h("p", { className: "feedback" },
        "Feedback not sent: the card or suggestion has no uuid."));
      return;
    }
    await sendFeedback(serviceId, {
      card: card.uuid,
      outcome: "accepted",
      acceptedSuggestions: [{ id: suggestion.uuid }],
      outcomeTimestamp: new Date().toISOString(),
    }, outcome);
  }

  async function override(card, reasons, select, comment, serviceId, outcome, controls) {
    const reason = select.value === "" ? null : reasons[Number(select.value)];
    const text = comment.value.trim();
    if (!reason && !text) {
      outcome.textContent = "";
      outcome.append(h("p", { className: "problem" },
        "Choose a reason or write a comment to override this card."));
      select.focus();
      return;
    }
    if (!card.uuid) {
      outcome.textContent = "";
      outcome.append(h("p", { className: "feedback" }, "Feedback not sent: the card has no uuid."));
      return;
    }
    const overrideReason = {};
    if (reason) {
      overrideReason.reason = { system: reason.system, code: reason.code };
      if (reason.display) overrideReason.reason.display = reason.display;
    }
    if (text) overrideReason.userComment = text;
    outcome.textContent = "";
    outcome.append(h("p", { className: "outcome-title" },
      "Overridden" + (reason ? ": " + (reason.display || reason.code) : "")));
    controls.forEach((c) => { c.disabled = true; });
    await sendFeedback(serviceId, {
      card: card.uuid,
      outcome: "overridden",
      overrideReason,
      outcomeTimestamp: new Date().toISOString(),
    }, outcome);
  }

  async function sendFeedback(serviceId, item, outcome) {
    const url = "/cds-services/" + encodeURIComponent(serviceId) + "/feedback";
    const body = { feedback: [item] };
    const line = h("p", { className: "feedback" }, "Sending feedback…");
    outcome.append(line);
    const result = await callJson("POST", url, body);
    feedbackLog.push({ request: { method: "POST", url, body },
      response: { status: result.status, body: result.data } });
    setRaw(el.rawFeedback, feedbackLog.length + " sent", feedbackLog);
    if (result.ok) {
      const d = result.data || {};
      const counts = typeof d.stored === "number"
        ? " (stored " + d.stored + ", duplicates " + (d.duplicates || 0) + ")" : "";
      line.textContent = "Feedback sent (" + item.outcome + "): HTTP " + result.status + counts;
      line.className = "feedback feedback--ok";
      setStatus("Feedback (" + item.outcome + ") sent: HTTP " + result.status + ".", "ok");
    } else {
      line.textContent = "Feedback failed: HTTP " + result.status + codeOf(result) + " — "
        + problemText(result);
      line.className = "feedback feedback--error";
      setStatus("Feedback (" + item.outcome + ") failed: HTTP " + result.status + ".", "error");
    }
  }

  // ---------------------------------------------------------------- wiring

  // The renderer is exposed read-only so the browser test can feed it hostile markdown.
  window.cdsSandbox = Object.freeze({ renderMarkdown });

  el.form.addEventListener("submit", run);
  el.bundleSelect.addEventListener("change", onBundleChosen);
  el.bundleText.addEventListener("input", () => {
    el.bundleSelect.value = "";
    scheduleDraftRefresh();
  });
  el.bundleFile.addEventListener("change", onFileChosen);
  el.hook.addEventListener("change", syncHook);
  loadBundleList();
})();
