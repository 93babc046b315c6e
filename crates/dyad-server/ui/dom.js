// DOM helpers: every string reaches the page as a text node or an attribute value set with
// setAttribute — never through innerHTML — so article text cannot become markup.

const SVG_NS = "http://www.w3.org/2000/svg";

function apply(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === "style" && typeof value === "object") {
      for (const [prop, v] of Object.entries(value)) el.style.setProperty(prop, String(v));
    } else if (key === "dataset") {
      for (const [k, v] of Object.entries(value)) el.dataset[k] = String(v);
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Creates an HTML element: h("a", {href: "#/"}, "text", otherNode). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  apply(el, attrs);
  return append(el, children);
}

/** Creates an SVG element. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  apply(el, attrs);
  return append(el, children);
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

// --- formatting -------------------------------------------------------------------------

export const fmtInt = (n) => (n === null || n === undefined ? "—" : Number(n).toLocaleString("en-US"));
/** "1 source", "2 sources", "1 entity mention": a count with its noun in the right number. */
export const plural = (n, one, many = `${one}s`) => `${fmtInt(n)} ${Number(n) === 1 ? one : many}`;
export const fmtNum = (n, digits = 1) =>
  n === null || n === undefined || Number.isNaN(Number(n)) ? "—" : Number(n).toFixed(digits);
export const fmtSigned = (n, digits = 1) =>
  n === null || n === undefined ? "—" : (n > 0 ? "+" : n < 0 ? "−" : "") + Math.abs(Number(n)).toFixed(digits);

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A date as precise as the data says: "29 Nov 2024", "Nov 2024", "2024", with a period end. */
export function fmtDate(date, precision, dateEnd) {
  if (!date) return "undated";
  const [y, m, d] = String(date).split("-");
  const one = (yy, mm, dd, p) => {
    if (p === "year" || !mm) return yy;
    if (p === "month" || !dd) return `${MONTHS[Number(mm) - 1] || mm} ${yy}`;
    return `${Number(dd)} ${MONTHS[Number(mm) - 1] || mm} ${yy}`;
  };
  let text = one(y, m, d, precision);
  if (dateEnd && dateEnd !== date) {
    const [y2, m2, d2] = String(dateEnd).split("-");
    text += " – " + one(y2, m2, d2, precision);
  }
  return text;
}

// --- the event vocabulary -----------------------------------------------------------------

export const QUADS = [
  { key: "verbal_cooperation", label: "Verbal cooperation", short: "V-coop", cls: "q1" },
  { key: "material_cooperation", label: "Material cooperation", short: "M-coop", cls: "q2" },
  { key: "verbal_conflict", label: "Verbal conflict", short: "V-conf", cls: "q3" },
  { key: "material_conflict", label: "Material conflict", short: "M-conf", cls: "q4" },
];
export const QUAD_COLOR = { 1: "var(--q1)", 2: "var(--q2)", 3: "var(--q3)", 4: "var(--q4)" };

/** PLOVER event types with their CAMEO quad class (1..4). */
export const EVENT_TYPES = [
  ["AGREE", 1], ["CONSULT", 1], ["SUPPORT", 1], ["REQUEST", 1],
  ["CONCEDE", 2], ["COOPERATE", 2], ["AID", 2], ["RETREAT", 2],
  ["ACCUSE", 3], ["REJECT", 3], ["THREATEN", 3],
  ["PROTEST", 4], ["SANCTION", 4], ["MOBILIZE", 4], ["COERCE", 4], ["ASSAULT", 4],
];
const TYPE_QUAD = Object.fromEntries(EVENT_TYPES);
export const quadOf = (event) => event?.quad_class || TYPE_QUAD[event?.event || event] || 0;

export const STATUSES = ["asserted", "reported", "alleged", "denied", "future", "hypothetical", "negated"];
/**
 * The statuses every count and chart shows unless the URL says otherwise (`status=`): what
 * the press states or attributes, not what is denied, negated, planned or conditional.
 */
export const DEFAULT_STATUSES = ["asserted", "reported", "alleged"];

/**
 * The statuses a URL value selects: absent → the default three; `all` → every status; a
 * comma-separated list → those (unknown names dropped; none left → the default).
 */
export function statusesOf(value) {
  if (!value) return [...DEFAULT_STATUSES];
  if (value === "all") return [...STATUSES];
  const picked = STATUSES.filter((s) => value.split(",").map((x) => x.trim()).includes(s));
  return picked.length ? picked : [...DEFAULT_STATUSES];
}

/** The URL value of a selection of statuses: "" for the default, `all` for every status. */
export function statusValue(selected) {
  const set = STATUSES.filter((s) => selected.includes(s));
  if (!set.length || (set.length === DEFAULT_STATUSES.length && DEFAULT_STATUSES.every((s) => set.includes(s)))) return "";
  if (set.length === STATUSES.length) return "all";
  return set.join(",");
}

