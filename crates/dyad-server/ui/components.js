// Pieces several views share: the event filter bar, the status picker, the date window,
// the events table and the pager.
import { h, clear, fmtDate, fmtInt, fmtNum, typeChip, statusBadge, actorChips, EVENT_TYPES, STATUSES, STATUS_HELP,
  statusesOf, statusValue, apiStatus } from "./dom.js";
import { actorNameMap } from "./api.js";

/** Filter keys that the events API understands, in the order the bar shows them. */
export const FILTER_KEYS = ["actor", "recipient", "dyad", "event", "status", "since", "until", "q", "place", "country", "min_sources"];

/** The filters present in a URLSearchParams as a plain object. */
export function filtersOf(query) {
  const out = {};
  for (const key of FILTER_KEYS) {
    const v = query.get(key);
    if (v) out[key] = v;
  }
  return out;
}

/**
 * The filters as the API takes them: the URL's `status` (absent = the default statuses,
 * `all` = any) becomes the list the API filters by.
 */
export function apiFilters(filters) {
  return { ...filters, status: apiStatus(filters.status) };
}

/**
 * The status picker: one checkbox per status, the default ones (asserted, reported,
 * alleged) checked unless `value` (the URL's `status`) says otherwise. `onChange(value)`
 * gets the new URL value ("" for the default, "all", or a list). At least one stays checked.
 */
export function statusPicker(value, onChange) {
  const selected = new Set(statusesOf(value));
  const box = h("fieldset", { class: "status-picker" }, h("legend", null, "Status"));
  const inputs = [];
  for (const status of STATUSES) {
    const input = h("input", { type: "checkbox", name: "status", value: status, checked: selected.has(status) });
    input.addEventListener("change", () => {
      const now = inputs.filter((i) => i.checked).map((i) => i.value);
      if (!now.length) {
        input.checked = true;
        return;
      }
      onChange(statusValue(now));
    });
    inputs.push(input);
    box.append(h("label", { class: `status-option st-${status}`, title: STATUS_HELP[status] }, input, status));
  }
  const isDefault = statusValue([...selected]) === "";
  box.append(h("button", { type: "button", class: "link-btn", title: "asserted, reported and alleged events", disabled: isDefault, onclick: () => onChange("") }, "default"));
  box.valueOf = () => statusValue(inputs.filter((i) => i.checked).map((i) => i.value));
  return box;
}

/**
 * The default date window of the charts: the months in which the stored documents were
 * published (from /api/stats), so that a target "by 2050" or a mis-resolved date does not
 * stretch every chart over decades. Null when no document has a date.
 */
export function publicationWindow(stats) {
  if (!stats?.published_first || !stats?.published_last) return null;
  const since = `${stats.published_first.slice(0, 7)}-01`;
  const [y, m] = stats.published_last.slice(0, 7).split("-").map(Number);
  const until = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { since, until };
}

/** A date typed as YYYY-MM-DD (a real day), or null. */
export function isoDate(text) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text ? text : null;
}

/** Builds "#/<path>?k=v" from an object, skipping empty values. */
export function hashFor(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const qs = q.toString();
  return `#/${path}${qs ? `?${qs}` : ""}`;
}

let datalistDone = false;
async function actorDatalist() {
  if (datalistDone) return;
  datalistDone = true;
  const names = await actorNameMap();
  const list = h("datalist", { id: "actor-codes" });
  for (const [code, name] of names) list.append(h("option", { value: code }, name && name !== code ? name : code));
  document.body.append(list);
}

/**
 * The filter bar. `fields` picks which inputs to show; `onApply(filters)` runs when a field
 * changes (text fields on Enter or leaving the field).
 */
