// The compliance page of the audit log, plain browser JavaScript without a build step. The
// checkpoint and the verifier key are public. Everything else needs a bearer token with the role
// "reader", which the page keeps in this tab's sessionStorage and sends only to this service.
// Every value from the log is inserted as text (textContent), never as HTML.
"use strict";

const TOKEN_KEY = "custos.audit.readerToken";
const LIST_SIZE = 20;
const SEARCH_PAGE_SIZE = 50;

const COUNT_DAYS = 14;
const TYPE_PREFIX = "dev.custos.";

const api = (path) => new URL("../v1/log/" + path, window.location.href);

function storedToken() {
  return window.sessionStorage.getItem(TOKEN_KEY);
}

// A link may hand the token over in the fragment (#token=...), which browsers do not send to the
// server. The page moves it to sessionStorage and replaces the current history entry with the
// address without it. NOTE: the browser's list of visited pages may still record the link.
function takeTokenFromFragment() {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const token = fragment.get("token");
  if (token) {
    window.sessionStorage.setItem(TOKEN_KEY, token);
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
  }
}

class ApiError extends Error {}

async function fetchText(url, withToken) {
  const headers = {};
  if (withToken) {
    const token = storedToken();
    if (!token) {
      throw new ApiError("Enter a reader token above to load this section.");
    }
    headers.Authorization = "Bearer " + token;
  }
  const response = await fetch(url, { headers, cache: "no-store", credentials: "omit" });
  const body = await response.text();
  if (!response.ok) {
    let detail = body;
    try {
      detail = JSON.parse(body).detail || body;
    } catch (e) {
      // Not a problem-details body; show it as it is.
    }
    if (response.status === 401) {
      throw new ApiError("The service rejected the token (401): " + detail);
    }
    if (response.status === 403) {
      throw new ApiError("The token may not read this (403): " + detail);
    }
    throw new ApiError("Request failed with status " + response.status + ": " + detail);
  }
  return body;
}

async function fetchJson(url) {
  return JSON.parse(await fetchText(url, true));
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  if (className) {
    node.className = className;
  }
  return node;
}

function setStatus(id, text, isError) {
  const node = document.getElementById(id);
  node.textContent = text || "";
  node.classList.toggle("error", Boolean(isError));
}

function headerRow(table, names) {
  const row = table.createTHead().insertRow();
  for (const name of names) {
    const cell = element("th", name);
    if (name === "Leaf" || name === "Total") {
      cell.className = "number";
    }
    row.appendChild(cell);
  }
  return row;
}

// Shows an instant such as 2026-12-04T18:37:31Z as "2026-12-04 18:37:31Z".
function formatTime(instant) {
  return instant ? instant.replace("T", " ") : "";
}

function entryCount(count) {
  return count + (count === 1 ? " entry" : " entries");
}

async function loadCheckpoint() {
  try {
    const [note, key] = await Promise.all([
      fetchText(api("checkpoint"), false),
      fetchText(api("key"), false),
    ]);
    const lines = note.split("\n");
    document.getElementById("checkpoint-origin").textContent = lines[0];
    document.getElementById("checkpoint-size").textContent = lines[1];
    document.getElementById("checkpoint-root").textContent = lines[2];
    document.getElementById("checkpoint-note").textContent = note;
    document.getElementById("verifier-key").textContent = key.trim();
    setStatus(
      "checkpoint-status",
      "The page shows the checkpoint as served; it does not check the signature. " +
        "Check it, and keep a copy outside Custos, with the verifier jar.",
      false,
    );
  } catch (error) {
    setStatus("checkpoint-status", error.message, true);
  }
}

function decisionClass(decision) {
  if (decision === "denied" || decision === "refused") {
    return "decision-denied";
  }
  if (decision === "allowed" || decision === "signed") {
    return "decision-allowed";
  }
  return "decision-other";
}

async function loadCounts() {
  const table = document.getElementById("counts");
  table.replaceChildren();
  try {
    // Whole UTC days, so that each bucket is one calendar day: today and the 13 days before it.
    const until = new Date();
    until.setUTCHours(24, 0, 0, 0);
    const since = new Date(until.getTime() - COUNT_DAYS * 86400000);
    const query = new URLSearchParams({
      bucket: "day",
      since: since.toISOString().replace(".000Z", "Z"),
      until: until.toISOString().replace(".000Z", "Z"),
    });
    const body = await fetchJson(api("counts?" + query));
    const series = new Map();
    const days = new Map();
    for (const count of body.counts) {
      const name = count.type + (count.decision ? " / " + count.decision : "");
      series.set(name, count.decision);
      const day = days.get(count.start) || new Map();
      day.set(name, (day.get(name) || 0) + count.count);
      days.set(count.start, day);
    }
    if (days.size === 0) {
      setStatus("counts-status", "No entries with an event time in the last " + COUNT_DAYS + " days.");
      return;
    }
    const names = [...series.keys()].sort();
    const header = headerRow(table, ["Day (UTC)"]);
    for (const name of names) {
      const cell = element("th", name.replace(TYPE_PREFIX, ""), "number");
      cell.title = name;
      header.appendChild(cell);
    }
    header.appendChild(element("th", "Total", "number"));
    header.appendChild(element("th", ""));
    let maximum = 0;
    for (const day of days.values()) {
      maximum = Math.max(maximum, [...day.values()].reduce((sum, value) => sum + value, 0));
    }
    const tbody = table.createTBody();
    for (const [start, day] of [...days.entries()].sort()) {
      const row = tbody.insertRow();
      row.appendChild(element("td", start.slice(0, 10), "nowrap"));
      let total = 0;
      const bars = element("td", null, "bars");
      for (const name of names) {
        const value = day.get(name) || 0;
        total += value;
        row.appendChild(element("td", value || "", "number"));
        if (value > 0) {
          const bar = element("span", null, "bar " + decisionClass(series.get(name)));
          bar.style.width = Math.max(2, Math.round((200 * value) / maximum)) + "px";
          bar.title = name + ": " + value;
          bars.appendChild(bar);
        }
      }
      row.appendChild(element("td", total, "number"));
      row.appendChild(bars);
    }
    setStatus("counts-status", "Counted by event time, per UTC day.");
  } catch (error) {
    setStatus("counts-status", error.message, true);
  }
}