/** The API's `status=` for a URL value: the list, or nothing when every status is wanted. */
export function apiStatus(value) {
  const set = statusesOf(value);
  return set.length === STATUSES.length ? undefined : set.join(",");
}
export const STATUS_HELP = {
  asserted: "stated as fact by the article",
  reported: "attributed to a named source",
  alleged: "attributed and hedged (reportedly, allegedly)",
  denied: "a party denies it",
  future: "planned or pledged",
  hypothetical: "conditional",
  negated: "explicitly did not happen",
};

export function statusBadge(status) {
  return h("span", { class: `badge st-${status || "unknown"}`, title: STATUS_HELP[status] || "" }, status || "unknown");
}

export function typeChip(event) {
  const q = quadOf(event);
  return h("span", { class: `chip q${q}`, title: QUADS[q - 1]?.label || "" }, event?.event || event || "?");
}

/** Whether a code is an organisation's own (IGONAT, IGOUNO, NGOAMN), not a country's. */
export function isOrganisationCode(code) {
  return /^(IGO|NGO|MNC)[A-Z0-9]+$/.test(code || "");
}

/**
 * "RUS·GOV" style label of an actor reference; an organisation with a code of its own is
 * shown by its name ("NATO", "European Union") when `names` (code → name) knows it.
 */
export function actorLabel(ref, names) {
  if (!ref) return "—";
  const code = ref.code || "?";
  const name = isOrganisationCode(code) ? names?.get(code) : null;
  if (name && name !== code) {
    // The group's own sector (IGO for an IGO) says nothing more.
    return ref.sector && ref.sector !== code.slice(0, 3) ? `${name}·${ref.sector}` : name;
  }
  return ref.sector ? `${code}·${ref.sector}` : code;
}

/** A code as people read it: an organisation's name, else the code itself. */
export function codeLabel(code, names) {
  const name = isOrganisationCode(code) ? names?.get(code) : null;
  return name && name !== code ? name : code;
}

/** Actor codes of an event side as compact chips linking to the events of that code. */
export function actorChips(list, names) {
  if (!list || list.length === 0) return h("span", { class: "muted" }, "—");
  const seen = new Set();
  const out = [];
  for (const ref of list) {
    const label = actorLabel(ref, names);
    if (seen.has(label)) continue;
    seen.add(label);
    // A party the sentence leaves unsaid and the story implies is marked as such.
    const implied = ref.implicit ? "implied by the story, not named in the sentence" : null;
    const title = [ref.text, names?.get(ref.code), ref.code, implied].filter(Boolean).join(" — ");
    out.push(
      ref.code
        ? h("a", { class: ref.implicit ? "actor implicit" : "actor", href: `#/events?actor=${encodeURIComponent(ref.code)}`, title }, label)
        : h("span", { class: "actor unknown", title: ref.text || "" }, ref.text ? `“${ref.text}”` : "?"),
    );
  }
  return h("span", { class: "actors" }, out);
}

/** A cooperation/conflict balance bar: four quad segments proportional to their counts. */
export function balanceBar(counts, width = 120) {
  const total = QUADS.reduce((sum, q) => sum + (counts[q.key] || 0), 0);
  const bar = h("span", { class: "balance", style: { width: typeof width === "number" ? `${width}px` : width }, role: "img" });
  const parts = QUADS.map((q) => `${q.label}: ${counts[q.key] || 0}`).join(", ");
  bar.setAttribute("aria-label", parts);
  bar.title = parts;
  if (!total) return bar;
  for (const q of QUADS) {
    const n = counts[q.key] || 0;
    if (n) bar.append(h("span", { class: `seg ${q.cls}`, style: { width: `${(100 * n) / total}%` } }));
  }
  return bar;
}

// --- tooltip ----------------------------------------------------------------------------

export function showTooltip(evt, lines) {
  const tip = document.getElementById("tooltip");
  if (!tip) return;
  clear(tip);
  lines.forEach((line, i) => tip.append(h(i === 0 ? "strong" : "div", null, line)));
  tip.hidden = false;
  const pad = 14;
  const rect = tip.getBoundingClientRect();
  let x = evt.clientX + pad;
  let y = evt.clientY + pad;
  if (x + rect.width > window.innerWidth - 8) x = evt.clientX - rect.width - pad;
  if (y + rect.height > window.innerHeight - 8) y = evt.clientY - rect.height - pad;
  tip.style.left = `${x}px`;
  tip.style.top = `${y}px`;
}

export function hideTooltip() {
  const tip = document.getElementById("tooltip");
  if (tip) tip.hidden = true;
}

// --- states -----------------------------------------------------------------------------

export const loading = (what = "Loading…") => h("p", { class: "state loading" }, what);

export function errorBox(err, retry) {
  const status = err?.status;
  let title = "Something went wrong";
  if (status === 404) title = "Not found";
  else if (status === 0 || status === undefined) title = "The dyad API cannot be reached";
  else if (status >= 400 && status < 500) title = "The request was refused";
  return h(
    "div",
    { class: "state error", role: "alert" },
    h("strong", null, title),
    h("p", null, err?.message || String(err)),
    retry ? h("button", { type: "button", class: "btn", onclick: retry }, "Retry") : null,
  );
}

export function emptyBox(message, hint) {
  return h("div", { class: "state empty" }, h("strong", null, message), hint ? h("p", null, hint) : null);
}