export function filterBar(filters, onApply, fields = ["actor", "recipient", "event", "status", "since", "until", "q", "place"]) {
  actorDatalist();
  const inputs = {};
  const form = h("form", { class: "filters", role: "search", onsubmit: (e) => { e.preventDefault(); apply(); } });
  const field = (key, label, control) => {
    inputs[key] = control;
    control.name = key;
    control.id = `f-${key}`;
    form.append(h("label", { class: `field field-${key}`, for: control.id }, h("span", null, label), control));
  };
  const text = (key, placeholder, extra = {}) =>
    h("input", { type: "text", value: filters[key] || "", placeholder, autocomplete: "off", spellcheck: "false", ...extra });
  const select = (key, options, anyLabel) => {
    const sel = h("select", null, h("option", { value: "" }, anyLabel));
    for (const [value, label] of options) sel.append(h("option", { value, selected: filters[key] === value }, label));
    return sel;
  };
  for (const key of fields) {
    if (key === "actor") field("actor", "Actor", text("actor", "e.g. RUS", { list: "actor-codes", size: 9 }));
    if (key === "recipient") field("recipient", "Recipient", text("recipient", "e.g. UKR", { list: "actor-codes", size: 9 }));
    if (key === "event") field("event", "Event type", select("event", EVENT_TYPES.map(([t]) => [t, t]), "any type"));
    if (key === "since") field("since", "Since", dateInput(filters.since));
    if (key === "until") field("until", "Until", dateInput(filters.until));
    if (key === "q") field("q", "Text", text("q", "search evidence", { type: "search", size: 16 }));
    if (key === "place") field("place", "Place", text("place", "e.g. Kyiv", { size: 10 }));
  }
  for (const control of Object.values(inputs)) {
    control.addEventListener("change", apply);
    if (control.tagName === "INPUT") {
      control.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); apply(); } });
    }
  }
  // The status is a group of checkboxes beside the fields (default: asserted, reported, alleged).
  const picker = fields.includes("status") ? statusPicker(filters.status, () => apply()) : null;
  if (picker) form.append(picker);
  const hidden = Object.fromEntries(Object.entries(filters).filter(([k]) => !fields.includes(k)));
  const active = Object.keys(filters).length > 0;
  form.append(
    h("div", { class: "filter-actions" },
      h("button", { type: "submit", class: "btn primary" }, "Apply"),
      active ? h("button", { type: "button", class: "btn", onclick: () => { for (const c of Object.values(inputs)) c.value = ""; onApply({}); } }, "Clear") : null,
    ),
  );
  // Filters that this bar does not show (e.g. dyad=) are kept and shown as removable tokens.
  const extra = Object.entries(hidden);
  if (extra.length) {
    form.append(h("div", { class: "filter-tokens" }, extra.map(([k, v]) =>
      h("span", { class: "token" }, `${k}: ${v}`, h("button", { type: "button", class: "token-x", "aria-label": `remove ${k}`, onclick: () => { delete hidden[k]; apply(); } }, "×")))));
  }
  function apply() {
    const next = { ...hidden };
    for (const [key, control] of Object.entries(inputs)) {
      let v = control.value.trim();
      if (key === "actor" || key === "recipient") v = v.toUpperCase();
      if ((key === "since" || key === "until") && v && !isoDate(v)) {
        control.setCustomValidity("a date as YYYY-MM-DD, e.g. 2025-01-31");
        control.reportValidity();
        return;
      }
      if (control.setCustomValidity) control.setCustomValidity("");
      if (v) next[key] = v;
    }
    if (picker) {
      const status = picker.valueOf();
      if (status) next.status = status;
      else delete next.status;
    }
    onApply(next);
  }
  return form;
}

/** A date field that reads and shows ISO dates (YYYY-MM-DD) whatever the browser's locale. */
function dateInput(value) {
  return h("input", { type: "text", value: value || "", placeholder: "YYYY-MM-DD", inputmode: "numeric", autocomplete: "off",
    pattern: "\\d{4}-\\d{2}-\\d{2}", maxlength: 10, size: 10, title: "a date as YYYY-MM-DD", class: "date-input" });
}

/** Where an event happened, as text. */
export function placeText(location) {
  if (!location) return "";
  return [location.name || location.text, location.country].filter(Boolean).join(", ");
}

const SORTS = { date: "Date", mentions: "Mentions", sources: "Sources", articles: "Articles" };

/**
 * The events table. `sort` is the current order; `onSort(order)` (optional) makes the
 * sortable headers clickable.
 */