function entryRow(tbody, view) {
  let entry;
  try {
    entry = JSON.parse(view.entry);
  } catch (error) {
    entry = { type: "(entry is not JSON)" };
  }
  const subject = entry.subject || {};
  const row = tbody.insertRow();
  row.appendChild(element("td", view.leafIndex, "number"));
  row.appendChild(element("td", formatTime(entry.time), "nowrap"));
  row.appendChild(element("td", entry.type || ""));
  row.appendChild(element("td", [subject.namespace, subject.name].filter(Boolean).join("/")));
  row.appendChild(element("td", subject.image || subject.digest || "", "hash"));
  row.appendChild(element("td", entry.actor || ""));
  row.appendChild(element("td", entry.decision || "", decisionClass(entry.decision)));
  row.appendChild(element("td", entry.reason || ""));
}

function entriesTable(table) {
  table.replaceChildren();
  headerRow(table, ["Leaf", "Time", "Type", "Workload", "Image", "Actor", "Decision", "Reason"]);
  return table.createTBody();
}

async function loadList(tableId, statusId, query, emptyText) {
  const table = document.getElementById(tableId);
  table.replaceChildren();
  try {
    const body = await fetchJson(api("search?" + query + "&order=desc&pageSize=" + LIST_SIZE));
    if (body.entries.length === 0) {
      setStatus(statusId, emptyText);
      return;
    }
    const tbody = entriesTable(table);
    for (const view of body.entries) {
      entryRow(tbody, view);
    }
    setStatus(statusId, "The latest " + entryCount(body.entries.length) + ", newest first.");
  } catch (error) {
    setStatus(statusId, error.message, true);
  }
}

const search = { digest: null, nextPageToken: null, tbody: null, shown: 0 };

async function searchDigest(digest, continuePage) {
  const more = document.getElementById("search-more");
  more.hidden = true;
  if (!continuePage) {
    search.digest = digest;
    search.nextPageToken = null;
    search.shown = 0;
    search.tbody = entriesTable(document.getElementById("search-results"));
  }
  try {
    const query = new URLSearchParams({ digest: search.digest, pageSize: SEARCH_PAGE_SIZE });
    if (continuePage && search.nextPageToken) {
      query.set("pageToken", search.nextPageToken);
    }
    const body = await fetchJson(api("search?" + query));
    for (const view of body.entries) {
      entryRow(search.tbody, view);
    }
    search.shown += body.entries.length;
    search.nextPageToken = body.nextPageToken;
    more.hidden = !body.nextPageToken;
    setStatus(
      "search-status",
      entryCount(search.shown) +
        " about " +
        search.digest +
        (body.nextPageToken ? " so far." : "."),
    );
  } catch (error) {
    setStatus("search-status", error.message, true);
  }
}

async function loadProtected() {
  setStatus("token-status", storedToken() ? "A token is set for this tab." : "No token is set.");
  const loads = [
    loadCounts(),
    loadList("denials", "denials-status", "decision=denied", "No denials."),
    loadList(
      "breakglass",
      "breakglass-status",
      "breakglass=true",
      "No breakglass admissions.",
    ),
  ];
  const digest = new URLSearchParams(window.location.search).get("digest");
  if (digest) {
    document.getElementById("search-digest").value = digest;
    loads.push(searchDigest(digest, false));
  }
  await Promise.all(loads);
}

function wireForms() {
  document.getElementById("token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = document.getElementById("token-input");
    const token = input.value.trim();
    input.value = "";
    if (token) {
      window.sessionStorage.setItem(TOKEN_KEY, token);
      loadProtected();
    }
  });
  document.getElementById("token-forget").addEventListener("click", () => {
    window.sessionStorage.removeItem(TOKEN_KEY);
    loadProtected();
  });
  document.getElementById("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const digest = document.getElementById("search-digest").value.trim();
    if (digest) {
      searchDigest(digest, false);
    }
  });
  document.getElementById("search-more").addEventListener("click", () => {
    searchDigest(search.digest, true);
  });
}

async function start() {
  takeTokenFromFragment();
  wireForms();
  await Promise.all([loadCheckpoint(), loadProtected()]);
  document.body.dataset.state = "ready";
}

start();