export async function eventsTable(events, { sort = "date", onSort, compact = false } = {}) {
  const names = await actorNameMap();
  const th = (label, key, cls) => {
    if (!key || !onSort) return h("th", { class: cls, scope: "col" }, label);
    const isDate = key === "date";
    const active = isDate ? sort === "date" || sort === "date-asc" : sort === key;
    const next = isDate ? (sort === "date" ? "date-asc" : "date") : key;
    const arrow = active ? (sort === "date-asc" ? " ▲" : " ▼") : "";
    return h("th", { class: `${cls || ""} sortable${active ? " sorted" : ""}`, scope: "col", "aria-sort": active ? (sort === "date-asc" ? "ascending" : "descending") : "none" },
      h("button", { type: "button", class: "sort", onclick: () => onSort(next), title: `Sort by ${label.toLowerCase()}` }, label + arrow));
  };
  const table = h("table", { class: `events-table${compact ? " compact" : ""}` },
    h("thead", null, h("tr", null,
      th("Date", "date", "c-date"),
      th("Event", null, "c-type"),
      th("Actor", null, "c-actor"),
      h("th", { class: "c-arrow", "aria-hidden": "true" }, ""),
      th("Recipient", null, "c-actor"),
      th("Status", null, "c-status"),
      compact ? null : th("Place", null, "c-place"),
      th("Src", "sources", "c-num"),
      th("Ment", "mentions", "c-num"),
      compact ? null : th("Evidence", null, "c-evidence"),
    )));
  const body = h("tbody");
  for (const e of events) {
    const href = `#/event/${encodeURIComponent(e.store_id ?? e.id)}`;
    const row = h("tr", { class: "clickable", dataset: { id: String(e.store_id ?? e.id) } },
      h("td", { class: "c-date" }, h("a", { href, class: "row-link" }, fmtDate(e.date, e.date_precision, e.date_end)),
        !e.date && e.first_seen ? h("div", { class: "small muted", title: "The text gives no date: the event is filed under its first report's publication date" }, `pub. ${e.first_seen}`) : null),
      h("td", { class: "c-type" }, typeChip(e), h("span", { class: "cameo", title: "CAMEO code · Goldstein" }, ` ${e.cameo || ""} `, h("span", { class: `gs ${e.goldstein < 0 ? "neg" : "pos"}` }, fmtNum(e.goldstein)))),
      h("td", { class: "c-actor" }, actorChips(e.actor, names)),
      h("td", { class: "c-arrow", "aria-hidden": "true" }, "→"),
      h("td", { class: "c-actor" }, actorChips(e.recipient, names)),
      h("td", { class: "c-status" }, statusBadge(e.status)),
      compact ? null : h("td", { class: "c-place" }, placeText(e.location)),
      h("td", { class: "c-num" }, fmtInt(e.num_sources)),
      h("td", { class: "c-num" }, fmtInt(e.num_mentions)),
      compact ? null : h("td", { class: "c-evidence" }, h("span", { class: "evidence-snippet", title: e.evidence || "" }, e.evidence || "")),
    );
    row.addEventListener("click", (evt) => {
      if (evt.target.closest("a")) return; // links inside the row do their own thing
      location.hash = href;
    });
    body.append(row);
  }
  table.append(body);
  return h("div", { class: "table-wrap" }, table);
}

/** "1–50 of 312" with previous/next buttons. */
export function pager(total, limit, offset, onPage) {
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(total, offset + limit);
  return h("div", { class: "pager" },
    h("span", { class: "pager-info" }, `${fmtInt(first)}–${fmtInt(last)} of ${fmtInt(total)}`),
    h("button", { type: "button", class: "btn", disabled: offset <= 0, onclick: () => onPage(Math.max(0, offset - limit)) }, "← Prev"),
    h("button", { type: "button", class: "btn", disabled: last >= total, onclick: () => onPage(offset + limit) }, "Next →"),
  );
}

export function pageHeader(title, ...rest) {
  return h("header", { class: "page-head" }, h("h1", null, title), ...rest);
}

export { clear };
